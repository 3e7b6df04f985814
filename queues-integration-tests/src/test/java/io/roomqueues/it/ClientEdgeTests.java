package io.roomqueues.it;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.roomqueues.client.ConnectionState;
import io.roomqueues.client.Keepalive;
import io.roomqueues.client.ReconnectPolicy;
import io.roomqueues.client.ResponseTooLargeException;
import io.roomqueues.client.RoomClient;
import io.roomqueues.client.RoomClosedException;
import io.roomqueues.client.RoomConnectionClosedException;
import io.roomqueues.client.RoomConnectionException;
import io.roomqueues.client.RoomConnectionListener;
import io.roomqueues.server.RoomServer;
import io.roomqueues.server.ServerLimits;
import io.roomqueues.server.junit.RoomServerExtension;
import io.roomqueues.server.junit.TcpRelay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/** The client at its edges: oversized answers, dead peers, blocking callbacks, closes during connects and writes. */
class ClientEdgeTests {

	@RegisterExtension
	static RoomServerExtension server = RoomServerExtension.create();

	@Test
	void anAnswerLargerThanTheClientLimitFailsItsReceiveAtOnceNamingTheLimit() {
		try (RoomClient small = client("small").maxMessageSize(4096).build(); RoomClient producer = connect("producer")) {
			small.connect().join();
			CompletableFuture<ObjectNode> receive = small.queues().receive("large");
			producer.queues().send("large", Map.of("text", "x".repeat(10_000))).join();

			assertThat(receive).failsWithin(Duration.ofSeconds(5))
				.withThrowableOfType(ExecutionException.class)
				.havingCause()
				.isInstanceOf(ResponseTooLargeException.class)
				.withMessageContaining("maximum message size of 4096 bytes")
				.withMessageContaining("queues.room.max-message-size")
				.withMessageContaining("--max-message-size");
			// the connection goes on
			assertThat(small.queues().list().join()).isNotNull();
			assertThat(small.pendingRequests()).isZero();
		}
	}

