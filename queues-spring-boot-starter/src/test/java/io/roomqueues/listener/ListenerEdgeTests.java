package io.roomqueues.listener;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.roomqueues.client.ConnectionState;
import io.roomqueues.client.RoomClient;
import io.roomqueues.server.junit.TcpRelay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Edges a review found: interrupts without a stop, values in log lines, a shutdown while the room is away. */
@ExtendWith(OutputCaptureExtension.class)
class ListenerEdgeTests {

	@Test
	void aListenerThatThrowsInterruptedExceptionWhileNoStopIsUnderWayLosesNoMessage() {
		try (TestRoom room = new TestRoom("interrupted")) {
			InterruptedListener listener = new InterruptedListener();
			room.runner().withBean(InterruptedListener.class, () -> listener).run((context) -> {
				room.direct().send("interrupted", Map.of("id", "x")).join();

				// back in its queue, so the listener gets it again
				await().atMost(Duration.ofSeconds(10)).until(() -> listener.calls.get() >= 2);
			});
		}
	}

	@Test
	void aMessageThatDoesNotConvertNeverHasItsValuesInTheLogByDefault(CapturedOutput output) {
		try (TestRoom room = new TestRoom("convert")) {
			room.runner().withBean(OrderListener.class, OrderListener::new).run((context) -> {
				room.direct().send("convert", Map.of("quantity", "4111-1111-1111-1111")).join();
				await().atMost(Duration.ofSeconds(10)).until(() -> room.size("convert.dlq") == 1);
				await().until(() -> output.getAll().contains("Dead-lettered a message"));
			});
			assertThat(output.getAll()).contains("does not convert").doesNotContain("4111-1111-1111-1111");
		}
	}

	@Test
	void aMessageInProcessingAtShutdownGoesBackOnceTheRoomIsReachableAgainWithinTheCloseTimeout(
			CapturedOutput output) {
		try (TestRoom room = new TestRoom("shutdown"); TcpRelay relay = TcpRelay.start(room.server.port())) {
			BlockingListener listener = new BlockingListener();
			room.runner("ws://127.0.0.1:" + relay.port())
				.withPropertyValues("queues.listener.shutdown-timeout=200ms", "queues.room.connect-timeout=1s",
						"queues.room.keepalive.interval=300ms", "queues.room.keepalive.timeout=300ms",
						"queues.room.close-timeout=20s")
				.withBean(BlockingListener.class, () -> listener)
				.run((context) -> {
					room.direct().send("shutdown", Map.of("n", 1)).join();
					assertThat(listener.inside.await(10, TimeUnit.SECONDS)).isTrue();
					// the room becomes unreachable: the connection is reset and new ones hang
					relay.freeze();
					relay.cut();
					RoomClient client = context.getBean(RoomClient.class);
					await().until(() -> client.state() != ConnectionState.CONNECTED);

					CompletableFuture<Void> closing = CompletableFuture
						.runAsync(((ConfigurableApplicationContext) context.getSourceApplicationContext())::close);
					await().atMost(Duration.ofSeconds(15)).until(() -> output.getAll().contains("back while closing"));
					relay.heal();

					assertThat(closing).succeedsWithin(Duration.ofSeconds(20));
				});
			assertThat(room.size("shutdown")).as("the message back in its queue").isEqualTo(1);
		}
	}

	static class InterruptedListener {

		final AtomicInteger calls = new AtomicInteger();

		@QueueListener(queue = "interrupted", id = "interrupted")
		void listen(ObjectNode message) throws InterruptedException {
			if (this.calls.incrementAndGet() == 1) {
				throw new InterruptedException("thrown by a library the listener called; no stop is under way");
			}
		}

	}

	record Order(int quantity) {
	}

	static class OrderListener {

		@QueueListener(queue = "convert", id = "convert")
		void listen(Order order) {
		}

	}

	static class BlockingListener {

		final CountDownLatch inside = new CountDownLatch(1);

		@QueueListener(queue = "shutdown", id = "shutdown")
		void listen(ObjectNode message) throws InterruptedException {
			this.inside.countDown();
			new CountDownLatch(1).await();
		}

	}

}
