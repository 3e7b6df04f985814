package io.roomqueues.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.roomqueues.client.RoomClient;
import io.roomqueues.client.RoomClientBuilder;
import io.roomqueues.server.RoomServer;
import io.roomqueues.server.ServerLimits;
import io.roomqueues.server.junit.RoomServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A bounded receive ends at its deadline and keeps polling past the server's limit of parked receives even when the
 * application's callback executor refuses tasks, and its deadline racing a message loses and duplicates nothing.
 */
class BoundedReceiveDeadlineTests {

	@RegisterExtension
	static RoomServerExtension server = RoomServerExtension.create();

	@Test
	void aBoundedReceiveEndsAtItsDeadlineWhenTheCallbackExecutorIsBusy() {
		ThreadPoolExecutor single = singleThreadWithoutQueue();
		CountDownLatch busy = new CountDownLatch(1);
		try (RoomClient client = builder(server.server(), "deadline").callbackExecutor(single).build()) {
			client.connect().join();
			occupy(single, busy);

			CompletableFuture<ObjectNode> bounded = client.queues().receive("deadline", Duration.ofMillis(200));

			// the README: "an executor of yours that refuses a task gets it run on a thread of its own"
			assertThat(bounded).succeedsWithin(Duration.ofSeconds(5)).isNull();
		}
		finally {
			busy.countDown();
			single.shutdown();
		}
	}

	@Test
	void aPollingBoundedReceiveTakesAMessageSentMeanwhileWhenTheCallbackExecutorIsBusy() {
		ThreadPoolExecutor single = singleThreadWithoutQueue();
		CountDownLatch busy = new CountDownLatch(1);
		try (RoomServer small = RoomServer.builder()
			.secret("s")
			.limits(ServerLimits.builder().maxParkedReceivesPerConnection(1).build())
			.build()
			.start();
				RoomClient client = builder(small, "poller").callbackExecutor(single).build();
				RoomClient producer = builder(small, "producer").build()) {
			client.connect().join();
			producer.connect().join();
			// leaves one abandoned receive parked on the server: the connection's limit is reached
			assertThat(client.queues().receive("other", Duration.ofMillis(50)).join()).isNull();
			occupy(single, busy);

			CompletableFuture<ObjectNode> bounded = client.queues().receive("polled", Duration.ofSeconds(3));
			producer.queues().send("polled", Map.of("n", 1)).join();

			assertThat(bounded).succeedsWithin(Duration.ofSeconds(8)).hasToString("{\"n\":1}");
		}
		finally {
			busy.countDown();
			single.shutdown();
		}
	}

	@Test
	void boundedReceivesRacingTheirDeadlineLoseAndDuplicateNothing() {
		int count = 300;
		try (RoomClient consumer = builder(server.server(), "racer").build();
				RoomClient producer = builder(server.server(), "sender").build()) {
			consumer.connect().join();
			producer.connect().join();
			CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
				for (int i = 0; i < count; i++) {
					producer.queues().send("race", Map.of("n", i)).join();
					if (i % 7 == 0) {
						producer.queues().list().join();
					}
				}
			});
			List<Integer> received = new ArrayList<>();
			long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
			while (received.size() < count && System.nanoTime() < end) {
				CompletableFuture<ObjectNode> bounded = consumer.queues()
					.receive("race", Duration.ofMillis(ThreadLocalRandom.current().nextInt(1, 4)));
				if (ThreadLocalRandom.current().nextInt(5) == 0) {
					bounded.cancel(false);
				}
				ObjectNode message = bounded.exceptionally((ex) -> null).join();
				if (message != null) {
					received.add(message.get("n").intValue());
				}
			}
			sending.join();
			Set<Integer> unique = new HashSet<>(received);
			assertThat(received).as("duplicates").hasSameSizeAs(unique);
			assertThat(unique).as("received").hasSize(count);
		}
	}

	private static ThreadPoolExecutor singleThreadWithoutQueue() {
		return new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new SynchronousQueue<>());
	}

	private static RoomClientBuilder builder(RoomServer target, String participant) {
		return RoomClient.builder().url(target.url()).room("room").token(target.token(participant, "room"));
	}

	/** Takes the executor's only thread (once the connect completion that ran on it is over). */
	private static void occupy(ThreadPoolExecutor single, CountDownLatch busy) {
		await().ignoreExceptions().until(() -> {
			single.execute(() -> awaitQuietly(busy));
			return true;
		});
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
