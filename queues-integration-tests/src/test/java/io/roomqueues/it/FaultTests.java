package io.roomqueues.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.roomqueues.client.ConnectionState;
import io.roomqueues.client.ReconnectPolicy;
import io.roomqueues.client.RoomClient;
import io.roomqueues.client.RoomConnectionException;
import io.roomqueues.client.RoomException;
import io.roomqueues.server.QueueInfo;
import io.roomqueues.server.RoomServer;
import io.roomqueues.server.ServerLimits;
import io.roomqueues.server.junit.TcpRelay;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Faults between clients and the server: a server restarted mid-run, a connection cut with receives parked, a producer
 * faster than its consumer.
 */
class FaultTests {

	private static final ReconnectPolicy QUICK = new ReconnectPolicy(Duration.ofMillis(50), Duration.ofMillis(300), 2,
			0.2, 10_000);

	@Test
	void clientsReconnectToARestartedServerAndNoRequestIsLeftWaiting() {
		RoomServer first = RoomServer.builder().secret("s").build().start();
		int port = first.port();
		List<RoomClient> clients = new ArrayList<>();
		try {
			for (int i = 0; i < 10; i++) {
				clients.add(connect(first.url(), first, "client-" + i));
			}
			List<CompletableFuture<ObjectNode>> parked = new ArrayList<>();
			for (RoomClient client : clients) {
				parked.add(client.queues().receive("restart"));
				client.queues().list().join();
			}

			first.close();

			// every request that was waiting fails, retryably, instead of waiting for ever
			for (CompletableFuture<ObjectNode> receive : parked) {
				assertThat(receive).failsWithin(Duration.ofSeconds(5))
					.withThrowableOfType(java.util.concurrent.ExecutionException.class)
					.withCauseInstanceOf(RoomConnectionException.class);
			}
			try (RoomServer second = RoomServer.builder().secret("s").port(port).build().start()) {
				for (RoomClient client : clients) {
					client.whenConnected().orTimeout(10, TimeUnit.SECONDS).join();
				}
				for (int i = 0; i < clients.size(); i++) {
					clients.get(i).queues().send("restart", Map.of("n", i)).join();
				}
				int received = 0;
				for (RoomClient client : clients) {
					received += (client.queues().receive("restart", Duration.ofSeconds(5)).join() != null) ? 1 : 0;
				}
				assertThat(received).isEqualTo(clients.size());
				assertThat(clients).allSatisfy((client) -> {
					assertThat(client.state()).isEqualTo(ConnectionState.CONNECTED);
					assertThat(client.pendingRequests()).isZero();
				});
				assertThat(second.queues("room")).extracting(QueueInfo::size).containsOnly(0);
			}
		}
		finally {
			clients.forEach(RoomClient::close);
			first.close();
		}
	}

	@Test
	void aConnectionCutWithReceivesParkedGetsNoMessageWrittenIntoTheDeadSocket() {
		try (RoomServer server = RoomServer.builder().secret("s").build().start();
				TcpRelay relay = TcpRelay.start(server.port());
				RoomClient producer = connect(server.url(), server, "producer");
				RoomClient consumer = connect("ws://127.0.0.1:" + relay.port(), server, "consumer")) {
			CompletableFuture<ObjectNode> parked = consumer.queues().receive("cut");
			consumer.queues().list().join();
			await().until(() -> server.connectionCount() == 2);

			assertThat(server.parkedReceiveCount("room")).isEqualTo(1);

			relay.cut();
			// the server has seen the connection go and taken its receive out of the queue
			await().until(() -> server.parkedReceiveCount("room") == 0);
			producer.queues().send("cut", Map.of("n", 1)).join();

			assertThat(parked).failsWithin(Duration.ofSeconds(5))
				.withThrowableOfType(java.util.concurrent.ExecutionException.class)
				.withCauseInstanceOf(RoomConnectionException.class);
			assertThat(server.queues("room")).singleElement().extracting(QueueInfo::size).isEqualTo(1);
			consumer.whenConnected().orTimeout(10, TimeUnit.SECONDS).join();
			assertThat(consumer.queues().receive("cut", Duration.ofSeconds(5)).join()).hasToString("{\"n\":1}");
		}
	}

	@Test
	void aFastProducerIsRefusedByTheLimitsWithAClearErrorAndNothingAcceptedIsLost() {
		try (RoomServer server = RoomServer.builder()
			.secret("s")
			.limits(ServerLimits.builder().maxQueueLength(50).maxQueuedBytesPerRoom(4096).build())
			.build()
			.start();
				RoomClient producer = connect(server.url(), server, "producer");
				RoomClient consumer = connect(server.url(), server, "consumer")) {
			List<CompletableFuture<Void>> sends = new ArrayList<>();
			for (int i = 0; i < 500; i++) {
				sends.add(producer.queues().send("flood", Map.of("n", i, "pad", "x".repeat(40))));
			}
			CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).exceptionally((ex) -> null).join();
			List<Integer> accepted = new ArrayList<>();
			List<String> refusals = new ArrayList<>();
			for (int i = 0; i < sends.size(); i++) {
				try {
					sends.get(i).join();
					accepted.add(i);
				}
				catch (java.util.concurrent.CompletionException ex) {
					RoomException refused = (RoomException) ex.getCause();
					assertThat(refused.code()).isEqualTo(1008);
					refusals.add(refused.getMessage());
				}
			}
			assertThat(refusals).isNotEmpty().allSatisfy((message) -> assertThat(message).contains("limit")
				.contains("nothing was added"));

			List<Integer> received = new ArrayList<>();
			ObjectNode message;
			while ((message = consumer.queues().tryReceive("flood").join()) != null) {
				received.add(message.get("n").intValue());
			}
			assertThat(received).isEqualTo(accepted);
		}
	}

	private static RoomClient connect(String url, RoomServer server, String participant) {
		RoomClient client = RoomClient.builder()
			.url(url)
			.room("room")
			.token(() -> server.token(participant, "room"))
			.reconnect(QUICK)
			.build();
		client.connect().join();
		return client;
	}

}
