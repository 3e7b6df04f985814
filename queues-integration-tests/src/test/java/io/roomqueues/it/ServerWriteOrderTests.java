package io.roomqueues.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.roomqueues.client.ReconnectPolicy;
import io.roomqueues.client.RoomClient;
import io.roomqueues.server.QueueInfo;
import io.roomqueues.server.RoomServer;
import io.roomqueues.server.junit.TcpRelay;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * When the server's write to a consumer fails while one message is being written and later ones wait behind
 * it, the messages go back to their queue; they must go back in the order they were taken.
 */
class ServerWriteOrderTests {

	private static final int LARGE = 8_000_000;

	@Test
	void messagesPutBackAfterAFailedWriteKeepTheirQueueOrder() {
		try (RoomServer server = RoomServer.builder().secret("s").build().start();
				TcpRelay relay = TcpRelay.start(server.port());
				RoomClient producer = connect(server.url(), server, "producer");
				RoomClient other = connect(server.url(), server, "other");
				RoomClient consumer = connect("ws://127.0.0.1:" + relay.port(), server, "consumer")) {
			List<CompletableFuture<ObjectNode>> parked = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				parked.add(consumer.queues().receive("ordered"));
			}
			await().until(() -> server.parkedReceiveCount("room") == 4);
			relay.freeze();

			// 0 is too large for the socket buffers of a frozen peer, so the server's writer blocks on it; 1, 2 and 3
			// are handed to the same connection and wait behind it
			producer.queues().send("ordered", Map.of("n", 0, "pad", "x".repeat(LARGE))).join();
			for (int n = 1; n <= 3; n++) {
				producer.queues().send("ordered", Map.of("n", n)).join();
			}
			await().until(() -> server.parkedReceiveCount("room") == 0);

			// the connection is reset: the blocked write fails and every message goes back to the queue
			relay.cut();
			await().atMost(Duration.ofSeconds(20))
				.until(() -> server.queues("room").stream().mapToInt(QueueInfo::size).sum() == 4);

			List<Integer> order = new ArrayList<>();
			ObjectNode message;
			while ((message = other.queues().tryReceive("ordered").join()) != null) {
				order.add(message.get("n").intValue());
			}
			assertThat(order).containsExactly(0, 1, 2, 3);
		}
	}

	private static RoomClient connect(String url, RoomServer server, String participant) {
		RoomClient client = RoomClient.builder()
			.url(url)
			.room("room")
			.token(() -> server.token(participant, "room"))
			.reconnect(ReconnectPolicy.NEVER)
			.closeTimeout(Duration.ofMillis(200))
			.build();
		client.connect().join();
		return client;
	}

}
