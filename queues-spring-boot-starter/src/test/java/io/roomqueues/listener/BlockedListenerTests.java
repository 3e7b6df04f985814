package io.roomqueues.listener;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** A listener that blocks for ever, deaf to interrupts, holds neither the shutdown nor its message. */
class BlockedListenerTests {

	@Test
	void aListenerThatBlocksForeverDoesNotHoldTheShutdownPastItsTimeoutAndItsMessageGoesBack() {
		BlockingListener listener = new BlockingListener();
		AtomicReference<Thread> worker = new AtomicReference<>();
		try (TestRoom room = new TestRoom("blocked")) {
			room.runner()
				.withPropertyValues("queues.listener.shutdown-timeout=300ms")
				.withBean(BlockingListener.class, () -> listener)
				.run((context) -> {
					room.direct().send("blocked", Map.of("n", 1)).join();
					listener.entered.await();
					worker.set(listener.thread);

					// the context closes within the shutdown timeout plus the time to return the message
					assertTimeoutPreemptively(Duration.ofSeconds(10),
							() -> ((ConfigurableApplicationContext) context.getSourceApplicationContext()).close());
				});
			await().untilAsserted(
					() -> assertThat(room.direct().receive("blocked", Duration.ofSeconds(1)).join()).isNotNull());
			assertThat(worker.get().isAlive()).as("the listener thread is still blocked").isTrue();
			assertThat(worker.get().isDaemon()).as("a blocked listener thread must not keep the JVM alive").isTrue();
		}
		finally {
			listener.release.countDown();
		}
	}

	/** Blocks until released, whatever interrupts it. */
	static class BlockingListener {

		final CountDownLatch entered = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		volatile Thread thread;

		@QueueListener(id = "blocked", queue = "blocked")
		void process(Map<String, Object> message) {
			this.thread = Thread.currentThread();
			this.entered.countDown();
			while (this.release.getCount() > 0) {
				try {
					this.release.await();
				}
				catch (InterruptedException ex) {
					// deaf to interrupts, as a listener stuck in a library call may be
				}
			}
		}

	}

}
