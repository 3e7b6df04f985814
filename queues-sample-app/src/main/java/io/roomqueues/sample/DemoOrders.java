package io.roomqueues.sample;

import java.util.List;

import io.roomqueues.client.RoomClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Sends a few demo orders, one of them invalid, once the application is ready, so the log shows the whole flow:
 * sent, processed, confirmed, dead-lettered. Off with {@code sample.demo-orders=false}, read at run time rather than
 * by a condition, so the switch also works in a jar processed ahead of time.
 */
@Component
class DemoOrders {

	private static final Logger logger = LoggerFactory.getLogger(DemoOrders.class);

	private static final List<Order> ORDERS = List.of(new Order("book", 2), new Order("pen", 10),
			new Order("lamp", 0), new Order("mug", 1));

	private final RoomClient room;

	private final boolean enabled;

	DemoOrders(RoomClient room, @Value("${sample.demo-orders:true}") boolean enabled) {
		this.room = room;
		this.enabled = enabled;
	}

	@EventListener(ApplicationReadyEvent.class)
	void send() {
		if (!this.enabled) {
			return;
		}
		// off the client's reader thread, since each send waits for its answer
		this.room.whenConnected().thenRunAsync(() -> {
			for (Order order : ORDERS) {
				this.room.queues().send(OrderListener.ORDERS, order).join();
				logger.info("Sent demo order: {} x {}{}", order.quantity(), order.item(),
						(order.quantity() < 1) ? " (invalid: it will be dead-lettered)" : "");
			}
		});
	}

}
