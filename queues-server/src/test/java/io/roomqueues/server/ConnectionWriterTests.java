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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import org.junit.jupiter.api.Test;

import static io.roomqueues.server.RoomQueueTests.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * How a connection's writer meets the container: a write that fails in any way gives its messages back and closes the
 * connection; a close the connection starts is written after the batch in progress has gone out whole, off the
 * reading thread, and never lands in a batch that no flush will follow; a batch is flushed before batching is
 * switched off.
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
	void aBatchIsFlushedBeforeBatchingIsSwitchedOff() {
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
		RemoteEndpoint.Basic broken = brokenSocket();
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

	@Test
	void aCloseDuringABatchLetsNoFrameOfItFollowTheSwitchOffThatTomcatsCloseStartsWith() throws Exception {
		// Tomcat's doClose (and its echo of a client's close) switches batching off before its flush takes the write
		// semaphore: a frame the writer sends in between goes straight to the socket, ahead of the buffered tail
		List<String> events = new CopyOnWriteArrayList<>();
		AtomicBoolean batching = new AtomicBoolean();
		CountDownLatch firstFrame = new CountDownLatch(1);
		AtomicReference<Thread> closer = new AtomicReference<>();
		RemoteEndpoint.Basic tomcat = (RemoteEndpoint.Basic) Proxy.newProxyInstance(getClass().getClassLoader(),
				new Class<?>[] { RemoteEndpoint.Basic.class }, (proxy, method, args) -> {
					switch (method.getName()) {
						case "sendBinary" -> {
							events.add("frame, batching " + (batching.get() ? "on" : "off"));
							if (firstFrame.getCount() == 1) {
								firstFrame.countDown();
								await().atMost(Duration.ofSeconds(10)).until(() -> closer.get() != null
										&& (!closer.get().isAlive() || closer.get().getState() == Thread.State.BLOCKED));
							}
						}
						case "setBatchingAllowed" -> {
							boolean was = batching.getAndSet((Boolean) args[0]);
							events.add("batching " + ((Boolean) args[0] ? "on" : "off"));
							if (was && !(Boolean) args[0]) {
								events.add("flush");
							}
						}
						case "flushBatch" -> events.add("flush");
						default -> {
						}
					}
					return null;
				});
		ConnectionWriter writer = new ConnectionWriter(tomcat, 1 << 20, (cause) -> events.add("failed"), () -> {
		});
		List<String> outcome = new CopyOnWriteArrayList<>();
		Thread writing = new Thread(() -> writer.deliver(new ByteBuffer[] { ByteBuffer.allocate(8), ByteBuffer.allocate(8),
				ByteBuffer.allocate(8) }, () -> outcome.add("written"), () -> outcome.add("handed back"), Runnable::run),
				"writer");
		writing.start();
		assertThat(firstFrame.await(10, TimeUnit.SECONDS)).isTrue();

		// what ParticipantConnection.closeWith does: the session's close, whose first step in Tomcat's
		// WsSession.doClose is switching batching off, is handed to the writer
		Thread closing = new Thread(() -> writer.close(() -> {
			events.add("close");
			try {
				tomcat.setBatchingAllowed(false);
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}, true), "closer");
		closer.set(closing);
		closing.start();
		closing.join(10_000);
		writing.join(10_000);

		assertThat(events.subList(events.indexOf("close"), events.size())).as("frames after the close started: %s", events)
			.noneMatch((event) -> event.startsWith("frame"));
		assertThat(outcome).hasSize(1);
	}

	@Test
	void aCloseTheServerStartsIsNeverWrittenOnTheThreadThatReadsTheConnection() {
		StubConnection consumer = StubConnection.in(this.room, "c", ServerLimits.DEFAULTS);

		consumer.connection.closeWith(CloseReason.CloseCodes.PROTOCOL_ERROR, "malformed frame");

		assertThat(consumer.calls()).as("not closed on the reading thread").doesNotContain("close");
		consumer.runDeliveries();
		assertThat(consumer.calls()).containsExactly("close");
	}

	@Test
	void anAnswerQueuedWhileADeliveryThreadWritesGoesOutBeforeTheCloseOfOurs() throws Exception {
		List<String> events = new CopyOnWriteArrayList<>();
		CountDownLatch writing = new CountDownLatch(1);
		CountDownLatch go = new CountDownLatch(1);
		RemoteEndpoint.Basic tomcat = (RemoteEndpoint.Basic) Proxy.newProxyInstance(getClass().getClassLoader(),
				new Class<?>[] { RemoteEndpoint.Basic.class }, (proxy, method, args) -> {
					if (method.getName().equals("sendBinary")) {
						events.add("frame of " + ((ByteBuffer) args[0]).remaining());
						if (writing.getCount() == 1) {
							writing.countDown();
							await().atMost(Duration.ofSeconds(10)).until(() -> go.getCount() == 0);
						}
					}
					return null;
				});
		ConnectionWriter writer = new ConnectionWriter(tomcat, 1 << 20, (cause) -> events.add("failed"), () -> {
		});
		// a delivery thread writes a message to a parked receive of this connection
		Thread delivery = new Thread(() -> writer.deliver(new ByteBuffer[] { ByteBuffer.allocate(8) }, () -> {
		}, () -> {
		}, Runnable::run), "delivery");
		delivery.start();
		assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();

		// the reading thread answers a send (it took effect), then reads a malformed frame: closeWith
		writer.respond(new ByteBuffer[] { ByteBuffer.allocate(3) });
		writer.close(() -> events.add("close"), true);
		go.countDown();
		delivery.join(10_000);

		assertThat(events).as("the answer to the earlier send, then the close: %s", events)
			.containsSubsequence("frame of 3", "close");
	}

	@Test
	void aFailureCallbackThatThrowsAfterClosingTheConnectionDoesNotLoseTheSessionsClose() {
		List<String> events = new CopyOnWriteArrayList<>();
		RemoteEndpoint.Basic broken = brokenSocket();
		AtomicReference<ConnectionWriter> self = new AtomicReference<>();
		// what writeFailed -> abandon -> release does, with a step after writer.close (onClosed: rooms.leave...)
		// that throws
		ConnectionWriter writer = new ConnectionWriter(broken, 1 << 20, (cause) -> {
			self.get().close(() -> events.add("close"), false);
			throw new IllegalStateException("a fault in release's bookkeeping");
		}, () -> {
		});
		self.set(writer);

		Throwable thrown = catchThrowable(() -> writer.respond(new ByteBuffer[] { ByteBuffer.allocate(3) }));

		assertThat(events).as("thrown: %s", String.valueOf(thrown)).containsExactly("close");
	}

	/** Tomcat's endpoint over a socket that broke: every frame written fails. */
	private static RemoteEndpoint.Basic brokenSocket() {
		return (RemoteEndpoint.Basic) Proxy.newProxyInstance(ConnectionWriterTests.class.getClassLoader(),
				new Class<?>[] { RemoteEndpoint.Basic.class }, (proxy, method, args) -> {
					if (method.getName().equals("sendBinary")) {
						throw new IOException("socket broke");
					}
					return null;
				});
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
