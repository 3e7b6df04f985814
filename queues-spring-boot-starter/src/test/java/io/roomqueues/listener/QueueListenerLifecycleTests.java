package io.roomqueues.listener;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.roomqueues.autoconfigure.QueueListenerAutoConfiguration;
import io.roomqueues.autoconfigure.RoomClientAutoConfiguration;
import io.roomqueues.client.RoomClient;
import io.roomqueues.server.RoomServer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Startup with the room down, and shutdown with messages in flight: nothing lost. */
class QueueListenerLifecycleTests {

	private static final String SECRET = "lifecycle-secret";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(RoomClientAutoConfiguration.class, QueueListenerAutoConfiguration.class))
		.withPropertyValues("queues.room.secret=" + SECRET, "queues.room.reconnect.initial-delay=50ms",
				"queues.room.reconnect.max-delay=300ms");

	@Test
	void applicationStartsWithTheRoomDownAndTheListenerReceivesOnceItIsUp() throws IOException {
		int port = freePort();
		String room = "late-" + UUID.randomUUID();
		WorkListener listener = new WorkListener(0);
		this.runner.withPropertyValues("queues.room.url=ws://127.0.0.1:" + port, "queues.room.name=" + room)
			.withBean(WorkListener.class, () -> listener)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(QueueListenerRegistry.class).getListenerContainer("work").isRunning())
					.isTrue();
				try (RoomServer server = RoomServer.builder().secret(SECRET).port(port).build().start();
						RoomClient sender = sender(server, room)) {
					sender.queues().send("work", Map.of("id", 42)).join();

					await().untilAsserted(() -> assertThat(listener.processed).containsExactly(42));
				}
			});
	}

	@Test
	void listenersReceiveAgainAfterTheConnectionDropsAndComesBack() throws IOException {
		int port = freePort();
		String room = "drop-" + UUID.randomUUID();
		WorkListener listener = new WorkListener(0);
		RoomServer first = RoomServer.builder().secret(SECRET).port(port).build().start();
		this.runner.withPropertyValues("queues.room.url=ws://127.0.0.1:" + port, "queues.room.name=" + room,
				"queues.listener.concurrency=3")
			.withBean(WorkListener.class, () -> listener)
			.run((context) -> {
				RoomClient client = context.getBean(RoomClient.class);
				await().until(() -> client.queues().waitingReceives() == 3);

				first.close();
				try (RoomServer second = RoomServer.builder().secret(SECRET).port(port).build().start();
						RoomClient sender = sender(second, room)) {
					await().until(() -> client.queues().waitingReceives() == 3);
					for (int i = 0; i < 5; i++) {
						sender.queues().send("work", Map.of("id", i)).join();
					}

					await().untilAsserted(() -> assertThat(listener.processed).containsExactlyInAnyOrder(0, 1, 2, 3, 4));
				}
			});
	}

	@Test
	void aListenerThatThrowsAnErrorDeadLettersTheMessageAndKeepsReceiving() {
		String room = "error-" + UUID.randomUUID();
		ErrorListener listener = new ErrorListener();
		try (RoomServer server = RoomServer.builder().secret(SECRET).build().start()) {
			this.runner.withPropertyValues("queues.room.url=" + server.url(), "queues.room.name=" + room,
					"queues.listener.retry.initial-interval=5ms")
				.withBean(ErrorListener.class, () -> listener)
				.run((context) -> {
					try (RoomClient sender = sender(server, room)) {
						sender.queues().send("errors", Map.of("poison", true)).join();
						sender.queues().send("errors", Map.of("poison", false)).join();

						ObjectNode letter = sender.queues().receive("errors.dlq").get(10, TimeUnit.SECONDS);
						assertThat(letter.at("/error/type").stringValue()).isEqualTo(StackOverflowError.class.getName());
						assertThat(letter.at("/message/poison").booleanValue()).isTrue();
						await().untilAsserted(() -> assertThat(listener.healthy).hasValue(1));
					}
				});
		}
	}

	static class ErrorListener {

		final java.util.concurrent.atomic.AtomicInteger healthy = new java.util.concurrent.atomic.AtomicInteger();

		@QueueListener(queue = "errors", id = "errors")
		void listen(ObjectNode message) {
			if (message.get("poison").booleanValue()) {
				throw new StackOverflowError("simulated");
			}
			this.healthy.incrementAndGet();
		}

	}

	@Test
	void shutdownWithAThousandMessagesInFlightProcessesOrReturnsEveryOne() {
		String room = "shutdown-" + UUID.randomUUID();
		try (RoomServer server = RoomServer.builder().secret(SECRET).build().start()) {
			send(server, room, 1000);
			WorkListener listener = new WorkListener(5);
			this.runner.withPropertyValues("queues.room.url=" + server.url(), "queues.room.name=" + room,
					"queues.listener.concurrency=8")
				.withBean(WorkListener.class, () -> listener)
				.run((context) -> {
					await().until(() -> listener.processed.size() >= 100);

					context.close();

					Set<Integer> remaining = drain(server, room);
					assertThat(listener.processed.size() + remaining.size()).isEqualTo(1000);
					Set<Integer> all = new HashSet<>(remaining);
					all.addAll(listener.processed);
					assertThat(all).isEqualTo(ids(1000));
					assertThat(remaining).isNotEmpty();
				});
		}
	}

	@Test
	void listenersStillBusyAtTheShutdownTimeoutHaveTheirMessagesReturned() {
		String room = "timeout-" + UUID.randomUUID();
		try (RoomServer server = RoomServer.builder().secret(SECRET).build().start()) {
			send(server, room, 1000);
			WorkListener listener = new WorkListener(60_000);
			this.runner.withPropertyValues("queues.room.url=" + server.url(), "queues.room.name=" + room,
					"queues.listener.concurrency=8", "queues.listener.shutdown-timeout=200ms")
				.withBean(WorkListener.class, () -> listener)
				.run((context) -> {
					assertThat(listener.allBusy.await(10, TimeUnit.SECONDS)).isTrue();
					QueueListenerContainer container = context.getBean(QueueListenerRegistry.class)
						.getListenerContainer("work");

					context.close();

					assertThat(container.getStatistics().getReturned()).isEqualTo(8);
					assertThat(listener.processed).isEmpty();
					assertThat(drain(server, room)).isEqualTo(ids(1000));
				});
		}
	}

	static class WorkListener {

		final Set<Integer> processed = ConcurrentHashMap.newKeySet();

		final CountDownLatch allBusy = new CountDownLatch(8);

		private final long workMillis;

		WorkListener(long workMillis) {
			this.workMillis = workMillis;
		}

		@QueueListener(queue = "work", id = "work")
		void work(ObjectNode message) throws InterruptedException {
			this.allBusy.countDown();
			Thread.sleep(this.workMillis); // the simulated work of a slow listener
			this.processed.add(message.get("id").intValue());
		}

	}

	private static void send(RoomServer server, String room, int count) {
		try (RoomClient sender = sender(server, room)) {
			CompletableFuture.allOf(IntStream.range(0, count)
				.mapToObj((i) -> sender.queues().send("work", Map.of("id", i)))
				.toArray(CompletableFuture[]::new)).join();
		}
	}

	private static Set<Integer> drain(RoomServer server, String room) {
		Set<Integer> ids = new HashSet<>();
		try (RoomClient reader = sender(server, room)) {
			ObjectNode message;
			while ((message = reader.queues().receive("work", true, false).join()) != null) {
				assertThat(ids.add(message.get("id").intValue())).as("duplicate %s", message).isTrue();
			}
		}
		return ids;
	}

	private static Set<Integer> ids(int count) {
		return IntStream.range(0, count).boxed().collect(Collectors.toSet());
	}

	private static RoomClient sender(RoomServer server, String room) {
		RoomClient client = RoomClient.builder().url(server.url()).room(room).token(server.token("test", room)).build();
		client.connect().join();
		return client;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}


}
