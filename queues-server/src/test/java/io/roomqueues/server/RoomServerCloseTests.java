package io.roomqueues.server;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.roomqueues.protocol.Content;
import io.roomqueues.protocol.JsonContent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Closing the server leaves nothing of it running: its delivery and keepalive threads end before close returns. */
class RoomServerCloseTests {

	@Test
	void closeReturnsOnlyOnceTheDeliveryAndKeepaliveThreadsHaveEnded() {
		RoomServer server = RoomServer.builder().secret("close-secret-of-at-least-32-bytes!").build().start();
		try (TestConnection consumer = TestConnection.open(server, "r", "consumer");
				TestConnection producer = TestConnection.open(server, "r", "producer")) {
			for (int i = 0; i < 5; i++) {
				CompletableFuture<Content> receive = consumer.invoke("receive", consumer.args("name", "q", "wait", true));
				await().until(() -> server.parkedReceiveCount("r") == 1);
				producer.invoke("send", producer.args("name", "q", "message", Map.of("n", i))).join();
				assertThat(receive.join()).isInstanceOf(JsonContent.class);
			}
			assertThat(serverThreads()).isPositive();

			server.close();

			assertThat(serverThreads()).isZero();
		}
	}

	private static long serverThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.isAlive() && thread.getName().startsWith("room-server-"))
			.count();
	}

}
