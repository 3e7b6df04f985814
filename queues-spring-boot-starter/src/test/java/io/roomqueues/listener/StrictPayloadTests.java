package io.roomqueues.listener;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Unknown properties: ignored by default (Jackson 3), refused for users who want strict records. */
class StrictPayloadTests {

	@Test
	void aMessageWithAnUnknownPropertyIsProcessedByDefault() {
		try (TestRoom room = new TestRoom("lenient")) {
			OrderListener listener = new OrderListener();
			room.runner().withBean(OrderListener.class, () -> listener).run((context) -> {
				room.direct().send("strict", Map.of("item", "pen", "colour", "red")).join();

				await().atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(listener.orders).containsExactly(new Order("pen")));
			});
		}
	}

	@Test
	void withFailOnUnknownPropertiesAMessageWithAnUnknownPropertyIsDeadLetteredWithoutRetries() {
		try (TestRoom room = new TestRoom("strict")) {
			OrderListener listener = new OrderListener();
			room.runner()
				.withPropertyValues("queues.listener.fail-on-unknown-properties=true")
				.withBean(OrderListener.class, () -> listener)
				.run((context) -> {
					room.direct().send("strict", Map.of("item", "pen", "colour", "red")).join();

					await().atMost(Duration.ofSeconds(10)).until(() -> room.size("strict.dlq") == 1);
					assertThat(room.drain("strict.dlq").get(0).at("/error/attempts").intValue()).isEqualTo(1);
					assertThat(listener.orders).isEmpty();
				});
		}
	}

	record Order(String item) {
	}

	static class OrderListener {

		final List<Order> orders = new CopyOnWriteArrayList<>();

		@QueueListener(queue = "strict", id = "strict")
		void listen(Order order) {
			this.orders.add(order);
		}

	}

}
