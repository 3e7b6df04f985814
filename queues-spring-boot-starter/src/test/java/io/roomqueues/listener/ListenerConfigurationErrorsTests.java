package io.roomqueues.listener;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.messaging.handler.annotation.SendTo;

import static org.assertj.core.api.Assertions.assertThat;

/** Listener settings that cannot work stop the application at startup with a message naming the listener and what is wrong. */
class ListenerConfigurationErrorsTests {

	record Item(String name) {
	}

	@Test
	void aQueueGivenBothAsQueueAndAsQueuesIsRefused() {
		assertStartupFails(BothQueueAttributes.class, "@QueueListener on BothQueueAttributes.listen names its queues "
				+ "with both 'queue' (or 'value') and 'queues'; use one of them");
	}

	@Test
	void aDurationThatDoesNotParseIsRefusedNamingTheAttribute() {
		assertStartupFails(BadInterval.class,
				"@QueueListener on BadInterval.listen: attribute 'initialInterval' cannot be 'soon'");
	}

	@Test
	void aNumberThatDoesNotParseIsRefusedNamingTheAttribute() {
		assertStartupFails(BadBatchSize.class,
				"@QueueListener on BadBatchSize.listen: attribute 'batchSize' cannot be 'many': it must be a number");
	}

	@Test
	void aSettingOutOfRangeIsRefusedNamingTheListenerAndTheLimit() {
		assertStartupFails(ZeroAttempts.class, "Listener 'zero': maxAttempts must be at least 1, was 0");
	}

	@Test
	void batchSettingsOnAListenerOfSingleMessagesAreRefused() {
		assertStartupFails(BatchSizeWithoutList.class, "Listener 'single' (BatchSizeWithoutList.listen) sets batchSize "
				+ "or batchWait, which only batch listeners take");
	}

	@Test
	void sendToOnABatchListenerIsRefused() {
		assertStartupFails(BatchWithSendTo.class,
				"Listener 'batch' (BatchWithSendTo.listen) is a batch listener with @SendTo");
	}

	@Test
	void anErrorHandlerThatIsNoBeanIsRefusedNamingTheAttribute() {
		assertStartupFails(MissingErrorHandler.class, "The listener 'handled' (attribute errorHandler) names bean "
				+ "'nowhere', which is not a QueueListenerErrorHandler bean of this application");
	}

	@Test
	void anUnknownContainerFactoryIsRefusedNamingTheAttribute() {
		assertStartupFails(MissingFactory.class, "The listener 'built' (attribute containerFactory) names bean "
				+ "'nowhere', which is not a QueueListenerContainerFactory bean of this application");
	}

	@Test
	void aRecovererTogetherWithADeadLetterQueueIsRefused() {
		try (TestRoom room = new TestRoom("errors")) {
			room.runner()
				.withBean("keep", QueueMessageRecoverer.class, () -> (failed) -> {
				})
				.withBean(RecovererAndQueue.class, RecovererAndQueue::new)
				.run((context) -> assertThat(context).getFailure()
					.hasStackTraceContaining("Listener 'both' sets both a recoverer and a dead-letter queue"));
		}
	}

	private static void assertStartupFails(Class<?> listener, String message) {
		try (TestRoom room = new TestRoom("errors")) {
			room.runner()
				.withBean(listener)
				.run((context) -> assertThat(context).getFailure().hasStackTraceContaining(message));
		}
	}

	static class BothQueueAttributes {

		@QueueListener(queue = "a", queues = { "b", "c" })
		void listen(Item item) {
		}

	}

	static class BadInterval {

		@QueueListener(queue = "a", initialInterval = "soon")
		void listen(Item item) {
		}

	}

	static class BadBatchSize {

		@QueueListener(queue = "a", batchSize = "many")
		void listen(List<Item> items) {
		}

	}

	static class ZeroAttempts {

		@QueueListener(queue = "a", id = "zero", maxAttempts = "0")
		void listen(Item item) {
		}

	}

	static class BatchSizeWithoutList {

		@QueueListener(queue = "a", id = "single", batchSize = "5")
		void listen(Item item) {
		}

	}

	static class BatchWithSendTo {

		@QueueListener(queue = "a", id = "batch")
		@SendTo("b")
		List<Item> listen(List<Item> items) {
			return items;
		}

	}

	static class MissingErrorHandler {

		@QueueListener(queue = "a", id = "handled", errorHandler = "nowhere")
		void listen(Item item) {
		}

	}

	static class MissingFactory {

		@QueueListener(queue = "a", id = "built", containerFactory = "nowhere")
		void listen(Item item) {
		}

	}

	static class RecovererAndQueue {

		@QueueListener(queue = "a", id = "both", recoverer = "keep", deadLetterQueue = "elsewhere")
		void listen(Item item) {
		}

	}

}
