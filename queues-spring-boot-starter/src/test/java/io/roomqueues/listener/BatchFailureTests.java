package io.roomqueues.listener;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.roomqueues.client.QueuesClient;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationContext;
import org.springframework.messaging.converter.MessageConversionException;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Failing batch listeners against the embedded server: retry per batch then per message, a message that does not
 * convert, splits at a {@link BatchListenerFailedException}, and what a stop sends back; statistics count messages.
 */
class BatchFailureTests {

	record Item(String name, int quantity) {
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
			direct.send("items", Map.of("name", "bad", "quantity", "many")).join();
			direct.send("items", new Item("c", 1)).join();
			Converted listener = new Converted();
			room.runner().withBean(Converted.class, () -> listener).run((context) -> {
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
	void aStopSendsBackOnlyTheMessagesOfABatchNotProcessedYet() {
		try (TestRoom room = new TestRoom("batch-partial-stop")) {
			for (int i = 0; i < 5; i++) {
				room.direct().send("partial", new Item("item-" + i, 1)).join();
			}
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

	private static QueueListenerContainer container(ApplicationContext context, String id) {
		return context.getBean(QueueListenerRegistry.class).getListenerContainer(id);
	}

	static class Converted {

		final List<List<Item>> batches = new CopyOnWriteArrayList<>();

		@QueueListener(queue = "items", id = "items", batchSize = "10")
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

}
