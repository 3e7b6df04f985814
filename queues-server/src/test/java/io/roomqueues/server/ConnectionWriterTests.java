package io.roomqueues.server;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.websocket.CloseReason;
import org.junit.jupiter.api.Test;

import static io.roomqueues.server.RoomQueueTests.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How a connection's writer meets the container: a write that fails in any way gives its messages back and closes the
 * connection, and a close never lands in a batch that no flush will follow.
 */
class ConnectionWriterTests {

	private final Room room = new Room("r", ServerLimits.DEFAULTS, new QueuedBytes("the server",
			"max-server-queued-bytes", 10_000_000, null));

	@Test
	void aWriteThatThrowsAnUnexpectedExceptionGivesItsMessageBackAndClosesTheConnectionLoggingWhy() {
		StubConnection consumer = StubConnection.writingAtOnce(this.room, "c", ServerLimits.DEFAULTS);
		consumer.failWritesWith(new NullPointerException("a fault in the container"));
		this.room.receive("q", true, consumer.park(1, "q"), true);

		try (LogCapture log = new LogCapture()) {
			deliverSend(message(1));

			assertThat(log.text()).contains("Write to connection stub failed unexpectedly")
				.contains("java.lang.NullPointerException: a fault in the container")
				.contains("Closing connection stub");
		}
		assertThat(this.room.list()).containsExactly(new QueueInfo("q", 1));
		assertThat(this.room.receive("q", false, null, true)).isEqualTo(message(1));
		assertThat(consumer.calls()).endsWith("close");
		assertThat(consumer.connection.parkedCount()).isZero();
	}

	@Test
	void aWriteRefusedBecauseTheSessionIsClosingGivesItsMessageBackWithoutLoggingACloseOfOurs() {
		StubConnection consumer = StubConnection.writingAtOnce(this.room, "c", ServerLimits.DEFAULTS);
		consumer.failWritesWith(
				new IllegalStateException("Message will not be sent because the WebSocket session has been closed"));
		this.room.receive("q", true, consumer.park(1, "q"), true);

		try (LogCapture log = new LogCapture()) {
			deliverSend(message(1));

			assertThat(log.text()).doesNotContain("Closing connection").doesNotContain("WARN");
		}
		assertThat(this.room.receive("q", false, null, true)).isEqualTo(message(1));
		assertThat(consumer.calls()).endsWith("close");
	}

	@Test
	void aCloseThatMeetsABatchStartingWaitsForItSoTheCloseFrameIsNeverHeldInABatch() throws Exception {
		StubConnection consumer = StubConnection.writingAtOnce(this.room, "c", ServerLimits.DEFAULTS);
		this.room.receive("q", true, consumer.park(1, "q"), true);
		CountDownLatch batchStarting = new CountDownLatch(1);
		CountDownLatch letBatchStart = new CountDownLatch(1);
		consumer.onBatchingOn(() -> {
			batchStarting.countDown();
			await().atMost(Duration.ofSeconds(10)).until(() -> letBatchStart.getCount() == 0);
		});
		Thread writer = new Thread(() -> deliverSend(message(1)), "writer");
		writer.start();
		assertThat(batchStarting.await(10, TimeUnit.SECONDS)).isTrue();

		Thread closer = new Thread(
				() -> consumer.connection.closeWith(CloseReason.CloseCodes.PROTOCOL_ERROR, "malformed frame"),
				"closer");
		closer.start();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> closer.getState() == Thread.State.BLOCKED || !closer.isAlive());
		letBatchStart.countDown();
		writer.join(10_000);
		closer.join(10_000);

		List<String> calls = consumer.calls();
		assertThat(calls).as("the batch was switched on and off before the session was closed")
			.containsExactly("batching on", "batching off", "close");
	}

	@Test
	void aSessionErrorReleasesTheConnectionBeforeTheContainerClosesIt() {
		StubConnection consumer = StubConnection.writingAtOnce(this.room, "c", ServerLimits.DEFAULTS);
		this.room.receive("q", true, consumer.park(1, "q"), true);

		consumer.connection.failed(new IOException("connection reset"));

		assertThat(consumer.connection.parkedCount()).isZero();
		assertThat(this.room.send("q", true, message(1))).as("no receive of it is left to take a message").isNull();
		assertThat(consumer.calls()).containsExactly("close");
	}

	private void deliverSend(QueuedMessage message) {
		ParkedReceive receive = this.room.send("q", true, message);
		assertThat(receive).isNotNull();
		receive.connection().deliver(receive, message);
	}

}
