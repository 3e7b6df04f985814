package io.roomqueues.server;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import org.junit.jupiter.api.Test;

import static io.roomqueues.server.RoomQueueTests.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * How a connection's writer meets the container: a write that fails in any way gives its messages back and closes the
 * connection, a close the connection starts never lands in a batch that no flush will follow, and a batch is flushed
 * before batching is switched off.
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
	void aCloseThatMeetsABatchStartingWaitsForItAndNoBatchStartsAfterTheClose() throws Exception {
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

		// Tomcat's close switches batching off and flushes before it writes the close frame, so a close after the
		// batch was switched on is safe; one before it, with batching switched on after, is what strands the frame
		List<String> calls = consumer.calls();
		assertThat(calls).as("the close waited for the batch to be switched on").startsWith("batching on");
		assertThat(calls.subList(calls.indexOf("close"), calls.size())).as("no batch started after the close")
			.doesNotContain("batching on");
	}

	@Test
	void aBatchIsFlushedWhileBatchingIsStillOnSoNoControlFrameCanGoAheadOfItsBufferedPart() {
		StubConnection consumer = StubConnection.writingAtOnce(this.room, "c", ServerLimits.DEFAULTS);
		this.room.receive("q", true, consumer.park(1, "q"), true);

		deliverSend(message(1));

		assertThat(consumer.calls()).containsExactly("batching on", "flush", "batching off");
		assertThat(consumer.responses()).hasSize(1);
	}

	@Test
	void anErrorThrownByAWriteStillGivesTheMessageBackAndIsRethrown() {
		StubConnection consumer = StubConnection.writingAtOnce(this.room, "c", ServerLimits.DEFAULTS);
		consumer.failWritesWith(new AssertionError("an error in the container"));
		this.room.receive("q", true, consumer.park(1, "q"), true);
		QueuedMessage message = message(1);

		try (LogCapture log = new LogCapture()) {
			assertThatThrownBy(() -> deliverSend(message))
				.isInstanceOf(AssertionError.class);
		}
		assertThat(this.room.receive("q", false, null, true)).isEqualTo(message);
		assertThat(this.room.queuedBytes()).isEqualTo(message.budgetBytes());
		assertThat(consumer.calls()).endsWith("close");
	}

	@Test
	void aHandBackThatThrowsDoesNotKeepTheOtherMessagesFromGoingBackNorTheFailureFromBeingReported() {
		RemoteEndpoint.Basic broken = (RemoteEndpoint.Basic) Proxy.newProxyInstance(getClass().getClassLoader(),
				new Class<?>[] { RemoteEndpoint.Basic.class }, (proxy, method, args) -> {
					if (method.getName().equals("sendBinary")) {
						throw new IOException("socket broke");
					}
					return null;
				});
		AtomicReference<Throwable> failure = new AtomicReference<>();
		ConnectionWriter writer = new ConnectionWriter(broken, 1 << 20, failure::set, () -> {
		});
		Queue<Runnable> writes = new ConcurrentLinkedQueue<>();
		List<String> handedBack = new CopyOnWriteArrayList<>();
		writer.deliver(frame(), () -> {
		}, () -> handedBack.add("first"), writes::add);
		writer.deliver(frame(), () -> {
		}, () -> {
			throw new IllegalStateException("its queue is gone");
		}, writes::add);

		try (LogCapture log = new LogCapture()) {
			writes.poll().run();

			assertThat(log.text()).contains("Handing an unwritten message back to its queue failed");
		}
		assertThat(handedBack).containsExactly("first");
		assertThat(failure.get()).hasMessage("socket broke");
	}

	@Test
	void aSessionErrorReleasesTheConnectionAndClosesIt() {
		StubConnection consumer = StubConnection.writingAtOnce(this.room, "c", ServerLimits.DEFAULTS);
		this.room.receive("q", true, consumer.park(1, "q"), true);

		consumer.connection.failed(new IOException("connection reset"));

		assertThat(consumer.connection.parkedCount()).isZero();
		assertThat(this.room.send("q", true, message(1))).as("no receive of it is left to take a message").isNull();
		assertThat(consumer.calls()).containsExactly("close");
	}

	private static ByteBuffer[] frame() {
		return new ByteBuffer[] { ByteBuffer.wrap(new byte[] { 1, 2, 3 }) };
	}

	private void deliverSend(QueuedMessage message) {
		ParkedReceive receive = this.room.send("q", true, message);
		assertThat(receive).isNotNull();
		receive.connection().deliver(receive, message);
	}

}
