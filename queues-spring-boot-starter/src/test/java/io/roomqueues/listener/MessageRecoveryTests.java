package io.roomqueues.listener;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import io.roomqueues.actuate.RoomHealthIndicator;
import io.roomqueues.client.ConnectionState;
import io.roomqueues.client.RoomClient;
import io.roomqueues.server.junit.TcpRelay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationListener;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What becomes of a message whose recovery (the dead-letter send) fails: it is held, never dropped. */
@ExtendWith(OutputCaptureExtension.class)
class MessageRecoveryTests {

	@Test
	void aDeadLetterThatCannotBeSentWhileTheRoomIsUnreachableIsSentOnceTheRoomIsBack() {
		try (TestRoom room = new TestRoom("held"); TcpRelay relay = TcpRelay.start(room.server.port())) {
			FailingListener listener = new FailingListener();
			room.runner("ws://127.0.0.1:" + relay.port())
				.withPropertyValues("queues.room.keepalive.interval=300ms", "queues.room.keepalive.timeout=300ms",
						"queues.room.connect-timeout=1s", "queues.listener.retry.max-attempts=1")
				.withBean(FailingListener.class, () -> listener)
				.run((context) -> {
					RoomClient client = context.getBean(RoomClient.class);
					QueueListenerContainer container = context.getBean(QueueListenerRegistry.class)
						.getListenerContainer("held");
					listener.recovered = () -> container.getStatistics().getRecovered();
					room.direct().send("held", Map.of("id", "poison")).join();
					assertThat(listener.inside.await(10, TimeUnit.SECONDS)).isTrue();

					relay.freeze();
					await().atMost(Duration.ofSeconds(5)).until(() -> client.state() != ConnectionState.CONNECTED);
					room.direct().send("held", Map.of("id", "next")).join();
					listener.release.countDown();

					// longer than the old recovery kept trying (5 attempts over 7.5 s) before it logged and dropped
					await().during(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
						assertThat(room.size("held.dlq")).as("dead letters while the room is unreachable").isZero();
						assertThat(room.size("held")).as("the next message stays in the queue").isEqualTo(1);
						assertThat(container.getInFlight()).as("the slot holding the failed message").isEqualTo(1);
					});
					relay.heal();

					ObjectNode letter = room.direct().receive("held.dlq", Duration.ofSeconds(10)).join();
					assertThat(letter).isNotNull();
					assertThat(letter.at("/message/id").stringValue()).isEqualTo("poison");
					await().atMost(Duration.ofSeconds(10))
						.untilAsserted(() -> assertThat(listener.calls).containsExactly("poison", "next"));
					assertThat(listener.recoveredWhenNextArrived).as("the next message waited for the recovery")
						.containsExactly(1L);
					assertThat(room.size("held.dlq")).isZero();
					assertThat(room.size("held")).isZero();
				});
		}
	}

	@Test
	void aMessageSentBackWhileTheRoomIsUnreachableReachesItsQueueOnceTheRoomIsBack() {
		try (TestRoom room = new TestRoom("back"); TcpRelay relay = TcpRelay.start(room.server.port())) {
			FailingListener listener = new FailingListener();
			room.runner("ws://127.0.0.1:" + relay.port())
				.withPropertyValues("queues.room.keepalive.interval=300ms", "queues.room.keepalive.timeout=300ms",
						"queues.room.connect-timeout=1s", "queues.listener.shutdown-timeout=100ms")
				.withBean(FailingListener.class, () -> listener)
				.run((context) -> {
					RoomClient client = context.getBean(RoomClient.class);
					QueueListenerContainer container = context.getBean(QueueListenerRegistry.class)
						.getListenerContainer("held");
					room.direct().send("held", Map.of("id", "slow")).join();
					assertThat(listener.inside.await(10, TimeUnit.SECONDS)).isTrue();
					relay.freeze();
					await().atMost(Duration.ofSeconds(5)).until(() -> client.state() != ConnectionState.CONNECTED);

					// the listener is still busy at the shutdown timeout: its message goes back to the queue
					container.stop();
					assertThat(container.getStatistics().getReturned()).isEqualTo(1);
					relay.heal();

					await().atMost(Duration.ofSeconds(10)).until(() -> room.size("held") == 1);
					assertThat(room.drain("held")).singleElement()
						.satisfies((message) -> assertThat(message.get("id").stringValue()).isEqualTo("slow"));
				});
		}
	}

	@Test
	void aDeadLetterQueueWithoutASendGrantStopsTheListenerAfterReturningTheMessage(CapturedOutput output) {
		refuseTheDeadLetter(output, false);
	}

	@Test
	void theBodyOfAMessageIsLoggedOnlyWhenAskedFor(CapturedOutput output) {
		refuseTheDeadLetter(output, true);
	}

	private void refuseTheDeadLetter(CapturedOutput output, boolean logBodies) {
		try (TestRoom room = new TestRoom("refused")) {
			FailedEvents events = new FailedEvents();
			room.runner()
				.withPropertyValues("queues.room.token=" + room.token(List.of("refused"), List.of("refused")),
						"queues.listener.retry.max-attempts=1", "queues.listener.log-message-bodies=" + logBodies)
				.withBean(RefusedListener.class, RefusedListener::new)
				.withBean(FailedEvents.class, () -> events)
				.run((context) -> {
					QueueListenerContainer container = context.getBean(QueueListenerRegistry.class)
						.getListenerContainer("refused");
					room.direct().send("refused", Map.of("card", "4111-0000-secret")).join();

					await().atMost(Duration.ofSeconds(10)).until(() -> !events.received.isEmpty());

					assertThat(container.isRunning()).isFalse();
					assertThat(events.received).singleElement()
						.satisfies((event) -> assertThat(event.getListenerId()).isEqualTo("refused"));
					List<ObjectNode> back = room.drain("refused");
					assertThat(back).singleElement()
						.satisfies((message) -> assertThat(message.get("card").stringValue()).isEqualTo("4111-0000-secret"));
					assertThat(room.size("refused.dlq")).isZero();
					Health health = context.getBean(RoomHealthIndicator.class).health(true);
					assertThat(health.getStatus()).isEqualTo(Status.DOWN);
					assertThat(health.getDetails().toString()).contains("refused.dlq").contains("send").contains("1001");
					assertThat(output).contains("message from queue 'refused' (listener 'refused', 27 bytes)");
					if (logBodies) {
						assertThat(output).contains("4111-0000-secret");
					}
					else {
						assertThat(output).doesNotContain("4111-0000-secret");
					}
				});
		}
	}

	static class FailingListener {

		final CountDownLatch inside = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		final List<String> calls = new CopyOnWriteArrayList<>();

		final List<Long> recoveredWhenNextArrived = new CopyOnWriteArrayList<>();

		volatile LongSupplier recovered = () -> -1;

		@QueueListener(queue = "held", id = "held")
		void listen(ObjectNode message) throws InterruptedException {
			String id = message.get("id").stringValue();
			this.calls.add(id);
			if (id.equals("next")) {
				this.recoveredWhenNextArrived.add(this.recovered.getAsLong());
				return;
			}
			this.inside.countDown();
			this.release.await(30, TimeUnit.SECONDS);
			throw new IllegalStateException("cannot process " + id);
		}

	}

	static class RefusedListener {

		@QueueListener(queue = "refused", id = "refused")
		void listen(ObjectNode message) {
			throw new IllegalStateException("always fails");
		}

	}

	static class FailedEvents implements ApplicationListener<QueueListenerContainerFailedEvent> {

		final List<QueueListenerContainerFailedEvent> received = new CopyOnWriteArrayList<>();

		@Override
		public void onApplicationEvent(QueueListenerContainerFailedEvent event) {
			this.received.add(event);
		}

	}

}
