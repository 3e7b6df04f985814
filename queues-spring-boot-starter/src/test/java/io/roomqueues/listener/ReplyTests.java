package io.roomqueues.listener;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.roomqueues.autoconfigure.RoomClientCustomizer;
import io.roomqueues.client.QueuesClient;
import io.roomqueues.server.ServerLimits;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.handler.annotation.SendTo;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A {@code @SendTo} reply that cannot be sent is retried or dead-lettered on its own; the listener runs once. */
class ReplyTests {

	@Test
	void aReplyTheRoomRefusesIsDeadLetteredAsAReplyAndTheListenerRunsOnce() {
		try (TestRoom room = new TestRoom("refused-reply")) {
			QuoteListener listener = new QuoteListener();
			room.runner()
				.withPropertyValues("queues.room.token="
						+ room.token(List.of("quotes", "quotes.dlq"), List.of("quotes", "quotes.dlq")))
				.withBean(QuoteListener.class, () -> listener)
				.run((context) -> {
					room.direct().send("quotes", Map.of("id", "q1")).join();

					ObjectNode letter = room.direct().receive("quotes.dlq", Duration.ofSeconds(10)).join();

					assertThat(letter).isNotNull();
					assertThat(listener.invocations).hasValue(1);
					assertThat(letter.get("message")).isEqualTo(object("id", "q1"));
					assertThat(letter.at("/reply/queue").stringValue()).isEqualTo("answers");
					assertThat(letter.at("/reply/message")).isEqualTo(object("answer", "q1"));
					assertThat(letter.at("/error/stage").stringValue()).isEqualTo("reply");
					assertThat(letter.at("/error/message").stringValue()).contains("may not send to queue 'answers'");
					QueueListenerContainer container = context.getBean(QueueListenerRegistry.class)
						.getListenerContainer("quotes");
					assertThat(container.isRunning()).isTrue();
					assertThat(container.getStatistics().getProcessed()).isEqualTo(1);
					assertThat(room.size("answers")).isZero();
					assertThat(room.size("quotes")).isZero();
				});
		}
	}

	@Test
	void aReplyToAFullQueueIsSentAgainWithoutRunningTheListenerAgain() {
		try (TestRoom room = new TestRoom("full-reply", ServerLimits.DEFAULTS.withMaxQueueLength(1))) {
			QuoteListener listener = new QuoteListener();
			SendCounter sends = new SendCounter();
			room.runner()
				.withBean(QuoteListener.class, () -> listener)
				.withBean(RoomClientCustomizer.class, () -> (builder) -> builder.interceptor(sends))
				.run((context) -> {
					QueuesClient direct = room.direct();
					direct.send("answers", Map.of("answer", "filler")).join();
					direct.send("quotes", Map.of("id", "q2")).join();

					await().atMost(Duration.ofSeconds(10)).until(() -> sends.refused("answers") >= 1);
					assertThat(direct.tryReceive("answers").join()).isEqualTo(object("answer", "filler"));

					assertThat(direct.receive("answers", Duration.ofSeconds(10)).join()).isEqualTo(object("answer", "q2"));
					assertThat(listener.invocations).hasValue(1);
					assertThat(room.size("quotes.dlq")).isZero();
				});
		}
	}

	@Test
	void aReplyThatCanNeitherBeSentNorDeadLetteredGoesToTheUnreturnedMessageHandlerAndStopsTheListener() {
		try (TestRoom room = new TestRoom("lost-reply")) {
			QuoteListener listener = new QuoteListener();
			List<String> unreturned = new CopyOnWriteArrayList<>();
			room.runner()
				.withPropertyValues("queues.room.token=" + room.token(List.of("quotes"), List.of("quotes")))
				.withBean(QuoteListener.class, () -> listener)
				.withBean(RoomClientCustomizer.class, () -> (builder) -> builder.unreturnedMessageHandler(
						(queue, message, cause) -> unreturned.add(queue + " " + message)))
				.run((context) -> {
					QueueListenerContainer container = context.getBean(QueueListenerRegistry.class)
						.getListenerContainer("quotes");
					room.direct().send("quotes", Map.of("id", "q3")).join();

					await().atMost(Duration.ofSeconds(10))
						.untilAsserted(() -> assertThat(unreturned).containsExactly("answers {\"answer\":\"q3\"}"));
					await().atMost(Duration.ofSeconds(10))
						.untilAsserted(() -> assertThat(container.getFailure()).isNotNull());
					assertThat(container.getFailure().queue()).isEqualTo("quotes.dlq");
					assertThat(container.isRunning()).isFalse();
					assertThat(listener.invocations).hasValue(1);
					assertThat(room.size("quotes")).as("the processed message is not sent back").isZero();
				});
		}
	}

	private static ObjectNode object(String field, String value) {
		return JsonNodeFactory.instance.objectNode().put(field, value);
	}

	static class QuoteListener {

		final AtomicInteger invocations = new AtomicInteger();

		@QueueListener(queue = "quotes", id = "quotes")
		@SendTo("answers")
		Map<String, String> quote(ObjectNode message) {
			this.invocations.incrementAndGet();
			return Map.of("answer", message.get("id").stringValue());
		}

	}

}
