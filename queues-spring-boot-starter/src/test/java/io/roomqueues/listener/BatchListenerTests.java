package io.roomqueues.listener;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.roomqueues.client.QueuesClient;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationContext;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.annotation.Header;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Batch listeners against the embedded server: batches gathered with non-waiting receives after a waiting one, the
 * batch wait, pause and stop; failures are in {@link BatchFailureTests}.
 */
class BatchListenerTests {

	record Item(String name, int quantity) {
	}

	@Test
	void aBatchListenerGetsTheWaitingMessagesInBatchesOfItsSizeAndCountsEachMessage() {
		try (TestRoom room = new TestRoom("batches")) {
			send(room.direct(), "items", 25);
			Items listener = new Items();
			room.runner().withBean(Items.class, () -> listener).run((context) -> {
				await().untilAsserted(() -> assertThat(names(listener.batches)).hasSize(25));

				assertThat(listener.batches).extracting(List::size).containsExactly(10, 10, 5);
				assertThat(names(listener.batches)).containsExactlyElementsOf(names(25));
				assertThat(listener.attempts).containsOnly(1);
				QueueListenerContainer container = container(context, "items");
				await().untilAsserted(() -> assertThat(container.getStatistics().getProcessed()).isEqualTo(25));
				assertThat(container.getInFlight()).isZero();
				assertThat(room.size("items")).isZero();
			});
		}
	}

	@Test
	void aListOfMessagesCarriesEachPayloadWithTheHeaders() {
		try (TestRoom room = new TestRoom("batch-messages")) {
			send(room.direct(), "messages", 3);
			Messages listener = new Messages();
			room.runner().withBean(Messages.class, () -> listener).run((context) -> {
				await().untilAsserted(() -> assertThat(listener.seen).hasSize(3));

				assertThat(listener.seen).containsExactly("item-0|messages|messages|1", "item-1|messages|messages|1",
						"item-2|messages|messages|1");
			});
		}
	}

	@Test
	void aBatchFillsWithMessagesThatArriveWithinTheBatchWaitAfterTheFirst() {
		try (TestRoom room = new TestRoom("batch-wait")) {
			Waiting listener = new Waiting();
			room.runner().withBean(Waiting.class, () -> listener).run((context) -> {
				QueuesClient app = context.getBean(QueuesClient.class);
				QueueListenerContainer container = container(context, "waiting");
				await().until(() -> app.waitingReceives() == 1);
				QueuesClient direct = room.direct();

				direct.send("waiting", new Item("first", 1)).join();
				await().until(() -> container.getInFlight() == 1);
				direct.send("waiting", new Item("second", 1)).join();
				direct.send("waiting", new Item("third", 1)).join();

				await().untilAsserted(() -> assertThat(listener.batches).hasSize(1));
				assertThat(names(listener.batches)).containsExactly("first", "second", "third");
			});
		}
	}

