package io.roomqueues.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;

import io.roomqueues.client.ConnectionState;
import io.roomqueues.client.Queue;
import io.roomqueues.client.ReconnectPolicy;
import io.roomqueues.client.RoomClient;
import io.roomqueues.client.RoomClosedException;
import io.roomqueues.client.RoomConnectionException;
import io.roomqueues.client.RoomConnectionListener;
import io.roomqueues.client.RoomException;
import io.roomqueues.client.RoomHandshakeException;
import io.roomqueues.client.RoomTimeoutException;
import io.roomqueues.protocol.TextContent;
import io.roomqueues.server.RoomServer;
import io.roomqueues.token.ParticipantToken;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/** Connection behaviour of {@link RoomClient}: readiness, refusals, timeouts, loss and reconnect. */
class RoomClientTests {

	@Test
	void stoppedServerFailsPendingRequestsRetryablyAndTheClientReconnectsWhenItReturns() {
		RoomServer server = RoomServer.builder().secret("s").build().start();
		int port = server.port();
		List<String> events = new CopyOnWriteArrayList<>();
		RoomClient client = RoomClient.builder()
			.url(server.url())
			.room("r")
			.token(() -> ParticipantToken.builder("java").room("r").build().toJwt("s"))
			.reconnect(new ReconnectPolicy(Duration.ofMillis(100), Duration.ofMillis(500), 2, 0.2, 1000))
			.build();
		client.addConnectionListener(new RoomConnectionListener() {
			@Override
			public void connected(RoomClient room, boolean reconnect) {
				events.add(reconnect ? "reconnected" : "connected");
			}

			@Override
			public void disconnected(RoomClient room, Throwable cause) {
				events.add("disconnected");
			}
		});
		try (client) {
			client.connect().join();
			List<CompletableFuture<ObjectNode>> pending = new ArrayList<>();
			for (int i = 0; i < 5; i++) {
				pending.add(client.queues().receive("q" + i));
			}
			client.queues().list().join();

			long stoppedAt = System.nanoTime();
			server.close();

			for (CompletableFuture<ObjectNode> request : pending) {
				assertThatExceptionOfType(CompletionException.class).isThrownBy(request::join)
					.havingCause()
					.isInstanceOfSatisfying(RoomConnectionException.class,
							(ex) -> assertThat(ex.isRetryable()).isTrue());
			}
			assertThat(Duration.ofNanos(System.nanoTime() - stoppedAt)).isLessThan(Duration.ofSeconds(1));

			try (RoomServer restarted = RoomServer.builder().secret("s").port(port).build().start()) {
				client.whenConnected().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join();
				client.queues().send("after", Map.of("ok", true)).join();
				assertThat(client.queues().list().join()).containsExactly(new Queue("after", 1));
				assertThat(restarted.queues("r")).hasSize(1);
			}
			// listeners are told on the callback executor, which may run them after whenConnected() completed
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(events).startsWith("connected", "disconnected").contains("reconnected"));
		}
	}

	@Test
	void serverThatNeverSendsConnectedFailsTheConnectAtTheTimeout() throws Exception {
		try (ScriptedRoomServer silent = ScriptedRoomServer.silent();
				RoomClient client = RoomClient.builder()
					.url(silent.url())
					.room("r")
					.token("t")
					.connectTimeout(Duration.ofMillis(500))
					.reconnect(ReconnectPolicy.NEVER)
					.build()) {
			long started = System.nanoTime();

			assertThatExceptionOfType(CompletionException.class).isThrownBy(() -> client.connect().join())
				.havingCause()
				.isInstanceOf(RoomTimeoutException.class)
				.withMessageContaining("did not become ready within 500 ms");
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(450),
					Duration.ofSeconds(5));
			await().untilAsserted(() -> assertThat(client.state()).isEqualTo(ConnectionState.CLOSED));
		}
	}

	@Test
	void aServerThatNeverAnswersGetsOneConnectionPerAttempt() throws Exception {
		java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger();
		try (ScriptedRoomServer blackHole = ScriptedRoomServer.blackHole();
				RoomClient client = RoomClient.builder()
					.url(blackHole.url())
					.room("r")
					.token("t")
					.connectTimeout(Duration.ofMillis(200))
					.reconnect(new ReconnectPolicy(Duration.ofMillis(20), Duration.ofMillis(20), 1, 0, 1000))
					.build()) {
			client.addConnectionListener(new RoomConnectionListener() {
				@Override
				public void disconnected(RoomClient room, Throwable cause) {
					failures.incrementAndGet();
				}
			});
			client.connect();

			await().atMost(Duration.ofSeconds(20)).until(() -> failures.get() >= 6);
			client.close();

			assertThat(blackHole.accepted.get()).isBetween(failures.get() - 1, failures.get() + 1);
		}
	}

	@Test
	void aTokenSupplierThatFailsOnceDoesNotStopTheClient() {
		try (RoomServer server = RoomServer.builder().secret("s").build().start()) {
			java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
			try (RoomClient client = RoomClient.builder()
				.url(server.url())
				.room("r")
				.token(() -> {
					if (calls.incrementAndGet() == 1) {
						throw new IllegalStateException("vault unavailable");
					}
					return server.token("java", "r");
				})
				.reconnect(new ReconnectPolicy(Duration.ofMillis(20), Duration.ofMillis(20), 1, 0, 10))
				.build()) {
				assertThatExceptionOfType(CompletionException.class).isThrownBy(() -> client.connect().join())
					.havingCause()
					.isInstanceOf(RoomConnectionException.class)
					.withMessageContaining("vault unavailable");

				client.whenConnected().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join();
				assertThat(client.queues().list().join()).isEmpty();
			}
		}
	}

	@Test
	void badTokenFailsAsTokenRejectedWithoutRetrying() {
		try (RoomServer server = RoomServer.builder().secret("s").build().start();
				RoomClient client = RoomClient.builder()
					.url(server.url())
					.room("r")
					.token(ParticipantToken.builder("x").build().toJwt("wrong"))
					.build()) {
			assertThatExceptionOfType(CompletionException.class).isThrownBy(() -> client.connect().join())
				.havingCause()
				.isInstanceOfSatisfying(RoomHandshakeException.class, (ex) -> {
					assertThat(ex.status()).isEqualTo(403);
					assertThat(ex).hasMessageContaining("token rejected");
					assertThat(ex.getMessage()).doesNotContain("token=");
				});
			assertThat(client.state()).isEqualTo(ConnectionState.CLOSED);
			assertThatExceptionOfType(CompletionException.class).isThrownBy(() -> client.queues().list().join())
				.havingCause()
				.isInstanceOf(RoomClosedException.class);
		}
	}

	@Test
	void unknownPathFailsWith404() {
		try (RoomServer server = RoomServer.builder().secret("s").build().start();
				RoomClient client = RoomClient.builder()
					.url(server.url() + "/not-here")
					.room("r")
					.token(server.token("x", "r"))
					.build()) {
			assertThatExceptionOfType(CompletionException.class).isThrownBy(() -> client.connect().join())
				.havingCause()
				.isInstanceOfSatisfying(RoomHandshakeException.class, (ex) -> {
					assertThat(ex.status()).isEqualTo(404);
					assertThat(ex).hasMessageContaining("no such room or path");
				});
			assertThat(client.state()).isEqualTo(ConnectionState.CLOSED);
		}
	}

	@Test
	void responseOfAnUnexpectedKindFailsWith1100() throws Exception {
		try (ScriptedRoomServer server = ScriptedRoomServer.answering((request) -> new TextContent("surprise"));
				RoomClient client = RoomClient.builder().url(server.url()).room("r").token("t").build()) {
			client.connect().join();

			assertThatExceptionOfType(CompletionException.class).isThrownBy(() -> client.queues().list().join())
				.havingCause()
				.isInstanceOfSatisfying(RoomException.class, (ex) -> {
					assertThat(ex.code()).isEqualTo(1100);
					assertThat(ex).hasMessage("unexpected return type from queues.list: text");
				});
			assertThatExceptionOfType(CompletionException.class).isThrownBy(() -> client.queues().open("q").join())
				.havingCause()
				.isInstanceOfSatisfying(RoomException.class, (ex) -> assertThat(ex.code()).isEqualTo(1100));
		}
	}

	@Test
	void requestTimeoutFailsASilentRequestWith1009() throws Exception {
		try (ScriptedRoomServer server = ScriptedRoomServer.answering((request) -> null);
				RoomClient client = RoomClient.builder()
					.url(server.url())
					.room("r")
					.token("t")
					.requestTimeout(Duration.ofMillis(200))
					.build()) {
			client.connect().join();

			assertThatExceptionOfType(CompletionException.class).isThrownBy(() -> client.queues().list().join())
				.havingCause()
				.isInstanceOfSatisfying(RoomTimeoutException.class, (ex) -> {
					assertThat(ex.code()).isEqualTo(1009);
					assertThat(ex).hasMessageContaining("queues.list").hasMessageContaining("200 ms");
				});
			assertThat(client.pendingRequests()).isZero();
		}
	}

	@Test
	void closeFailsPendingRequestsWithAClearException() {
		try (RoomServer server = RoomServer.builder().secret("s").build().start()) {
			RoomClient client = QueuesClientTests.connect(server, "r");
			CompletableFuture<ObjectNode> parked = client.queues().receive("q");
			client.queues().list().join();

			client.close();

			assertThatExceptionOfType(CompletionException.class).isThrownBy(parked::join)
				.havingCause()
				.isInstanceOf(RoomClosedException.class)
				.withMessage("room client was closed before request completed");
			assertThat(client.state()).isEqualTo(ConnectionState.CLOSED);
		}
	}

	@Test
	void messagesHandedToWaitingReceivesDuringCloseAreSentBackToTheirQueue() throws Exception {
		try (ScriptedRoomServer server = ScriptedRoomServer.handingMessagesToClosingClients()) {
			RoomClient client = RoomClient.builder().url(server.url()).room("r").token("t").build();
			client.connect().join();
			CompletableFuture<ObjectNode> first = client.queues().receive("late");
			CompletableFuture<ObjectNode> second = client.queues().receive("late");
			client.queues().open("sync").join();

			client.close();

			assertThat(server.sends).containsExactlyInAnyOrder("late:{\"late\":0}", "late:{\"late\":1}");
			for (CompletableFuture<ObjectNode> receive : List.of(first, second)) {
				assertThatExceptionOfType(CompletionException.class).isThrownBy(receive::join)
					.havingCause()
					.isInstanceOf(RoomClosedException.class);
			}
		}
	}

	@Test
	void tokenSentAsBearerHeaderAndQueryIsAccepted() {
		try (RoomServer server = RoomServer.builder().secret("s").build().start();
				RoomClient client = QueuesClientTests.connect(server, "r")) {
			assertThat(client.participantId()).isNotBlank();
			assertThat(client.state()).isEqualTo(ConnectionState.CONNECTED);
		}
	}

}
