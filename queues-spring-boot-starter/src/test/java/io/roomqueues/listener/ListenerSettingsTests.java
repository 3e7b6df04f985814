package io.roomqueues.listener;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.roomqueues.client.QueuesClient;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationContext;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.SendTo;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Per-listener settings against the embedded server: an error handler and a recoverer named as beans, the
 * dead-letter queue's name, and retry settings with placeholders.
 */
class ListenerSettingsTests {

	record Item(String name) {
	}

	@Test
	void anErrorHandlerTurnsAFailureIntoTheReplyAndTheMessageCountsAsProcessed() {
		try (TestRoom room = new TestRoom("error-handler")) {
			List<Integer> handled = new CopyOnWriteArrayList<>();
			room.runner()
				.withBean(Quotes.class, Quotes::new)
				.withBean("fallbackQuotes", QueueListenerErrorHandler.class, () -> (message, exception) -> {
					handled.add((Integer) message.getHeaders().get(QueueHeaders.ATTEMPT));
					return Map.of("error", exception.getMessage(), "queue", message.getHeaders().get(QueueHeaders.QUEUE));
				})
				.run((context) -> {
					QueuesClient direct = room.direct();
					direct.send("quotes", new Item("pen")).join();

					ObjectNode answer = direct.receive("answers", Duration.ofSeconds(10)).join();

					assertThat(answer).isNotNull();
					assertThat(answer.get("error").stringValue()).isEqualTo("no price for pen");
					assertThat(answer.get("queue").stringValue()).isEqualTo("quotes");
					assertThat(handled).containsExactly(1);
					QueueListenerContainer container = container(context, "quotes");
					assertThat(container.getStatistics().getProcessed()).isEqualTo(1);
					assertThat(container.getStatistics().getFailed()).isZero();
					assertThat(room.size("quotes.dlq")).isZero();
				});
		}
	}

	@Test
	void anErrorHandlerThatThrowsLeavesTheFailureToRetriesAndTheDeadLetterQueue() {
		try (TestRoom room = new TestRoom("error-handler-throws")) {
			List<Integer> handled = new CopyOnWriteArrayList<>();
			room.runner()
				.withBean(Rethrown.class, Rethrown::new)
				.withBean("rethrowing", QueueListenerErrorHandler.class, () -> (message, exception) -> {
					handled.add((Integer) message.getHeaders().get(QueueHeaders.ATTEMPT));
					throw new IllegalArgumentException("handled: " + exception.getMessage(), exception);
				})
				.run((context) -> {
					QueuesClient direct = room.direct();
					direct.send("rethrown", new Item("ink")).join();

					ObjectNode letter = direct.receive("rethrown.dlq", Duration.ofSeconds(10)).join();

					assertThat(letter).isNotNull();
					assertThat(letter.at("/error/type").stringValue()).isEqualTo(IllegalArgumentException.class.getName());
					assertThat(letter.at("/error/message").stringValue()).isEqualTo("handled: no ink");
					assertThat(letter.at("/error/attempts").intValue()).isEqualTo(2);
					assertThat(handled).containsExactly(1, 2);
				});
		}
	}

	@Test
	void aRecovererNamedOnTheListenerTakesItsFailedMessagesInsteadOfTheDeadLetterQueue() {
		try (TestRoom room = new TestRoom("recoverer")) {
			List<FailedMessage> recovered = new CopyOnWriteArrayList<>();
			room.runner()
				.withBean(Audited.class, Audited::new)
				.withBean("auditRecoverer", QueueMessageRecoverer.class, () -> recovered::add)
				.run((context) -> {
					room.direct().send("audited", new Item("cup")).join();

					await().untilAsserted(() -> assertThat(recovered).singleElement().satisfies((failed) -> {
						assertThat(failed.queue()).isEqualTo("audited");
						assertThat(failed.listenerId()).isEqualTo("audited");
						assertThat(failed.attempts()).isEqualTo(1);
						assertThat(failed.exception()).hasMessage("not audited: cup");
						assertThat(failed.message().get("name").stringValue()).isEqualTo("cup");
					}));
					assertThat(container(context, "audited").getStatistics().getRecovered()).isEqualTo(1);
					assertThat(room.size("audited.dlq")).isZero();
					assertThat(room.size("audited")).isZero();
				});
		}
	}

