package io.roomqueues.listener;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.roomqueues.autoconfigure.QueueListenerAutoConfiguration;
import io.roomqueues.client.QueuesClient;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Handing a message to the listener executor: always a hand-off, and a refused one keeps the message. */
class DispatchTests {

	@Test
	void aRejectedTaskNeverKillsAReceiveSlot() {
		ExecutorService pool = Executors.newSingleThreadExecutor();
		RejectingExecutor executor = new RejectingExecutor(2, pool);
		try (TestRoom room = new TestRoom("rejected")) {
			RecordingListener listener = new RecordingListener(0);
			room.runner()
				.withBean(QueueListenerAutoConfiguration.LISTENER_EXECUTOR_BEAN_NAME, Executor.class, () -> executor)
				.withBean(RecordingListener.class, () -> listener)
				.run((context) -> {
					QueuesClient direct = room.direct();
					for (int i = 0; i < 3; i++) {
						direct.send("work", Map.of("n", i)).join();
					}

					await().atMost(Duration.ofSeconds(10))
						.untilAsserted(() -> assertThat(listener.numbers).containsExactly(0, 1, 2));
					assertThat(executor.rejected).hasValue(2);
					QueueListenerContainer container = context.getBean(QueueListenerRegistry.class)
						.getListenerContainer("work");
					assertThat(container.getStatistics().getReturned()).isZero();
					assertThat(room.size("work")).isZero();
				});
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void aCallerRunsExecutorNeverRunsAListenerOnTheClientsThreads() {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setCorePoolSize(1);
		executor.setMaxPoolSize(1);
		executor.setQueueCapacity(0);
		executor.setThreadNamePrefix("only-worker-");
		executor.setRejectedExecutionHandler(new ThreadPoolExecutor.CallerRunsPolicy());
		try (TestRoom room = new TestRoom("caller-runs")) {
			RecordingListener listener = new RecordingListener(1);
			room.runner()
				.withPropertyValues("queues.listener.concurrency=2")
				.withBean(QueueListenerAutoConfiguration.LISTENER_EXECUTOR_BEAN_NAME, ThreadPoolTaskExecutor.class,
						() -> executor)
				.withBean(RecordingListener.class, () -> listener)
				.run((context) -> {
					QueuesClient app = context.getBean(QueuesClient.class);
					await().atMost(Duration.ofSeconds(10)).until(() -> app.waitingReceives() == 2);
					QueuesClient direct = room.direct();
					direct.send("work", Map.of("n", 0)).join();
					assertThat(listener.inside.await(10, TimeUnit.SECONDS)).isTrue();
					direct.send("work", Map.of("n", 1)).join();

					// the client answers while the only worker is busy and the second message waits for it
					assertThat(app.list().get(5, TimeUnit.SECONDS)).isNotNull();
					listener.release.countDown();

					await().atMost(Duration.ofSeconds(10))
						.untilAsserted(() -> assertThat(listener.numbers).containsExactlyInAnyOrder(0, 1));
					assertThat(listener.threads).allSatisfy((name) -> assertThat(name).startsWith("only-worker-"));
				});
		}
	}

	/** Rejects the first tasks, then runs them on a pool. */
	static final class RejectingExecutor implements Executor {

		final AtomicInteger rejected = new AtomicInteger();

		private final int rejections;

		private final Executor pool;

		RejectingExecutor(int rejections, Executor pool) {
			this.rejections = rejections;
			this.pool = pool;
		}

		@Override
		public void execute(Runnable task) {
			if (this.rejected.get() < this.rejections) {
				this.rejected.incrementAndGet();
				throw new RejectedExecutionException("busy");
			}
			this.pool.execute(task);
		}

	}

	static class RecordingListener {

		final List<Integer> numbers = new CopyOnWriteArrayList<>();

		final List<String> threads = new CopyOnWriteArrayList<>();

		final CountDownLatch inside = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		private final int blocking;

		RecordingListener(int blocking) {
			this.blocking = blocking;
		}

		@QueueListener(queue = "work", id = "work")
		void listen(ObjectNode message) throws InterruptedException {
			int n = message.get("n").intValue();
			this.threads.add(Thread.currentThread().getName());
			if (n < this.blocking) {
				this.inside.countDown();
				this.release.await(30, TimeUnit.SECONDS);
			}
			this.numbers.add(n);
		}

	}

}
