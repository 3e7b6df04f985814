package io.roomqueues.listener;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A container stopped from its own listener's thread (a circuit breaker, or an event listener on that thread): the
 * stop cannot wait there for the listener that called it, so it returns at once and finishes once the listener
 * returned, and the message the listener goes on processing is never sent back.
 */
class SelfStopTests {

	record Item(int n) {
	}

	/** Longer than any wait below: a stop that waited for its own caller would block past them all. */
	private static final String LONG_SHUTDOWN_TIMEOUT = "queues.listener.shutdown-timeout=60s";

	@Test
	void aListenerThatStopsItsOwnContainerIsNotBlockedByTheStopNorIsItsMessageSentBack() {
		try (TestRoom room = new TestRoom("self-stop")) {
			SelfStopping listener = new SelfStopping();
			Stops stops = new Stops();
			room.runner()
				.withPropertyValues(LONG_SHUTDOWN_TIMEOUT)
				.withBean(SelfStopping.class, () -> listener)
				.withBean(Stops.class, () -> stops)
				.run((context) -> {
					listener.registry = context.getBean(QueueListenerRegistry.class);
					QueueListenerContainer container = listener.registry.getListenerContainer("self-stop");
					room.direct().send("self-stop", new Item(1)).join();

					assertThat(stops.stopped.await(10, TimeUnit.SECONDS)).as("the stop is over").isTrue();
					assertThat(listener.processed).containsExactly(1);
					assertThat(container.isRunning()).isFalse();
					assertThat(container.getStatistics().getReturned()).as("sent back").isZero();
					assertThat(room.size("self-stop")).as("left in the queue").isZero();
				});
		}
	}

	@Test
	void aFailedEventListenerThatStopsTheContainerOnTheListenersThreadIsNotBlockedByTheStop() {
		try (TestRoom room = new TestRoom("breaker")) {
			room.direct().send("breaker", new Item(1)).join();
			Breaker breaker = new Breaker();
			Stops stops = new Stops();
			room.runner()
				// no grant on the dead-letter queue: the recovery is refused for good and the container fails
				.withPropertyValues(LONG_SHUTDOWN_TIMEOUT,
						"queues.room.token=" + room.token(List.of("breaker"), List.of("breaker")),
						"queues.listener.retry.max-attempts=1")
				.withBean(Failing.class, Failing::new)
				.withBean(Breaker.class, () -> breaker)
				.withBean(Stops.class, () -> stops)
				.run((context) -> {
					breaker.registry = context.getBean(QueueListenerRegistry.class);

					assertThat(breaker.returned.await(10, TimeUnit.SECONDS)).as("the event listener's stop returned")
						.isTrue();
					assertThat(stops.stopped.await(10, TimeUnit.SECONDS)).as("the stop is over").isTrue();
					await().atMost(Duration.ofSeconds(10)).until(() -> room.size("breaker") == 1);
				});
		}
	}

	@Test
	void aListenerThatStopsAndRestartsItsOwnContainerProcessesEachMessageOnce() {
		try (TestRoom room = new TestRoom("restart")) {
			Restarting listener = new Restarting();
			room.runner()
				.withPropertyValues(LONG_SHUTDOWN_TIMEOUT)
				.withBean(Restarting.class, () -> listener)
				.run((context) -> {
					listener.registry = context.getBean(QueueListenerRegistry.class);
					QueueListenerContainer container = listener.registry.getListenerContainer("restart");
					room.direct().send("restart", new Item(1)).join();
					await().atMost(Duration.ofSeconds(10)).until(() -> listener.processed.size() == 1);
					await().atMost(Duration.ofSeconds(10)).until(container::isRunning);

					room.direct().send("restart", new Item(2)).join();
					await().atMost(Duration.ofSeconds(10)).until(() -> listener.processed.size() == 2);
					assertThat(listener.processed).containsExactly(1, 2);
					assertThat(container.getStatistics().getReturned()).as("sent back").isZero();
					assertThat(room.size("restart")).isZero();
				});
		}
	}

	static class SelfStopping {

		volatile QueueListenerRegistry registry;

		final List<Integer> processed = new CopyOnWriteArrayList<>();

		@QueueListener(queue = "self-stop", id = "self-stop")
		void listen(Item item) {
			this.registry.stop("self-stop");
			this.processed.add(item.n());
		}

	}

	static class Restarting {

		volatile QueueListenerRegistry registry;

		final List<Integer> processed = new CopyOnWriteArrayList<>();

		@QueueListener(queue = "restart", id = "restart")
		void listen(Item item) {
			if (item.n() == 1) {
				this.registry.stop("restart");
				this.registry.start("restart");
			}
			this.processed.add(item.n());
		}

	}

	static class Failing {

		@QueueListener(queue = "breaker", id = "breaker")
		void listen(Item item) {
			throw new IllegalStateException("cannot process " + item);
		}

	}

	static class Breaker implements ApplicationListener<QueueListenerContainerFailedEvent> {

		volatile QueueListenerRegistry registry;

		final CountDownLatch returned = new CountDownLatch(1);

		@Override
		public void onApplicationEvent(QueueListenerContainerFailedEvent event) {
			this.registry.stop(event.getListenerId());
			this.returned.countDown();
		}

	}

	static class Stops implements ApplicationListener<QueueListenerContainerStoppedEvent> {

		final CountDownLatch stopped = new CountDownLatch(1);

		@Override
		public void onApplicationEvent(QueueListenerContainerStoppedEvent event) {
			this.stopped.countDown();
		}

	}

}
