package io.roomqueues.server;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.roomqueues.protocol.Content;
import io.roomqueues.protocol.JsonContent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Closing the server cuts no delivery mid-write: a message being written when the close begins is given time to
 * finish, and nothing of the server runs once close returns.
 */
class RoomServerCloseTests {

	private static final String SECRET = "close-secret-of-at-least-32-bytes!";

	@Test
	void aDeliveryBeingWrittenWhenTheCloseBeginsIsFinishedBeforeTheConnectionCloses() {
		RoomServer server = RoomServer.builder().secret(SECRET).build().start();
		String large = "x".repeat(12 << 20);
		try (TestConnection consumer = TestConnection.open(server, "r", "consumer");
				TestConnection producer = TestConnection.open(server, "r", "producer")) {
			CompletableFuture<Content> receive = consumer.invoke("receive", consumer.args("name", "q", "wait", true));
			consumer.invoke("list", consumer.args()).join();
			consumer.pauseReading();
			producer.invoke("send", producer.args("name", "q", "message", Map.of("large", large))).join();

			CompletableFuture<Void> closed = CompletableFuture.runAsync(server::close);
			await().until(() -> !server.isRunning());
			consumer.resumeReading();

			assertThat(receive).succeedsWithin(Duration.ofSeconds(10))
				.isInstanceOfSatisfying(JsonContent.class,
						(message) -> assertThat(message.json().get("large").stringValue()).hasSize(large.length()));
			assertThat(closed).succeedsWithin(Duration.ofSeconds(10));
			assertThat(consumer.closed).succeedsWithin(Duration.ofSeconds(5))
				.satisfies((close) -> assertThat(close.code()).isEqualTo(1001));
		}
		finally {
			server.close();
		}
	}

	@Test
	void closeReturnsOnlyOnceTheServersThreadsHaveEnded() {
		RoomServer server = RoomServer.builder().secret(SECRET).build().start();
		try (TestConnection consumer = TestConnection.open(server, "r", "consumer");
				TestConnection producer = TestConnection.open(server, "r", "producer")) {
			CompletableFuture<Content> receive = consumer.invoke("receive", consumer.args("name", "q", "wait", true));
			consumer.invoke("list", consumer.args()).join();
			producer.invoke("send", producer.args("name", "q", "message", Map.of("n", 1))).join();
			assertThat(receive.join()).isInstanceOf(JsonContent.class);
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
