package io.roomqueues.listener;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.invocation.InvocableHandlerMethod;
import org.springframework.messaging.support.MessageBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Calls one listener method with a received message (or a batch of them), through spring-messaging's argument
 * resolvers; waits for the future an asynchronous listener returns, and lets the listener's error handler turn a
 * failed attempt into a result.
 */
final class ListenerInvoker {

	private final InvocableHandlerMethod method;

	private final String listenerId;

	private final String queue;

	private final @Nullable QueueListenerErrorHandler errorHandler;

	ListenerInvoker(InvocableHandlerMethod method, String listenerId, String queue,
			@Nullable QueueListenerErrorHandler errorHandler) {
		this.method = method;
		this.listenerId = listenerId;
		this.queue = queue;
		this.errorHandler = errorHandler;
	}

	/**
	 * Invokes the method once.
	 * @param payload the received message, or the list of the messages of a batch
	 * @return its result, or the value of the future it returned
	 */
	@Nullable Object invoke(Object payload, int attempt) throws Exception {
		Message<Object> message = MessageBuilder.withPayload(asJson(payload))
			.setHeader(QueueHeaders.QUEUE, this.queue)
			.setHeader(QueueHeaders.LISTENER_ID, this.listenerId)
			.setHeader(QueueHeaders.ATTEMPT, attempt)
			.build();
		try {
			return AsyncResults.await(this.method.invoke(message));
		}
		catch (InterruptedException ex) {
			throw ex;
		}
		catch (Exception ex) {
			if (this.errorHandler == null) {
				throw ex;
			}
			return AsyncResults.await(this.errorHandler.handleError(message, ex));
		}
	}

	/**
	 * A batch goes to the method as a JSON array, which spring-messaging hands to the converter; a {@code List}
	 * would reach a {@code List} parameter unconverted.
	 */
	private static Object asJson(Object payload) {
		if (!(payload instanceof List<?> messages)) {
			return payload;
		}
		ArrayNode batch = JsonNodeFactory.instance.arrayNode(messages.size());
		messages.forEach((message) -> batch.add((JsonNode) message));
		return batch;
	}

	@Override
	public String toString() {
		return this.method.getShortLogMessage();
	}

}