	@Test
	void aDeadLetterQueueNamedOnTheListenerReceivesItsFailedMessages() {
		try (TestRoom room = new TestRoom("dead-letter-queue")) {
			room.runner()
				.withPropertyValues("app.dead-letters=graveyard")
				.withBean(Buried.class, Buried::new)
				.run((context) -> {
					QueuesClient direct = room.direct();
					direct.send("buried", new Item("lamp")).join();

					ObjectNode letter = direct.receive("graveyard", Duration.ofSeconds(10)).join();

					assertThat(letter).isNotNull();
					assertThat(letter.at("/message/name").stringValue()).isEqualTo("lamp");
					assertThat(letter.at("/error/queue").stringValue()).isEqualTo("buried");
					assertThat(room.size("buried.dlq")).isZero();
				});
		}
	}

	@Test
	void retrySettingsOnTheAnnotationTakePlaceholdersAndOverrideTheDefaults() {
		try (TestRoom room = new TestRoom("retry-settings")) {
			Retried listener = new Retried();
			room.runner()
				.withPropertyValues("app.attempts=4", "app.initial=20ms")
				.withBean(Retried.class, () -> listener)
				.run((context) -> {
					QueueListenerContainer container = container(context, "retried");
					assertThat(container.getOptions().retry())
						.isEqualTo(new RetrySettings(4, Duration.ofMillis(20), 3.0, Duration.ofMillis(100)));
					QueuesClient direct = room.direct();
					direct.send("retried", new Item("mug")).join();

					ObjectNode letter = direct.receive("retried.dlq", Duration.ofSeconds(10)).join();

					assertThat(letter).isNotNull();
					assertThat(letter.at("/error/attempts").intValue()).isEqualTo(4);
					assertThat(listener.attempts).containsExactly(1, 2, 3, 4);
					assertThat(container.getStatistics().getRetries()).isEqualTo(3);
				});
		}
	}

	@Test
	void aHeaderThatDoesNotConvertIsDeadLetteredWithoutRetries() {
		try (TestRoom room = new TestRoom("header-conversion")) {
			List<Integer> calls = new CopyOnWriteArrayList<>();
			room.runner()
				.withBean(MistypedHeader.class, () -> new MistypedHeader(calls))
				.run((context) -> {
					QueuesClient direct = room.direct();
					direct.send("mistyped", new Item("clock")).join();

					ObjectNode letter = direct.receive("mistyped.dlq", Duration.ofSeconds(10)).join();

					assertThat(letter).isNotNull();
					assertThat(letter.at("/error/type").stringValue())
						.isEqualTo(org.springframework.core.convert.ConversionFailedException.class.getName());
					assertThat(letter.at("/error/attempts").intValue()).isEqualTo(1);
					assertThat(container(context, "mistyped").getStatistics().getRetries()).isZero();
					assertThat(calls).isEmpty();
				});
		}
	}

	private static QueueListenerContainer container(ApplicationContext context, String id) {
		return context.getBean(QueueListenerRegistry.class).getListenerContainer(id);
	}

	static class Quotes {

		@QueueListener(queue = "quotes", id = "quotes", errorHandler = "fallbackQuotes")
		@SendTo("answers")
		Map<String, String> quote(Item item) {
			throw new IllegalStateException("no price for " + item.name());
		}

	}

	static class Rethrown {

		@QueueListener(queue = "rethrown", id = "rethrown", errorHandler = "rethrowing", maxAttempts = "2")
		void listen(Item item) {
			throw new IllegalStateException("no " + item.name());
		}

	}

	static class Audited {

		@QueueListener(queue = "audited", id = "audited", recoverer = "auditRecoverer", maxAttempts = "1")
		void listen(Item item) {
			throw new IllegalStateException("not audited: " + item.name());
		}

	}

	static class Buried {

		@QueueListener(queue = "buried", id = "buried", deadLetterQueue = "${app.dead-letters}", maxAttempts = "1")
		void listen(Item item) {
			throw new IllegalStateException("buried " + item.name());
		}

	}

	static class MistypedHeader {

		private final List<Integer> calls;

		MistypedHeader(List<Integer> calls) {
			this.calls = calls;
		}

		/** The queue's name is no number: the header cannot convert, whatever the attempt. */
		@QueueListener(queue = "mistyped", id = "mistyped")
		void listen(Item item, @Header(QueueHeaders.QUEUE) int queue) {
			this.calls.add(queue);
		}

	}

	static class Retried {

		final List<Integer> attempts = new CopyOnWriteArrayList<>();

		@QueueListener(queue = "retried", id = "retried", maxAttempts = "${app.attempts}",
				initialInterval = "${app.initial}", multiplier = "3", maxInterval = "100ms")
		void listen(Item item, @Header(QueueHeaders.ATTEMPT) int attempt) {
			this.attempts.add(attempt);
			throw new IllegalStateException("again " + item.name());
		}

	}

}
