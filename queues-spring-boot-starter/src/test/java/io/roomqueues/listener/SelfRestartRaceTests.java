package io.roomqueues.listener;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A listener that stops and restarts its own container (a circuit breaker) while the application stops the container
 * too, as a shutdown does: the application's stop must win, not the start deferred until the self-stop is over.
 */
class SelfRestartRaceTests {

	record Item(int n) {
	}

	@Test
	void aStopByTheApplicationWhileASelfRestartWaitsLeavesTheContainerStopped() {
		try (TestRoom room = new TestRoom("race")) {
			Restarting listener = new Restarting();
			room.runner()
				.withPropertyValues("queues.listener.shutdown-timeout=60s")
				.withBean(Restarting.class, () -> listener)
				.run((context) -> {
					listener.registry = context.getBean(QueueListenerRegistry.class);
					QueueListenerContainer container = listener.registry.getListenerContainer("race");
					room.direct().send("race", new Item(1)).join();
					assertThat(listener.restartRequested.await(10, TimeUnit.SECONDS)).isTrue();
					Thread stopThread = listener.stopThread;
					assertThat(stopThread).as("the self-stop's background thread").isNotNull();

					// the application stops the container (as a context close does) while the self-stop is under way
					CompletableFuture<Void> applicationStop = CompletableFuture.runAsync(container::stop);
					await().atMost(Duration.ofSeconds(10)).until(() -> applicationStop.isDone() || !stopThread.isAlive()
							|| waitsOnTheStop(applicationStop));
					listener.release.countDown();
					applicationStop.get(20, TimeUnit.SECONDS);
					// the deferred start, if any, runs on the self-stop's thread as the stop completes
					stopThread.join(20_000);

					assertThat(container.isRunning()).as("running after the application's stop returned").isFalse();
				});
		}
	}

	/** The application's stop has joined the self-stop (it cannot finish before the listener is released). */
	private static boolean waitsOnTheStop(CompletableFuture<Void> applicationStop) {
		return Thread.getAllStackTraces().entrySet().stream().anyMatch((entry) -> {
			for (StackTraceElement frame : entry.getValue()) {
				if (frame.getClassName().equals(ContainerStop.class.getName()) && frame.getMethodName().equals("await")
						&& !entry.getKey().getName().endsWith("-stop")) {
					return true;
				}
			}
			return false;
		});
	}

	static class Restarting {

		volatile QueueListenerRegistry registry;

		volatile Thread stopThread;

		final CountDownLatch restartRequested = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		@QueueListener(queue = "race", id = "race")
		void listen(Item item) throws InterruptedException {
			if (item.n() == 1) {
				this.registry.stop("race");
				this.registry.start("race");
				this.stopThread = Thread.getAllStackTraces()
					.keySet()
					.stream()
					.filter((thread) -> thread.getName().equals("race-stop"))
					.findFirst()
					.orElse(null);
				this.restartRequested.countDown();
				this.release.await();
			}
		}

	}

}
