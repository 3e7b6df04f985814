package io.roomqueues.listener;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.roomqueues.client.ConnectionState;
import io.roomqueues.client.QueuesClient;
import io.roomqueues.client.RoomClient;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Application listeners of the container events run on the container's threads; one that throws is logged and never
 * skips what the container does after the event: sending messages back, receiving again, starting or stopping.
 */
class ThrowingEventListenerTests {

	record Item(int n) {
	}

	@Test
	void theRestOfABatchGoesBackWhenTheDeadLetterQueueIsRefusedAndAFailedEventListenerThrows() {
		try (TestRoom room = new TestRoom("lossy")) {
			QueuesClient direct = room.direct();
			for (int n = 1; n <= 3; n++) {
				direct.send("lossy", new Item(n)).join();
			}
			ThrowingOnFailed alert = new ThrowingOnFailed();
			room.runner()
				// no grant on the dead-letter queue: the recovery is refused for good and the container fails
				.withPropertyValues("queues.room.token=" + room.token(List.of("lossy"), List.of("lossy")),
						"queues.listener.retry.max-attempts=1")
				.withBean(PoisonBatch.class, PoisonBatch::new)
				.withBean(ThrowingOnFailed.class, () -> alert)
				.run((context) -> {
					QueueListenerContainer container = context.getBean(QueueListenerRegistry.class)
						.getListenerContainer("lossy");
					await().atMost(Duration.ofSeconds(10)).until(() -> alert.calls.get() > 0);
					await().atMost(Duration.ofSeconds(10)).until(() -> container.getInFlight() == 0);

					await().atMost(Duration.ofSeconds(10))
						.untilAsserted(() -> assertThat(room.size("lossy")).as("messages back in the queue").isEqualTo(3));
					assertThat(container.getFailure()).isNotNull();
				});
		}
	}

	@Test
	void aSlotReceivesAgainAfterAFailedReceiveWhenAFailedEventListenerThrows() {
		try (TestRoom room = new TestRoom("dead-slot")) {
			Singles listener = new Singles();
			ThrowingOnFailed alert = new ThrowingOnFailed();
			room.runner()
				// started once connected: a receive made before would fail as retryable, not as too large
				.withPropertyValues("queues.room.max-message-size=4096", "queues.listener.auto-startup=false")
				.withBean(Singles.class, () -> listener)
				.withBean(ThrowingOnFailed.class, () -> alert)
				.run((context) -> {
					RoomClient client = context.getBean(RoomClient.class);
					await().atMost(Duration.ofSeconds(10)).until(() -> client.state() == ConnectionState.CONNECTED);
					context.getBean(QueueListenerRegistry.class).start("dead-slot");
					await().atMost(Duration.ofSeconds(10)).until(() -> client.queues().waitingReceives() == 1);
					QueuesClient direct = room.direct();
					// larger than the application's client takes: the receive waiting for it fails, and not for a
					// lost connection
					direct.send("dead-slot", Map.of("text", "x".repeat(10_000))).join();
					direct.send("dead-slot", new Item(2)).join();

					await().atMost(Duration.ofSeconds(10))
						.untilAsserted(() -> assertThat(listener.processed).as("processed").containsExactly(2));
					assertThat(alert.calls).as("failed events").hasPositiveValue();
				});
		}
	}

	@Test
	void everyContainerStartsWhenAStartedEventListenerThrows() {
		try (TestRoom room = new TestRoom("started")) {
			ThrowingOnStarted throwing = new ThrowingOnStarted();
			room.runner()
				.withBean(Singles.class, Singles::new)
				.withBean(Others.class, Others::new)
				.withBean(ThrowingOnStarted.class, () -> throwing)
				.run((context) -> {
					assertThat(context).hasNotFailed();
					QueueListenerRegistry registry = context.getBean(QueueListenerRegistry.class);
					assertThat(registry.getListenerContainers()).hasSize(2)
						.allSatisfy((container) -> assertThat(container.isRunning()).isTrue());
					assertThat(throwing.calls).hasValue(2);
				});
		}
	}

	@Test
	void everyContainerStopsWhenAStoppedEventListenerThrows() {
		try (TestRoom room = new TestRoom("stopped")) {
			ThrowingOnStopped throwing = new ThrowingOnStopped();
			room.runner()
				.withBean(Singles.class, Singles::new)
				.withBean(Others.class, Others::new)
				.withBean(ThrowingOnStopped.class, () -> throwing)
				.run((context) -> {
					QueueListenerRegistry registry = context.getBean(QueueListenerRegistry.class);

					registry.stop();

					assertThat(throwing.stopped).containsExactlyInAnyOrder("dead-slot", "others");
					assertThat(registry.getListenerContainers())
						.allSatisfy((container) -> assertThat(container.isRunning()).isFalse());
					// each stop is over: a start does not wait for it, and receives again
					registry.start();
					assertThat(registry.getListenerContainers())
						.allSatisfy((container) -> assertThat(container.isRunning()).isTrue());
				});
		}
	}

	static class PoisonBatch {

		@QueueListener(queue = "lossy", id = "lossy", batchSize = "3", batchWait = "1s")
		void listen(List<Item> items) {
			throw new IllegalStateException("cannot process " + items);
		}

	}

	static class Singles {

		final List<Integer> processed = new CopyOnWriteArrayList<>();

		@QueueListener(queue = "dead-slot", id = "dead-slot")
		void listen(Item item) {
			this.processed.add(item.n());
		}

	}

	static class Others {

		@QueueListener(queue = "others", id = "others")
		void listen(Item item) {
		}

	}

	static class ThrowingOnFailed implements ApplicationListener<QueueListenerContainerFailedEvent> {

		final AtomicInteger calls = new AtomicInteger();

		@Override
		public void onApplicationEvent(QueueListenerContainerFailedEvent event) {
			this.calls.incrementAndGet();
			throw new IllegalStateException("the alerting service is down");
		}

	}

	static class ThrowingOnStarted implements ApplicationListener<QueueListenerContainerStartedEvent> {

		final AtomicInteger calls = new AtomicInteger();

		@Override
		public void onApplicationEvent(QueueListenerContainerStartedEvent event) {
			this.calls.incrementAndGet();
			throw new IllegalStateException("the dashboard is down");
		}

	}

	static class ThrowingOnStopped implements ApplicationListener<QueueListenerContainerStoppedEvent> {

		final List<String> stopped = new CopyOnWriteArrayList<>();

		@Override
		public void onApplicationEvent(QueueListenerContainerStoppedEvent event) {
			this.stopped.add(event.getListenerId());
			throw new IllegalStateException("the dashboard is down");
		}

	}

}
