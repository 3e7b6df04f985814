package io.roomqueues.listener;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.roomqueues.client.QueuesClient;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.Message;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.handler.annotation.Header;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Batch listeners against the embedded server: batches gathered with non-waiting receives after a waiting one, retry
 * per batch then per message, splits at a {@link BatchListenerFailedException}, statistics per message.
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
	void aBatchThatFailsEveryAttemptIsRetriedMessageByMessageSoOnlyThePoisonIsDeadLettered() {
		try (TestRoom room = new TestRoom("batch-poison")) {
			QueuesClient direct = room.direct();
			for (String name : List.of("a", "b", "poison", "d", "e")) {
				direct.send("poisoned", new Item(name, 1)).join();
			}
			Poisoned listener = new Poisoned();
			room.runner()
				.withPropertyValues("queues.listener.retry.max-attempts=2")
				.withBean(Poisoned.class, () -> listener)
				.run((context) -> {
					ObjectNode letter = direct.receive("poisoned.dlq", Duration.ofSeconds(10)).join();

					assertThat(letter).isNotNull();
					assertThat(letter.at("/message/name").stringValue()).isEqualTo("poison");
					assertThat(letter.at("/error/type").stringValue()).isEqualTo(IllegalStateException.class.getName());
					assertThat(letter.at("/error/attempts").intValue()).isEqualTo(2);
					QueueListenerContainer container = container(context, "poisoned");
					await().untilAsserted(() -> assertThat(container.getStatistics().getProcessed()).isEqualTo(4));
					assertThat(listener.calls).containsExactly(List.of("a", "b", "poison", "d", "e"),
							List.of("a", "b", "poison", "d", "e"), List.of("a"), List.of("b"), List.of("poison"),
							List.of("poison"), List.of("d"), List.of("e"));
					assertThat(container.getStatistics().getFailed()).isEqualTo(1);
					assertThat(container.getStatistics().getRecovered()).isEqualTo(1);
					// the batch repeated once (5 messages), the poison once more on its own
					assertThat(container.getStatistics().getRetries()).isEqualTo(6);
					assertThat(room.size("poisoned")).isZero();
					assertThat(room.size("poisoned.dlq")).isZero();
				});
		}
	}

	@Test
	void aMessageThatDoesNotConvertIsDeadLetteredAloneWithoutRetriesAndTheRestAreProcessed() {
		try (TestRoom room = new TestRoom("batch-convert")) {
			QueuesClient direct = room.direct();
			direct.send("items", new Item("a", 1)).join();
			direct.send("items", java.util.Map.of("name", "bad", "quantity", "many")).join();
			direct.send("items", new Item("c", 1)).join();
			Items listener = new Items();
			room.runner().withBean(Items.class, () -> listener).run((context) -> {
				ObjectNode letter = direct.receive("items.dlq", Duration.ofSeconds(10)).join();

				assertThat(letter).isNotNull();
				assertThat(letter.at("/message/name").stringValue()).isEqualTo("bad");
				assertThat(letter.at("/error/type").stringValue()).isEqualTo(MessageConversionException.class.getName());
				assertThat(letter.at("/error/attempts").intValue()).isEqualTo(1);
				assertThat(letter.at("/error/message").stringValue()).contains("message 0 of a batch from queue 'items'");
				await().untilAsserted(() -> assertThat(listener.batches).containsExactly(List.of(new Item("a", 1)),
						List.of(new Item("c", 1))));
				assertThat(container(context, "items").getStatistics().getRetries()).isZero();
			});
		}
	}

	@Test
	void aBatchListenerFailedExceptionSplitsTheBatchAtItsIndexAndOnlyTheFailedMessageIsDeadLettered() {
		try (TestRoom room = new TestRoom("batch-split")) {
			QueuesClient direct = room.direct();
			for (String name : List.of("a", "b", "poison", "c")) {
				direct.send("split", new Item(name, 1)).join();
			}
			Splitting listener = new Splitting();
			room.runner().withBean(Splitting.class, () -> listener).run((context) -> {
				ObjectNode letter = direct.receive("split.dlq", Duration.ofSeconds(10)).join();

				assertThat(letter).isNotNull();
				assertThat(letter.at("/message/name").stringValue()).isEqualTo("poison");
				assertThat(letter.at("/error/type").stringValue()).isEqualTo(IllegalArgumentException.class.getName());
				assertThat(letter.at("/error/message").stringValue()).isEqualTo("cannot ship poison");
				assertThat(letter.at("/error/attempts").intValue()).isEqualTo(3);
				await().untilAsserted(() -> assertThat(listener.processed).containsExactly("a", "b", "c"));
				assertThat(listener.calls).containsExactly(List.of("a", "b", "poison", "c"), List.of("poison", "c"),
						List.of("poison", "c"), List.of("c"));
				QueueListenerContainer container = container(context, "split");
				await().untilAsserted(() -> assertThat(container.getStatistics().getProcessed()).isEqualTo(3));
				assertThat(container.getStatistics().getFailed()).isEqualTo(1);
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
	void aStopSendsBackOnlyTheMessagesOfABatchNotProcessedYet() {
		try (TestRoom room = new TestRoom("batch-partial-stop")) {
			send(room.direct(), "partial", 5);
			Partial listener = new Partial();
			room.runner()
				.withPropertyValues("queues.listener.shutdown-timeout=200ms")
				.withBean(Partial.class, () -> listener)
				.run((context) -> {
					// the first call processes two messages and fails on the third; the retry of the rest hangs
					assertThat(listener.retrying.await(10, TimeUnit.SECONDS)).isTrue();
					QueueListenerContainer container = container(context, "partial");
					assertThat(container.getStatistics().getProcessed()).isEqualTo(2);
					assertThat(container.getInFlight()).isEqualTo(3);

					container.stop();

					assertThat(container.getStatistics().getReturned()).isEqualTo(3);
					await().until(() -> room.size("partial") == 3);
					assertThat(room.drain("partial")).extracting((message) -> message.get("name").stringValue())
						.containsExactly("item-2", "item-3", "item-4");
				});
		}
	}

	private static QueueListenerContainer container(org.springframework.context.ApplicationContext context,
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

	static class Poisoned {

		final List<List<String>> calls = new CopyOnWriteArrayList<>();

		@QueueListener(queue = "poisoned", id = "poisoned", batchSize = "5")
		void listen(List<Item> items) {
			List<String> names = items.stream().map(Item::name).toList();
			this.calls.add(names);
			if (names.contains("poison")) {
				throw new IllegalStateException("a poisoned batch");
			}
		}

	}

	static class Splitting {

		final List<List<String>> calls = new CopyOnWriteArrayList<>();

		final List<String> processed = new CopyOnWriteArrayList<>();

		@QueueListener(queue = "split", id = "split", batchSize = "4", maxAttempts = "3")
		void listen(List<Item> items) {
			this.calls.add(items.stream().map(Item::name).toList());
			for (int i = 0; i < items.size(); i++) {
				String name = items.get(i).name();
				if (name.equals("poison")) {
					throw new BatchListenerFailedException("item " + i + " failed",
							new IllegalArgumentException("cannot ship " + name), i);
				}
				this.processed.add(name);
			}
		}

	}

	static class Partial {

		final CountDownLatch retrying = new CountDownLatch(1);

		@QueueListener(queue = "partial", id = "partial", batchSize = "5")
		void listen(List<Item> items) throws InterruptedException {
			if (items.size() == 5) {
				throw new BatchListenerFailedException("item 2 failed", 2);
			}
			this.retrying.countDown();
			new CountDownLatch(1).await(60, TimeUnit.SECONDS);
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
