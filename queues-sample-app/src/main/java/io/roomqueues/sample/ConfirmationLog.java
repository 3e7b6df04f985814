package io.roomqueues.sample;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.springframework.stereotype.Component;

/**
 * The last hundred confirmations, newest first.
 */
@Component
class ConfirmationLog {

	private static final int CAPACITY = 100;

	private final Deque<OrderConfirmation> confirmations = new ArrayDeque<>();

	synchronized void add(OrderConfirmation confirmation) {
		this.confirmations.addFirst(confirmation);
		if (this.confirmations.size() > CAPACITY) {
			this.confirmations.removeLast();
		}
	}

	synchronized List<OrderConfirmation> recent() {
		return List.copyOf(this.confirmations);
	}

}
