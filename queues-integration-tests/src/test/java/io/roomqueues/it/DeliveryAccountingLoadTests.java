package io.roomqueues.it;

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

import io.roomqueues.server.QueueInfo;
import io.roomqueues.client.RoomClient;
import io.roomqueues.client.transport.JdkWebSocketTransport;
import io.roomqueues.server.RoomServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Delivery accounting under load: 200 connections, 100 senders and 100 competing receivers over 10 queues, 1,000,000
 * messages with unique ids; every id is received exactly once and the queues are empty afterwards. Runs in the
 * {@code load} profile ({@code .ci/run} runs it), bounded to 3 minutes.
 */
@Tag("load")
class DeliveryAccountingLoadTests {

	private static final int SENDERS = 100;

	private static final int RECEIVERS = 100;

	private static final int QUEUES = 10;

	private static final int PER_SENDER = 10_000;

	private static final int TOTAL = SENDERS * PER_SENDER;

	private static final int SEND_WINDOW = 32;

	private static final int RECEIVE_WINDOW = 4;

	private static final JdkWebSocketTransport TRANSPORT = new JdkWebSocketTransport(HttpClient.newHttpClient(),
			JdkWebSocketTransport.DEFAULT_MAX_FRAME_SIZE);

	private static final ForkJoinPool CALLBACKS = new ForkJoinPool(4, ForkJoinPool.defaultForkJoinWorkerThreadFactory,
			null, true);

	@Test
	void everyOneOfAMillionMessagesIsReceivedExactlyOnce() {
		AtomicIntegerArray seen = new AtomicIntegerArray(TOTAL);
		AtomicLong received = new AtomicLong();
		AtomicReference<Throwable> failure = new AtomicReference<>();
		try (RoomServer server = RoomServer.builder()
			.secret("load-secret")
			// room for the whole run, should the senders get ahead of the consumers
			.limits(io.roomqueues.server.ServerLimits.builder()
				.maxQueueLength(TOTAL)
				.maxQueuedBytesPerRoom(1L << 30)
				.maxQueuedBytesPerServer(1L << 30)
				.build())
			.build()
			.start()) {
			List<RoomClient> clients = new ArrayList<>();
			try {
				for (int r = 0; r < RECEIVERS; r++) {
					RoomClient receiver = connect(server, "receiver-" + r);
					clients.add(receiver);
					for (int w = 0; w < RECEIVE_WINDOW; w++) {
						receiveLoop(receiver, "load-" + (r % QUEUES), seen, received, failure);
					}
				}
				long started = System.nanoTime();
				List<CompletableFuture<Void>> senders = new ArrayList<>();
				for (int s = 0; s < SENDERS; s++) {
					RoomClient sender = connect(server, "sender-" + s);
					clients.add(sender);
					senders.add(sendAll(sender, s, failure));
				}
				CompletableFuture.allOf(senders.toArray(CompletableFuture[]::new)).orTimeout(3, TimeUnit.MINUTES).join();
				await().atMost(Duration.ofMinutes(3))
					.until(() -> received.get() >= TOTAL || failure.get() != null);
				Duration took = Duration.ofNanos(System.nanoTime() - started);

				assertThat(failure.get()).isNull();
				int duplicates = 0;
				int lost = 0;
				for (int id = 0; id < TOTAL; id++) {
					int count = seen.get(id);
					duplicates += Math.max(0, count - 1);
					lost += (count == 0) ? 1 : 0;
				}
				System.out.printf("Delivery accounting: %,d messages sent and received in %.1f s (%,.0f msg/s), "
						+ "%d duplicates, %d lost%n", TOTAL, took.toMillis() / 1000.0,
						TOTAL / (took.toNanos() / 1e9), duplicates, lost);
				assertThat(duplicates).isZero();
				assertThat(lost).isZero();
				assertThat(received.get()).isEqualTo(TOTAL);
				assertThat(server.queues("load")).extracting(QueueInfo::size).containsOnly(0);
			}
			finally {
				clients.forEach(RoomClient::close);
			}
		}
	}

	private static CompletableFuture<Void> sendAll(RoomClient sender, int senderIndex, AtomicReference<Throwable> failure) {
		return CompletableFuture.runAsync(() -> {
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
		}, (task) -> new Thread(task, "load-sender-" + senderIndex).start());
	}

	private static void receiveLoop(RoomClient receiver, String queue, AtomicIntegerArray seen, AtomicLong received,
			AtomicReference<Throwable> failure) {
		receiver.queues().receive(queue).whenComplete((message, error) -> {
			if (error != null) {
				if (received.get() < TOTAL) {
					failure.compareAndSet(null, error);
				}
				return;
			}
			if (message != null) {
				seen.incrementAndGet(message.get("id").intValue());
				received.incrementAndGet();
			}
			receiveLoop(receiver, queue, seen, received, failure);
		});
	}

	private static RoomClient connect(RoomServer server, String participant) {
		// one process with many connections shares its HTTP client and callback threads among them
		RoomClient client = RoomClient.builder()
			.url(server.url())
			.room("load")
			.token(server.token(participant, "load"))
			.transport(TRANSPORT)
			.callbackExecutor(CALLBACKS)
			.build();
		client.connect().join();
		return client;
	}

}
