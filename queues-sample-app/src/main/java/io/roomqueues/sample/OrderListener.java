package io.roomqueues.sample;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.roomqueues.listener.QueueListener;
import jakarta.validation.Valid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.messaging.handler.annotation.SendTo;
import org.springframework.stereotype.Component;

/**
 * Processes orders: an invalid order fails validation and goes to {@code orders.dlq}; a valid one is "worked on" and
 * confirmed on {@code order-confirmations}.
 */
@Component
class OrderListener {

	static final String ORDERS = "orders";

	static final String CONFIRMATIONS = "order-confirmations";

	private static final Logger logger = LoggerFactory.getLogger(OrderListener.class);

	private final Duration workTime;

	OrderListener(@Value("${sample.work-time:200ms}") Duration workTime) {
		this.workTime = workTime;
	}

	@QueueListener(queue = ORDERS, id = "orders", concurrency = "${sample.order-concurrency:2}")
	@SendTo(CONFIRMATIONS)
	OrderConfirmation process(@Valid Order order) throws InterruptedException {
		Thread.sleep(this.workTime.toMillis()); // the "work" of this sample
		logger.info("Processed order: {} x {}", order.quantity(), order.item());
		return new OrderConfirmation(UUID.randomUUID().toString(), order.item(), order.quantity(), Instant.now());
	}

}
