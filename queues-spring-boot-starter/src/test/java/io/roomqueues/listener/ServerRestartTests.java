package io.roomqueues.listener;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import io.roomqueues.actuate.RoomHealthIndicator;
import io.roomqueues.autoconfigure.QueueListenerAutoConfiguration;
import io.roomqueues.autoconfigure.QueuesHealthAutoConfiguration;
import io.roomqueues.autoconfigure.RoomClientAutoConfiguration;
import io.roomqueues.client.QueuesClient;
import io.roomqueues.client.RoomClient;
import io.roomqueues.server.RoomServer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The room server stopped and started again on the same port while listeners run. */
class ServerRestartTests {

	@Test
	void listenersResumeByThemselvesAfterTheServerRestartsAndNoListenerThreadIsLeftBehind() {
		Listener listener = new Listener();
		RoomServer first = RoomServer.builder().secret(TestRoom.SECRET).build().start();
		int port = first.port();
		try {
			runner(first.url()).withBean(Listener.class, () -> listener).run((context) -> {
				RoomHealthIndicator health = context.getBean(RoomHealthIndicator.class);
				QueueListenerContainer container = context.getBean(QueueListenerRegistry.class)
					.getListenerContainer("restart");
				sendAll(first, 0, 20);
				await().untilAsserted(() -> assertThat(listener.ids).hasSize(20));

				first.close();
				await().until(() -> health.health(true).getStatus().equals(Status.DOWN));

				try (RoomServer second = RoomServer.builder().secret(TestRoom.SECRET).port(port).build().start()) {
					await().until(() -> health.health(true).getStatus().equals(Status.UP));
					sendAll(second, 20, 40);

					await().untilAsserted(() -> assertThat(listener.ids)
						.containsExactlyInAnyOrderElementsOf(IntStream.range(0, 40).boxed().toList()));
					assertThat(container.isRunning()).isTrue();
					assertThat(container.getFailure()).isNull();
					await().untilAsserted(() -> assertThat(container.getInFlight()).isZero());
					assertThat(second.queues("restart-room")).allSatisfy((info) -> assertThat(info.size()).isZero());
					context.close();
				}
			});
			// the listener's own threads end with its context: none waits on the connection of the first server
			await().untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet())
				.noneMatch((thread) -> thread.getName().startsWith("restart-") && thread.isAlive()));
		}
		finally {
			first.close();
		}
	}

	private static ApplicationContextRunner runner(String url) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(RoomClientAutoConfiguration.class,
					QueueListenerAutoConfiguration.class, QueuesHealthAutoConfiguration.class))
			.withPropertyValues("queues.room.url=" + url, "queues.room.name=restart-room",
					"queues.room.secret=" + TestRoom.SECRET, "queues.room.reconnect.initial-delay=50ms",
					"queues.room.reconnect.max-delay=300ms", "queues.listener.concurrency=4");
	}

	private static void sendAll(RoomServer server, int from, int to) {
		try (RoomClient sender = RoomClient.builder()
			.url(server.url())
			.room("restart-room")
			.token(server.token("sender", "restart-room"))
			.build()) {
			sender.connect().join();
			QueuesClient queues = sender.queues();
			IntStream.range(from, to)
				.mapToObj((n) -> queues.send("restart", Map.of("n", n)))
				.toList()
				.forEach(CompletableFuture::join);
		}
	}

	static class Listener {

		final List<Integer> ids = new CopyOnWriteArrayList<>();

		@QueueListener(queue = "restart", id = "restart")
		void listen(ObjectNode message) {
			this.ids.add(message.get("n").intValue());
		}

	}

}
