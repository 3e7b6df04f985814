package io.roomqueues.listener;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.roomqueues.autoconfigure.RoomClientCustomizer;
import io.roomqueues.client.QueuesClient;
import io.roomqueues.server.ServerLimits;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.handler.annotation.SendTo;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A reply the room refused has no other home than its dead letter: when that cannot be sent either (a stop gives up
 * while it is still being retried, or the dead-letter queue refuses it too), the reply must reach the client's
 * {@code UnreturnedMessageHandler}, never nowhere.
 */
class ReplyDeadLetterStopTests {

	@Test
	void aReplyWhoseDeadLetterIsStillBeingRetriedAtTheShutdownTimeoutIsNotLost() {
		try (TestRoom room = new TestRoom("reply-dlq-stop", ServerLimits.DEFAULTS.withMaxQueueLength(1))) {
			ReplyTests.QuoteListener listener = new ReplyTests.QuoteListener();
			SendCounter sends = new SendCounter();
			List<String> unreturned = new CopyOnWriteArrayList<>();
			room.runner()
				// no grant on 'answers': the reply is refused for good and goes to the dead-letter queue as a reply
				.withPropertyValues(
						"queues.room.token=" + room.token(List.of("quotes", "quotes.dlq"), List.of("quotes", "quotes.dlq")),
						"queues.listener.shutdown-timeout=100ms")
				.withBean(ReplyTests.QuoteListener.class, () -> listener)
				.withBean(RoomClientCustomizer.class, () -> (builder) -> builder.interceptor(sends)
					.unreturnedMessageHandler((queue, message, cause) -> unreturned.add(queue + " " + message)))
				.run((context) -> {
					QueuesClient direct = room.direct();
					// the dead-letter queue is full (a limit of 1): the dead letter of the reply is held and retried
					direct.send("quotes.dlq", Map.of("filler", true)).join();
					direct.send("quotes", Map.of("id", "q1")).join();
					await().atMost(Duration.ofSeconds(10)).until(() -> sends.refused("quotes.dlq") >= 1);

					QueueListenerContainer container = context.getBean(QueueListenerRegistry.class)
						.getListenerContainer("quotes");
					container.stop();
					assertThat(direct.tryReceive("quotes.dlq").join()).as("the filler").isNotNull();

					await().atMost(Duration.ofSeconds(5))
						.alias("the reply reached the dead-letter queue or the UnreturnedMessageHandler")
						.until(() -> room.size("quotes.dlq") == 1 || !unreturned.isEmpty());
					assertThat(listener.invocations).hasValue(1);
				});
		}
	}

	@Test
	void aReplyThatIsNotAnObjectAndCannotBeDeadLetteredReachesTheUnreturnedMessageHandlerWrapped() {
		try (TestRoom room = new TestRoom("reply-text")) {
			List<String> unreturned = new CopyOnWriteArrayList<>();
			room.runner()
				// no grant on 'answers' nor on the dead-letter queue: the reply can go nowhere in the room
				.withPropertyValues("queues.room.token=" + room.token(List.of("words"), List.of("words")))
				.withBean(WordListener.class)
				.withBean(RoomClientCustomizer.class, () -> (builder) -> builder
					.unreturnedMessageHandler((queue, message, cause) -> unreturned.add(queue + " " + message)))
				.run((context) -> {
					room.direct().send("words", Map.of("word", "hello")).join();

					await().atMost(Duration.ofSeconds(10))
						.untilAsserted(() -> assertThat(unreturned).contains("answers {\"value\":\"hello\"}"));
				});
		}
	}

	static class WordListener {

		@QueueListener(queue = "words", id = "words")
		@SendTo("answers")
		String echo(ObjectNode message) {
			return message.get("word").stringValue();
		}

	}

}
