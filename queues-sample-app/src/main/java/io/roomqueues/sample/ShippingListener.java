package io.roomqueues.sample;

import java.util.List;

import io.roomqueues.listener.QueueListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A batch listener: ships confirmed orders together, up to ten at a time, waiting up to a second for a batch to fill
 * after its first order. A failed batch would be retried whole, then order by order, so only an order that fails on
 * its own lands on {@code shipments.dlq}.
 */
@Component
class ShippingListener {

	private static final Logger logger = LoggerFactory.getLogger(ShippingListener.class);

	private final ShipmentLog shipments;

	ShippingListener(ShipmentLog shipments) {
		this.shipments = shipments;
	}

	@QueueListener(queue = ConfirmationListener.SHIPMENTS, id = "shipments",
			batchSize = "${sample.shipment-batch-size:10}", batchWait = "${sample.shipment-batch-wait:1s}")
	void ship(List<OrderConfirmation> confirmations) {
		logger.info("Shipping {} order(s) in one batch: {}", confirmations.size(),
				confirmations.stream().map(OrderConfirmation::item).toList());
		this.shipments.add(confirmations);
	}

}
