package io.roomqueues.sample;

import io.roomqueues.listener.QueueListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Logs order confirmations and keeps the latest for {@code GET /orders/confirmations}.
 */
@Component
class ConfirmationListener {

	private static final Logger logger = LoggerFactory.getLogger(ConfirmationListener.class);

	private final ConfirmationLog log;

	ConfirmationListener(ConfirmationLog log) {
		this.log = log;
	}

	@QueueListener(queue = OrderListener.CONFIRMATIONS, id = "confirmations")
	void confirmed(OrderConfirmation confirmation) {
		logger.info("Confirmed order {}: {} x {}", confirmation.confirmationId(), confirmation.quantity(),
				confirmation.item());
		this.log.add(confirmation);
	}

}
