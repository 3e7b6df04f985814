package io.roomqueues.sample;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.springframework.stereotype.Component;

/**
 * The last hundred shipments, newest first; each is one batch of confirmed orders.
 */
@Component
class ShipmentLog {

	private static final int CAPACITY = 100;

	private final Deque<Shipment> shipments = new ArrayDeque<>();

	synchronized void add(List<OrderConfirmation> confirmations) {
		this.shipments.addFirst(new Shipment(List.copyOf(confirmations), Instant.now()));
		if (this.shipments.size() > CAPACITY) {
			this.shipments.removeLast();
		}
	}

	synchronized List<Shipment> recent() {
		return List.copyOf(this.shipments);
	}

	/**
	 * One batch shipped together.
	 *
	 * @param orders the confirmed orders in it
	 * @param shippedAt when it was shipped
	 */
	record Shipment(List<OrderConfirmation> orders, Instant shippedAt) {
	}

}
