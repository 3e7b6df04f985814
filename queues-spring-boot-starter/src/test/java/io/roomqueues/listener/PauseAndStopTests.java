package io.roomqueues.listener;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.roomqueues.autoconfigure.RoomClientCustomizer;
import io.roomqueues.client.QueuesClient;
import io.roomqueues.client.RoomClient;
import io.roomqueues.server.junit.TcpRelay;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A paused or stopped container gives up its receives: each message they still take goes back once, in order, and
 * nothing bounces between them.
 */
class PauseAndStopTests {

	@Test
	void aPausedContainerSendsEachMessageBackAtMostOnceAndKeepsTheirOrder() {
		bouncesEachMessageAtMostOnce(QueueListenerContainer::pause, QueueListenerContainer::resume);
	}

	@Test
	void aStoppedContainerSendsEachMessageBackAtMostOnceAndKeepsTheirOrder() {
		bouncesEachMessageAtMostOnce(QueueListenerContainer::stop, QueueListenerContainer::start);
	}

	private void bouncesEachMessageAtMostOnce(Consumer<QueueListenerContainer> halt,
			Consumer<QueueListenerContainer> restart) {
		try (TestRoom room = new TestRoom("paused"); TcpRelay relay = TcpRelay.start(room.server.port())) {
			Listener listener = new Listener();
			SendCounter sends = new SendCounter();
			// through a relay whose byte count says when a message was written to the application; without
			// keepalive, nothing else comes from the server meanwhile
			room.runner("ws://127.0.0.1:" + relay.port())
				// a hold time longer than any pause between the sends below: each message bounces at most once
				.withPropertyValues("queues.listener.concurrency=4", "queues.room.keepalive.interval=0s",
						"queues.room.hold-time=30s")
				.withBean(Listener.class, () -> listener)
				.withBean(RoomClientCustomizer.class, () -> (builder) -> builder.interceptor(sends))
				.run((context) -> {
					RoomClient client = context.getBean(RoomClient.class);
					QueueListenerContainer container = context.getBean(QueueListenerRegistry.class)
						.getListenerContainer("paused");
					await().until(() -> client.queues().waitingReceives() == 4);

					halt.accept(container);
					QueuesClient direct = room.direct();
					for (int n = 1; n <= 4; n++) {
						// one at a time: the server may write deliveries to one connection out of order
						long written = relay.bytesFromTarget();
						int queued = room.size("paused");
						direct.send("paused", message(n)).join();
						await().atMost(Duration.ofSeconds(10))
							.until(() -> relay.bytesFromTarget() > written || room.size("paused") > queued);
					}
					// the four receives outstanding at the pause have answered, and what they took is back
					await().atMost(Duration.ofSeconds(10))
						.until(() -> room.size("paused") == 4 && client.unclaimedMessages() == 0);
					for (int n = 5; n <= 8; n++) {
						direct.send("paused", message(n)).join();
					}

					for (int n = 1; n <= 4; n++) {
						assertThat(sends.sends("paused", message(n))).as("times message %d was sent back", n)
							.isEqualTo(1);
					}
					assertThat(sends.sends("paused")).as("messages sent back in all").isEqualTo(4);
					List<Integer> order = room.drain("paused").stream().map((m) -> m.get("n").intValue()).toList();
					assertThat(order).as("order seen by a second consumer").containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
					assertThat(container.getStatistics().getReturned()).isLessThanOrEqualTo(4);
					assertThat(listener.numbers).isEmpty();

					restart.accept(container);
					direct.send("paused", message(9)).join();
					await().atMost(Duration.ofSeconds(10))
						.untilAsserted(() -> assertThat(listener.numbers).containsExactly(9));
				});
		}
	}

	@Test
	void aPausedContainerLeavesNoMessageAwayFromOtherConsumersLongerThanTheHoldTime() {
		try (TestRoom room = new TestRoom("stranded")) {
			room.runner()
				.withPropertyValues("queues.listener.concurrency=2")
				.withBean(StrandedListener.class, StrandedListener::new)
				.run((context) -> {
					RoomClient client = context.getBean(RoomClient.class);
					QueueListenerContainer container = context.getBean(QueueListenerRegistry.class)
						.getListenerContainer("stranded");
					await().until(() -> client.queues().waitingReceives() == 2);
					container.pause();
					await().until(() -> client.queues().waitingReceives() == 0);

					room.direct().send("stranded", message(1)).join();

					// another instance of the application, still running, gets it once the paused one's hold is up
					assertThat(room.direct().receive("stranded", Duration.ofSeconds(10)).join())
						.hasToString("{\"n\":1}");
				});
		}
	}

	private static ObjectNode message(int n) {
		return JsonNodeFactory.instance.objectNode().put("n", n);
	}

	static class StrandedListener {

		@QueueListener(queue = "stranded", id = "stranded")
		void listen(ObjectNode message) {
		}

	}

	static class Listener {

		final List<Integer> numbers = new CopyOnWriteArrayList<>();

		@QueueListener(queue = "paused", id = "paused")
		void listen(Map<String, Integer> message) {
			this.numbers.add(message.get("n"));
		}

	}

}
