package io.roomqueues.listener;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.roomqueues.server.junit.TcpRelay;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A start from another thread as a stop winds up: the stop waits (up to 1 s) for messages on their way back and then
 * ends the listener pool; a start that comes as soon as the container looks stopped must get a container that
 * processes messages, not one whose pool the stop shuts down afterwards.
 */
class StartDuringStopTests {

	record Item(int n) {
	}

	@Test
	void aStartWhileAStopWaitsForReturnedMessagesLeavesAContainerThatProcessesMessages() {
		try (TestRoom room = new TestRoom("startstop"); TcpRelay relay = TcpRelay.start(room.server.port())) {
			Blocking listener = new Blocking();
			room.runner("ws://127.0.0.1:" + relay.port())
				.withPropertyValues("queues.listener.shutdown-timeout=200ms")
				.withBean(Blocking.class, () -> listener)
				.run((context) -> {
					QueueListenerContainer container = context.getBean(QueueListenerRegistry.class)
						.getListenerContainer("startstop");
					room.direct().send("startstop", new Item(1)).join();
					assertThat(listener.blocked.await(10, TimeUnit.SECONDS)).isTrue();

					// the message in processing outlives the shutdown timeout and is sent back, which a frozen
					// connection holds up: the stop then waits up to a second for it before it ends the pool
					relay.freeze();
					CompletableFuture<Void> stop = CompletableFuture.runAsync(container::stop);
					await().pollInterval(Duration.ofMillis(5))
						.atMost(Duration.ofSeconds(10))
						.until(() -> stop.isDone() || container.toString().contains("state=STOPPED"));
					container.start();

					relay.heal();
					stop.get(10, TimeUnit.SECONDS);
					listener.release.countDown();
					assertThat(container.isRunning()).isTrue();

					room.direct().send("startstop", new Item(2)).join();
					await().atMost(Duration.ofSeconds(10)).until(() -> listener.processed.contains(2));
				});
		}
	}

	static class Blocking {

		final CountDownLatch blocked = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		final AtomicBoolean first = new AtomicBoolean(true);

		final List<Integer> processed = new CopyOnWriteArrayList<>();

		@QueueListener(queue = "startstop", id = "startstop")
		void listen(Item item) throws InterruptedException {
			if (item.n() == 1 && this.first.compareAndSet(true, false)) {
				this.blocked.countDown();
				this.release.await();
				return;
			}
			this.processed.add(item.n());
		}

	}

}
