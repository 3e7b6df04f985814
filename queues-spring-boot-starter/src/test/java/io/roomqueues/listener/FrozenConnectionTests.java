package io.roomqueues.listener;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.roomqueues.actuate.RoomHealthIndicator;
import io.roomqueues.client.QueuesClient;
import io.roomqueues.server.junit.TcpRelay;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A connection that goes silent without a close, between the application and the room. */
class FrozenConnectionTests {

	private static final Duration INTERVAL = Duration.ofMillis(500);

	private static final Duration TIMEOUT = Duration.ofMillis(500);

	private static final Duration MAX_BACKOFF = Duration.ofMillis(300);

	/**
	 * Beyond interval + timeout + backoff: the slot's pause before its next receive (at most 0.5 s), the connect and
	 * the listener itself, with room for a machine busy building.
	 */
	private static final Duration MARGIN = Duration.ofSeconds(2);

	@Test
	void aFrozenConnectionTurnsHealthDownThenUpAndTheListenerResumesWithoutLosingAMessage() {
		try (TestRoom room = new TestRoom("frozen"); TcpRelay relay = TcpRelay.start(room.server.port())) {
			Listener listener = new Listener();
			room.runner("ws://127.0.0.1:" + relay.port())
				.withPropertyValues("queues.room.keepalive.interval=" + INTERVAL.toMillis() + "ms",
						"queues.room.keepalive.timeout=" + TIMEOUT.toMillis() + "ms",
						"queues.room.reconnect.initial-delay=100ms",
						"queues.room.reconnect.max-delay=" + MAX_BACKOFF.toMillis() + "ms",
						"queues.room.reconnect.jitter=0", "queues.room.connect-timeout=1s",
						"queues.listener.concurrency=2")
				.withBean(Listener.class, () -> listener)
				.run((context) -> {
					RoomHealthIndicator health = context.getBean(RoomHealthIndicator.class);
					QueuesClient direct = room.direct();
					direct.send("frozen", Map.of("id", "a")).join();
					direct.send("frozen", Map.of("id", "b")).join();
					// both slots busy, so no receive of the application is parked on the server when it freezes
					assertThat(listener.bothInside.await(10, TimeUnit.SECONDS)).isTrue();

					relay.freeze();
					for (int i = 1; i <= 5; i++) {
						direct.send("frozen", Map.of("id", "c" + i)).join();
					}
					await().atMost(INTERVAL.plus(TIMEOUT).plus(MARGIN))
						.until(() -> health.health(true).getStatus().equals(Status.DOWN));
					listener.release.countDown();

					relay.heal();

					Duration bound = INTERVAL.plus(TIMEOUT).plus(MAX_BACKOFF).plus(MARGIN);
					await().atMost(bound).untilAsserted(() -> {
						assertThat(health.health(true).getStatus()).isEqualTo(Status.UP);
						assertThat(listener.ids).containsExactlyInAnyOrder("a", "b", "c1", "c2", "c3", "c4", "c5");
					});
					assertThat(room.size("frozen")).isZero();
				});
		}
	}

	static class Listener {

		final List<String> ids = new CopyOnWriteArrayList<>();

		final CountDownLatch bothInside = new CountDownLatch(2);

		final CountDownLatch release = new CountDownLatch(1);

		@QueueListener(queue = "frozen", id = "frozen")
		void listen(ObjectNode message) throws InterruptedException {
			String id = message.get("id").stringValue();
			if (id.equals("a") || id.equals("b")) {
				this.bothInside.countDown();
				this.release.await(30, TimeUnit.SECONDS);
			}
			this.ids.add(id);
		}

	}

}
