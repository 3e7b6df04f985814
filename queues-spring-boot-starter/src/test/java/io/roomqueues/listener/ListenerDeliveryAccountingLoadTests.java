package io.roomqueues.listener;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.roomqueues.autoconfigure.QueueListenerAutoConfiguration;
import io.roomqueues.autoconfigure.RoomClientAutoConfiguration;
import io.roomqueues.client.RoomClient;
import io.roomqueues.client.transport.JdkWebSocketTransport;
import io.roomqueues.server.QueueInfo;
import io.roomqueues.server.RoomServer;
import io.roomqueues.server.ServerLimits;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Delivery accounting through listeners: 100 senders over 10 queues, 1,000,000 messages with unique ids, consumed by
 * ten {@code @QueueListener} containers with concurrency 16; every id is processed exactly once and the queues are
 * empty afterwards. Runs in the {@code load} profile ({@code .ci/run} runs it), bounded to 3 minutes.
 */
@Tag("load")
class ListenerDeliveryAccountingLoadTests {

	static final int QUEUES = 10;

	private static final int SENDERS = 100;

	private static final int PER_SENDER = 10_000;

	static final int TOTAL = SENDERS * PER_SENDER;

	private static final int SEND_WINDOW = 32;

	private static final String SECRET = "listener-load-secret";

	@Test
	void everyOneOfAMillionMessagesIsProcessedExactlyOnceByListeners() {
		CountingListeners listeners = new CountingListeners();
		AtomicReference<Throwable> failure = new AtomicReference<>();
		try (RoomServer server = RoomServer.builder()
			.secret(SECRET)
			// room for the whole run, should the senders get ahead of the consumers
			.limits(ServerLimits.builder()
				.maxQueueLength(TOTAL)
				.maxQueuedBytesPerRoom(1L << 30)
				.maxQueuedBytesPerServer(1L << 30)
				.build())
			.build()
			.start()) {
			new ApplicationContextRunner()
				.withConfiguration(
						AutoConfigurations.of(RoomClientAutoConfiguration.class, QueueListenerAutoConfiguration.class))
				.withPropertyValues("queues.room.url=" + server.url(), "queues.room.name=load",
						"queues.room.secret=" + SECRET, "queues.listener.concurrency=16")
				.withBean(CountingListeners.class, () -> listeners)
				.run((context) -> {
					assertThat(context).hasNotFailed();
					long started = System.nanoTime();
					send(server, failure);
					await().atMost(Duration.ofMinutes(3))
						.until(() -> listeners.processed.get() >= TOTAL || failure.get() != null);
					Duration took = Duration.ofNanos(System.nanoTime() - started);

					assertThat(failure.get()).isNull();
					int duplicates = 0;
					int lost = 0;
					for (int id = 0; id < TOTAL; id++) {
						int count = listeners.seen.get(id);
						duplicates += Math.max(0, count - 1);
						lost += (count == 0) ? 1 : 0;
					}
					System.out.printf("Listener delivery accounting: %,d messages sent and processed in %.1f s "
							+ "(%,.0f msg/s), %d duplicates, %d lost%n", TOTAL, took.toMillis() / 1000.0,
							TOTAL / (took.toNanos() / 1e9), duplicates, lost);
					assertThat(duplicates).isZero();
					assertThat(lost).isZero();
					assertThat(server.queues("load")).extracting(QueueInfo::size).containsOnly(0);
				});
		}
	}

	private static void send(RoomServer server, AtomicReference<Throwable> failure) {
		HttpClient http = HttpClient.newHttpClient();
		ForkJoinPool callbacks = new ForkJoinPool(4, ForkJoinPool.defaultForkJoinWorkerThreadFactory, null, true);
		List<RoomClient> senders = new ArrayList<>();
		try {
			List<CompletableFuture<Void>> sending = new ArrayList<>();
			for (int s = 0; s < SENDERS; s++) {
				RoomClient sender = RoomClient.builder()
					.url(server.url())
					.room("load")
					.token(server.token("sender-" + s, "load"))
					.transport(new JdkWebSocketTransport(http, JdkWebSocketTransport.DEFAULT_MAX_FRAME_SIZE))
					.callbackExecutor(callbacks)
					.build();
				sender.connect().join();
				senders.add(sender);
				int index = s;
				sending.add(CompletableFuture.runAsync(() -> sendAll(sender, index, failure),
						(task) -> new Thread(task, "load-sender-" + index).start()));
			}
			CompletableFuture.allOf(sending.toArray(CompletableFuture[]::new)).orTimeout(3, TimeUnit.MINUTES).join();
		}
		finally {
			senders.forEach(RoomClient::close);
			callbacks.shutdown();
		}
	}

	private static void sendAll(RoomClient sender, int senderIndex, AtomicReference<Throwable> failure) {
		Semaphore window = new Semaphore(SEND_WINDOW);
		for (int i = 0; i < PER_SENDER && failure.get() == null; i++) {
			window.acquireUninterruptibly();
			int id = senderIndex * PER_SENDER + i;
			ObjectNode message = sender.jsonMapper().createObjectNode().put("id", id);
			sender.queues().send("load-" + (id % QUEUES), message).whenComplete((ignored, error) -> {
				window.release();
				if (error != null) {
					failure.compareAndSet(null, error);
				}
			});
		}
		window.acquireUninterruptibly(SEND_WINDOW);
	}

	/** Ten listener containers, one per queue, each with the default concurrency of 16. */
	static class CountingListeners {

		final AtomicIntegerArray seen = new AtomicIntegerArray(TOTAL);

		final AtomicLong processed = new AtomicLong();

		@QueueListener(id = "load-0", queue = "load-0")
		@QueueListener(id = "load-1", queue = "load-1")
		@QueueListener(id = "load-2", queue = "load-2")
		@QueueListener(id = "load-3", queue = "load-3")
		@QueueListener(id = "load-4", queue = "load-4")
		@QueueListener(id = "load-5", queue = "load-5")
		@QueueListener(id = "load-6", queue = "load-6")
		@QueueListener(id = "load-7", queue = "load-7")
		@QueueListener(id = "load-8", queue = "load-8")
		@QueueListener(id = "load-9", queue = "load-9")
		void process(ObjectNode message) {
			this.seen.incrementAndGet(message.get("id").intValue());
			this.processed.incrementAndGet();
		}

	}

}
