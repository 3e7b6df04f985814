package io.roomqueues.sample;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.roomqueues.listener.QueueListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.messaging.handler.annotation.SendTo;
import org.springframework.stereotype.Component;

/**
 * An asynchronous listener: logs an order confirmation, keeps it for {@code GET /orders/confirmations}, and notifies
 * the customer on another thread. The confirmation stays held (and counts as in flight) until the returned future
 * completes; its value then goes to {@code shipments}.
 */
@Component
class ConfirmationListener {

	static final String SHIPMENTS = "shipments";

	private static final Logger logger = LoggerFactory.getLogger(ConfirmationListener.class);

	private final ConfirmationLog log;

	private final Duration notifyTime;

	ConfirmationListener(ConfirmationLog log, @Value("${sample.notify-time:100ms}") Duration notifyTime) {
		this.log = log;
		this.notifyTime = notifyTime;
	}

	@QueueListener(queue = OrderListener.CONFIRMATIONS, id = "confirmations")
	@SendTo(SHIPMENTS)
	CompletableFuture<OrderConfirmation> confirmed(OrderConfirmation confirmation) {
		logger.info("Confirmed order {}: {} x {}", confirmation.confirmationId(), confirmation.quantity(),
				confirmation.item());
		this.log.add(confirmation);
		// the "notification" runs after a delay on another thread; no listener thread waits in a sleep for it
		return CompletableFuture.supplyAsync(() -> {
			logger.info("Notified the customer of order {}", confirmation.confirmationId());
			return confirmation;
		}, CompletableFuture.delayedExecutor(this.notifyTime.toMillis(), TimeUnit.MILLISECONDS));
	}

}