	@Test
	void aFrozenConnectionIsFoundByKeepaliveFailsPendingRequestsRetryablyAndIsReestablished() {
		try (TcpRelay relay = TcpRelay.start(server.server().port());
				RoomClient client = RoomClient.builder()
					.url("ws://127.0.0.1:" + relay.port())
					.room("room")
					.token(server.server().token("frozen", "room"))
					.keepalive(new Keepalive(Duration.ofMillis(200), Duration.ofMillis(300)))
					.connectTimeout(Duration.ofMillis(500))
					.reconnect(new ReconnectPolicy(Duration.ofMillis(50), Duration.ofMillis(200), 2, 0, 1000))
					.build();
				RoomClient producer = connect("producer")) {
			client.connect().join();
			List<String> events = new CopyOnWriteArrayList<>();
			client.addConnectionListener(new RoomConnectionListener() {
				@Override
				public void disconnected(RoomClient room, Throwable cause) {
					events.add("disconnected: " + cause.getMessage());
				}

				@Override
				public void connected(RoomClient room, boolean reconnect) {
					events.add("connected");
				}
			});
			CompletableFuture<ObjectNode> parked = client.queues().receive("frozen");
			client.queues().list().join();

			relay.freeze();

			assertThat(parked).failsWithin(Duration.ofSeconds(5))
				.withThrowableOfType(ExecutionException.class)
				.havingCause()
				.isInstanceOfSatisfying(RoomConnectionException.class, (ex) -> assertThat(ex.isRetryable()).isTrue());
			// listeners are told on the callback executor, which may run them after the pending request failed
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(events).filteredOn((event) -> event.startsWith("disconnected"))
					.first()
					.asString()
					.contains("keepalive timeout"));
			assertThat(client.state()).isNotEqualTo(ConnectionState.CONNECTED);

			relay.heal();
			client.whenConnected().orTimeout(10, TimeUnit.SECONDS).join();
			producer.queues().send("frozen", Map.of("n", 1)).join();
			assertThat(client.queues().receive("frozen", Duration.ofSeconds(5)).join()).hasToString("{\"n\":1}");
		}
	}

	@Test
	void aCallbackThatBlocksOnAnotherRequestOfTheSameClientDoesNotHangTheConnection() {
		try (RoomClient client = connect("blocker"); RoomClient producer = connect("producer")) {
			CompletableFuture<String> chained = client.queues()
				.receive("blocking")
				.thenApply((message) -> Thread.currentThread().getName() + " " + client.queues().list().join().size());
			producer.queues().send("blocking", Map.of("n", 1)).join();

			assertThat(chained.orTimeout(5, TimeUnit.SECONDS).join()).startsWith("room-client-room-callback-");
		}
	}

	@Test
	void thePlainBuilderHasTheStartersRequestTimeout() {
		try (RoomClient client = client("defaults").build()) {
			assertThat(client.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
		}
	}

	@Test
	void aRequestBeforeConnectSaysToConnectFirst() {
		try (RoomClient client = client("early").build()) {
			assertThatIllegalStateException().isThrownBy(() -> client.queues().list())
				.withMessageContaining("call connect() first");
		}
	}

	@Test
	void aCloseDuringAConnectAttemptEndsTheAttempt() throws Exception {
		try (ScriptedRoomServer blackHole = ScriptedRoomServer.blackHole()) {
			RoomClient client = RoomClient.builder()
				.url(blackHole.url())
				.room("r")
				.token("t")
				.connectTimeout(Duration.ofSeconds(30))
				.build();
			CompletableFuture<RoomClient> connecting = client.connect();
			await().until(() -> blackHole.accepted.get() == 1);

			client.close();

			assertThat(connecting).failsWithin(Duration.ofSeconds(2))
				.withThrowableOfType(ExecutionException.class)
				.withCauseInstanceOf(RoomClosedException.class);
			await().atMost(Duration.ofSeconds(5)).until(() -> blackHole.unansweredClosedByClient.get() == 1);
		}
	}

	@Test
	void aCloseFromTheServerFailsPendingRequestsWithItsCodeAndReasonAndTellsTheListener() throws Exception {
		try (ScriptedRoomServer closing = ScriptedRoomServer.closingOnFirstRequest(1008, "did not answer a ping");
				RoomClient client = RoomClient.builder()
					.url(closing.url())
					.room("r")
					.token("t")
					.reconnect(new ReconnectPolicy(Duration.ofSeconds(30), Duration.ofSeconds(30), 2, 0, 1000))
					.build()) {
			client.connect().join();
			List<Throwable> disconnects = new CopyOnWriteArrayList<>();
			client.addConnectionListener(new RoomConnectionListener() {
				@Override
				public void disconnected(RoomClient room, Throwable cause) {
					disconnects.add(cause);
				}
			});

			assertThat(client.queues().list()).failsWithin(Duration.ofSeconds(5))
				.withThrowableOfType(ExecutionException.class)
				.havingCause()
				.isInstanceOfSatisfying(RoomConnectionClosedException.class, (closed) -> {
					assertThat(closed.closeCode()).isEqualTo(1008);
					assertThat(closed.closeReason()).isEqualTo("did not answer a ping");
					assertThat(closed.isRetryable()).isTrue();
					assertThat(closed).hasMessage("room connection closed before request completed: 1008 did not answer a ping");
				});
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(disconnects).singleElement()
				.isInstanceOfSatisfying(RoomConnectionClosedException.class,
						(closed) -> assertThat(closed.closeCode()).isEqualTo(1008)));
		}
	}

	@Test
	void aCloseRightAfterALargeSendLetsTheMessageGoOutWhole() {
		try (RoomClient reader = connect("reader")) {
			RoomClient writer = connect("writer");
			CompletableFuture<Void> sent = writer.queues().send("whole", Map.of("text", "y".repeat(300_000)));

			writer.close();

			ObjectNode received = reader.queues().receive("whole", Duration.ofSeconds(5)).join();
			assertThat(received).isNotNull();
			assertThat(received.get("text").stringValue()).hasSize(300_000);
			assertThat(sent).succeedsWithin(Duration.ofSeconds(1));
		}
	}

	@Test
	void pendingReceivesFailWithRoomClosedExceptionWhenTheClientCloses() {
		RoomClient client = connect("closer");
		CompletableFuture<ObjectNode> receive = client.queues().receive("never");
		client.queues().list().join();

		client.close();

		assertThatExceptionOfType(CompletionException.class).isThrownBy(receive::join)
			.withCauseInstanceOf(RoomClosedException.class);
	}

	@Test
	void aCallbackOnConnectThatBlocksOnARequestDoesNotHangTheConnection() {
		try (RoomClient client = client("on-connect").build()) {
			CompletableFuture<Integer> chained = client.whenConnected()
				.thenApply((connected) -> connected.queues().list().join().size());
			client.connect();

			assertThat(chained).succeedsWithin(Duration.ofSeconds(5));
		}
	}

	@Test
	void aCompletionTheCallbackExecutorRefusesNeverRunsOnTheReaderThread() {
		ThreadPoolExecutor single = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new SynchronousQueue<>());
		CountDownLatch busy = new CountDownLatch(1);
		try (RoomClient client = client("refused-callbacks").callbackExecutor(single).build();
				RoomClient producer = connect("producer")) {
			client.connect().join();
			// the connect's completion ran on the pool's one thread: occupy it once it is free again
			await().until(() -> single.getActiveCount() == 0);
			single.execute(() -> awaitQuietly(busy));
			CompletableFuture<String> chained = client.queues()
				.receive("refused-callbacks")
				.thenApply((message) -> Thread.currentThread().getName() + " " + client.queues().list().join().size());
			producer.queues().send("refused-callbacks", Map.of("n", 1)).join();

			assertThat(chained).succeedsWithin(Duration.ofSeconds(5))
				.asString()
				.startsWith("room-client-callback-overflow");
		}
		finally {
			busy.countDown();
			single.shutdown();
		}
	}

	@Test
	void boundedReceivesOnManyQueuesPollOnceTheServersLimitOfWaitingReceivesIsReached() {
		try (RoomServer small = RoomServer.builder()
			.secret("s")
			.limits(ServerLimits.builder().maxParkedReceivesPerConnection(3).build())
			.build()
			.start();
				RoomClient client = RoomClient.builder()
					.url(small.url())
					.room("room")
					.token(small.token("poller", "room"))
					.build();
				RoomClient producer = RoomClient.builder()
					.url(small.url())
					.room("room")
					.token(small.token("producer", "room"))
					.build()) {
			client.connect().join();
			producer.connect().join();
			for (int i = 0; i < 3; i++) {
				assertThat(client.queues().receive("entity-" + i, Duration.ofMillis(50)).join()).isNull();
			}

			assertThat(client.queues().receive("entity-3", Duration.ofMillis(300)).join()).isNull();
			CompletableFuture<ObjectNode> polling = client.queues().receive("entity-4", Duration.ofSeconds(5));
			producer.queues().send("entity-4", Map.of("n", 4)).join();
			assertThat(polling).succeedsWithin(Duration.ofSeconds(5)).hasToString("{\"n\":4}");
		}
	}

	@Test
	void aTokenWithATrailingNewlineFromAMountedSecretIsTrimmed() {
		try (RoomClient client = RoomClient.builder()
			.url(server.server().url())
			.room("room")
			.token(server.server().token("newline", "room") + "\n")
			.reconnect(ReconnectPolicy.NEVER)
			.build()) {
			assertThat(client.connect()).succeedsWithin(Duration.ofSeconds(5));
		}
	}

	@Test
	void aTokenAHeaderCannotCarryIsRefusedForGoodWithoutBeingShown() {
		String token = server.server().token("broken", "room");
		String signature = token.substring(token.lastIndexOf('.') + 1);
		PrintStream original = System.err;
		ByteArrayOutputStream captured = new ByteArrayOutputStream();
		System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
		try (RoomClient client = RoomClient.builder()
			.url(server.server().url())
			.room("room")
			.token(token.replace(".", ".\n"))
			.build()) {
			assertThat(client.connect()).failsWithin(Duration.ofSeconds(5))
				.withThrowableOfType(ExecutionException.class)
				.havingCause()
				.isInstanceOf(io.roomqueues.client.RoomHandshakeException.class)
				.withMessageContaining("an HTTP header cannot carry")
				.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain(signature));
			await().until(() -> client.state() == ConnectionState.CLOSED);
			assertThat(String.valueOf(client.lastError())).doesNotContain(signature);
		}
		finally {
			System.setErr(original);
		}
		assertThat(captured.toString(StandardCharsets.UTF_8)).contains("refused this client for good")
			.doesNotContain(signature);
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static RoomClient connect(String participant) {
		RoomClient client = client(participant).build();
		client.connect().join();
		return client;
	}

	private static io.roomqueues.client.RoomClientBuilder client(String participant) {
		return RoomClient.builder()
			.url(server.server().url())
			.room("room")
			.token(server.server().token(participant, "room"));
	}

}
