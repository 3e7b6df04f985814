package io.roomqueues.listener;

import org.jspecify.annotations.Nullable;
import org.springframework.messaging.Message;

/**
 * Sees a listener's failed attempt before the container does, as spring-kafka's {@code KafkaListenerErrorHandler}:
 * it may turn the failure into a result, or throw. Named per listener with {@link QueueListener#errorHandler()}.
 */
@FunctionalInterface
public interface QueueListenerErrorHandler {

	/**
	 * Handles a failed attempt: an exception the listener threw, or the failure of the future it returned, argument
	 * conversion and validation failures included ({@link Error}s do not come here).
	 * @param message the message as the listener got it: the received JSON object as an {@code ObjectNode} (for a
	 * batch listener, an {@code ArrayNode} of them), with the {@link QueueHeaders}
	 * @param exception the failure
	 * @return the result of the attempt instead: sent to the {@code @SendTo} queue if not {@code null}; the message
	 * counts as processed
	 * @throws Exception to fail the attempt: it is retried and recovered like any listener failure, and a
	 * {@link BatchListenerFailedException} splits a batch
	 */
	@Nullable Object handleError(Message<?> message, Exception exception) throws Exception;

}
