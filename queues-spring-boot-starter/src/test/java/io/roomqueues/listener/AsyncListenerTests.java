package io.roomqueues.listener;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.roomqueues.client.QueuesClient;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationContext;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.SendTo;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Listeners that return a {@code CompletableFuture} or {@code CompletionStage}: the message stays held until it
 * completes, its value is the reply, its failure is retried and dead-lettered, and a stop waits for it.
 */
class AsyncListenerTests {

	record Item(String name) {
	}

	record Receipt(String item) {
	}

	@Test
	void aFutureHoldsItsSlotUntilItCompletes() {
		try (TestRoom room = new TestRoom("async-slot")) {
			Pending listener = new Pending();
			room.runner().withBean(Pending.class, () -> listener).run((context) -> {
				QueuesClient app = context.getBean(QueuesClient.class);
				QueueListenerContainer container = container(context, "pending");
				QueuesClient direct = room.direct();
				direct.send("pending", new Item("first")).join();
				direct.send("pending", new Item("second")).join();
				Invocation first = listener.invocations.poll(10, TimeUnit.SECONDS);
				assertThat(first.item()).isEqualTo("first");

				// the method has returned, but its future holds the only slot: nothing more is received
				await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> room.size("pending") == 1
						&& app.waitingReceives() == 0 && container.getInFlight() == 1 && listener.invocations.isEmpty());
				assertThat(container.getStatistics().getProcessed()).isZero();

				first.future().complete(null);

				Invocation second = listener.invocations.poll(10, TimeUnit.SECONDS);
				assertThat(second.item()).isEqualTo("second");
				assertThat(container.getStatistics().getProcessed()).isEqualTo(1);
				second.future().complete(null);
			});
		}
	}

	@Test
	void theValueOfAFutureOrCompletionStageIsSentToTheSendToQueue() {
		try (TestRoom room = new TestRoom("async-reply")) {
			room.runner().withBean(Replying.class, Replying::new).run((context) -> {
				QueuesClient direct = room.direct();
				direct.send("future", new Item("pen")).join();
				direct.send("stage", new Item("ink")).join();

				assertThat(direct.receive("receipts", Duration.ofSeconds(10), Receipt.class).join())
					.isNotNull()
					.satisfies((receipt) -> assertThat(receipt.item()).isIn("pen", "ink"));
				assertThat(direct.receive("receipts", Duration.ofSeconds(10), Receipt.class).join())
					.isNotNull()
					.satisfies((receipt) -> assertThat(receipt.item()).isIn("pen", "ink"));
				assertThat(room.size("receipts")).isZero();
			});
		}
	}

	@Test
	void aFailedFutureIsRetriedThenDeadLetteredLikeAThrownException() {
		try (TestRoom room = new TestRoom("async-failure")) {
			Failing listener = new Failing();
			room.runner().withBean(Failing.class, () -> listener).run((context) -> {
				QueuesClient direct = room.direct();
				direct.send("failing", new Item("bad")).join();

				ObjectNode letter = direct.receive("failing.dlq", Duration.ofSeconds(10)).join();

				assertThat(letter).isNotNull();
				assertThat(letter.at("/error/type").stringValue()).isEqualTo(IllegalStateException.class.getName());
				assertThat(letter.at("/error/message").stringValue()).isEqualTo("cannot process bad");
				assertThat(letter.at("/error/attempts").intValue()).isEqualTo(3);
				assertThat(listener.attempts).containsExactly(1, 2, 3);
				QueueListenerContainer container = container(context, "failing");
				assertThat(container.getStatistics().getRetries()).isEqualTo(2);
				await().untilAsserted(() -> assertThat(container.getStatistics().getRecovered()).isEqualTo(1));
			});
		}
	}

	@Test
	void aStopPastTheShutdownTimeoutSendsTheMessageOfAnUnfinishedFutureBackAndCancelsIt() {
		try (TestRoom room = new TestRoom("async-stop")) {
			Pending listener = new Pending();
			room.runner()
				.withPropertyValues("queues.listener.shutdown-timeout=300ms")
				.withBean(Pending.class, () -> listener)
				.run((context) -> {
					QueueListenerContainer container = container(context, "pending");
					room.direct().send("pending", new Item("unfinished")).join();
					Invocation invocation = listener.invocations.poll(10, TimeUnit.SECONDS);
					assertThat(invocation).isNotNull();

					container.stop();

					assertThat(container.getStatistics().getReturned()).isEqualTo(1);
					assertThat(container.getStatistics().getProcessed()).isZero();
					assertThat(invocation.future()).isCancelled();
					await().until(() -> room.size("pending") == 1);
					assertThat(room.drain("pending")).singleElement()
						.satisfies((message) -> assertThat(message.get("name").stringValue()).isEqualTo("unfinished"));
				});
		}
	}

	@Test
	void aStopWaitsForAFutureThatCompletesWithinTheShutdownTimeout() {
		try (TestRoom room = new TestRoom("async-drain")) {
			Pending listener = new Pending();
			room.runner().withBean(Pending.class, () -> listener).run((context) -> {
				QueueListenerContainer container = container(context, "pending");
				room.direct().send("pending", new Item("finishing")).join();
				Invocation invocation = listener.invocations.poll(10, TimeUnit.SECONDS);
				assertThat(invocation).isNotNull();

				CompletableFuture<Void> stop = CompletableFuture.runAsync(container::stop);
				await().until(() -> !container.isRunning());
				assertThat(stop).isNotDone();
				invocation.future().complete(null);
				stop.get(10, TimeUnit.SECONDS);

				assertThat(container.getStatistics().getProcessed()).isEqualTo(1);
				assertThat(container.getStatistics().getReturned()).isZero();
				assertThat(room.size("pending")).isZero();
			});
		}
	}

	private static QueueListenerContainer container(ApplicationContext context, String id) {
		return context.getBean(QueueListenerRegistry.class).getListenerContainer(id);
	}

	record Invocation(String item, CompletableFuture<Void> future) {
	}

	static class Pending {

		final BlockingQueue<Invocation> invocations = new LinkedBlockingQueue<>();

		@QueueListener(queue = "pending", id = "pending")
		CompletableFuture<Void> listen(Item item) {
			CompletableFuture<Void> future = new CompletableFuture<>();
			this.invocations.add(new Invocation(item.name(), future));
			return future;
		}

	}

	static class Replying {

		@QueueListener(queue = "future", id = "future")
		@SendTo("receipts")
		CompletableFuture<Receipt> future(Item item) {
			return CompletableFuture.supplyAsync(() -> new Receipt(item.name()));
		}

		@QueueListener(queue = "stage", id = "stage")
		@SendTo("receipts")
		CompletionStage<Map<String, String>> stage(Item item) {
			return CompletableFuture.completedFuture(Map.of("item", item.name())).minimalCompletionStage();
		}

	}

	static class Failing {

		final List<Integer> attempts = new CopyOnWriteArrayList<>();

		@QueueListener(queue = "failing", id = "failing")
		CompletableFuture<Void> listen(Item item, @Header(QueueHeaders.ATTEMPT) int attempt) {
			this.attempts.add(attempt);
			return CompletableFuture.supplyAsync(() -> {
				throw new IllegalStateException("cannot process " + item.name());
			});
		}

	}

}