	@Test
	void aPauseEndsTheGatheringAndTheBatchHeldSoFarIsProcessed() {
		try (TestRoom room = new TestRoom("batch-pause")) {
			Waiting listener = new Waiting();
			room.runner().withBean(Waiting.class, () -> listener).run((context) -> {
				QueuesClient app = context.getBean(QueuesClient.class);
				QueueListenerContainer container = container(context, "waiting");
				await().until(() -> app.waitingReceives() == 1);
				QueuesClient direct = room.direct();
				direct.send("waiting", new Item("first", 1)).join();
				await().until(() -> container.getInFlight() == 1);

				container.pause();

				// far sooner than the 30 s batch wait
				await().atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(names(listener.batches)).containsExactly("first"));
				direct.send("waiting", new Item("later", 1)).join();
				await().during(Duration.ofMillis(300)).until(() -> room.size("waiting") == 1);
				assertThat(listener.batches).hasSize(1);

				container.resume();
				// the next batch waits to be full (or the 30 s): two more fill it
				direct.send("waiting", new Item("more", 1)).join();
				direct.send("waiting", new Item("most", 1)).join();
				await().untilAsserted(() -> assertThat(listener.batches).extracting(List::size).containsExactly(1, 3));
				assertThat(names(listener.batches)).containsExactly("first", "later", "more", "most");
			});
		}
	}

	@Test
	void aStopSendsBackEveryMessageOfABatchStillInProcessingAtTheShutdownTimeout() {
		try (TestRoom room = new TestRoom("batch-stop")) {
			send(room.direct(), "slow", 5);
			Slow listener = new Slow();
			room.runner()
				.withPropertyValues("queues.listener.shutdown-timeout=200ms")
				.withBean(Slow.class, () -> listener)
				.run((context) -> {
					assertThat(listener.inside.await(10, TimeUnit.SECONDS)).isTrue();
					QueueListenerContainer container = container(context, "slow");
					assertThat(container.getInFlight()).isEqualTo(5);

					container.stop();

					assertThat(container.getStatistics().getReturned()).isEqualTo(5);
					assertThat(container.getStatistics().getProcessed()).isZero();
					await().until(() -> room.size("slow") == 5);
					assertThat(room.drain("slow")).extracting((message) -> message.get("name").stringValue())
						.containsExactlyElementsOf(names(5));
				});
		}
	}

	@Test
	void aShutdownWithBatchesInFlightProcessesOrSendsBackEveryMessageExactlyOnce() {
		try (TestRoom room = new TestRoom("batch-shutdown")) {
			QueuesClient direct = room.direct();
			CompletableFuture.allOf(IntStream.range(0, 1000)
				.mapToObj((i) -> direct.send("bulk", new Item("item-" + i, 1)))
				.toArray(CompletableFuture[]::new)).join();
			Bulk listener = new Bulk();
			room.runner()
				.withPropertyValues("queues.listener.shutdown-timeout=100ms")
				.withBean(Bulk.class, () -> listener)
				.run((context) -> {
					await().until(() -> listener.processed.size() >= 200);

					context.close();

					List<String> remaining = room.drain("bulk").stream().map((m) -> m.get("name").stringValue()).toList();
					Set<String> all = new HashSet<>(remaining);
					all.addAll(listener.processed);
					assertThat(listener.processed.size() + remaining.size()).as("processed plus sent back").isEqualTo(1000);
					assertThat(all).containsExactlyInAnyOrderElementsOf(names(1000));
					assertThat(remaining).isNotEmpty();
				});
		}
	}

	private static QueueListenerContainer container(ApplicationContext context,
			String id) {
		return context.getBean(QueueListenerRegistry.class).getListenerContainer(id);
	}

	private static void send(QueuesClient queues, String queue, int count) {
		for (int i = 0; i < count; i++) {
			queues.send(queue, new Item("item-" + i, i + 1)).join();
		}
	}

	private static List<String> names(int count) {
		List<String> names = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			names.add("item-" + i);
		}
		return names;
	}

	private static List<String> names(List<List<Item>> batches) {
		return batches.stream().flatMap(List::stream).map(Item::name).toList();
	}

	static class Items {

		final List<List<Item>> batches = new CopyOnWriteArrayList<>();

		final List<Integer> attempts = new CopyOnWriteArrayList<>();

		@QueueListener(queue = "items", id = "items", batchSize = "10")
		void listen(List<Item> items, @Header(QueueHeaders.ATTEMPT) int attempt) {
			this.batches.add(items);
			this.attempts.add(attempt);
		}

	}

	static class Messages {

		final List<String> seen = new CopyOnWriteArrayList<>();

		@QueueListener(queue = "messages", id = "messages", batchSize = "3")
		void listen(List<Message<Item>> messages) {
			for (Message<Item> message : messages) {
				this.seen.add(message.getPayload().name() + "|" + message.getHeaders().get(QueueHeaders.QUEUE) + "|"
						+ message.getHeaders().get(QueueHeaders.LISTENER_ID) + "|"
						+ message.getHeaders().get(QueueHeaders.ATTEMPT));
			}
		}

	}

	static class Waiting {

		final List<List<Item>> batches = new CopyOnWriteArrayList<>();

		@QueueListener(queue = "waiting", id = "waiting", batchSize = "3", batchWait = "30s")
		void listen(List<Item> items) {
			this.batches.add(items);
		}

	}

	static class Bulk {

		final List<String> processed = new CopyOnWriteArrayList<>();

		@QueueListener(queue = "bulk", id = "bulk", batchSize = "10", batchWait = "20ms", concurrency = "4")
		void listen(List<Item> items) throws InterruptedException {
			Thread.sleep(30); // the simulated work of a batch; a stop past its timeout interrupts it
			items.forEach((item) -> this.processed.add(item.name()));
		}

	}

	static class Slow {

		final CountDownLatch inside = new CountDownLatch(1);

		@QueueListener(queue = "slow", id = "slow", batchSize = "5")
		void listen(List<Item> items) throws InterruptedException {
			this.inside.countDown();
			new CountDownLatch(1).await(60, TimeUnit.SECONDS);
		}

	}

}
