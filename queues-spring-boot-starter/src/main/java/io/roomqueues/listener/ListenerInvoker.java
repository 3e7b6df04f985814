package io.roomqueues.listener;

import org.jspecify.annotations.Nullable;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.invocation.InvocableHandlerMethod;
import org.springframework.messaging.support.MessageBuilder;
import tools.jackson.databind.node.ObjectNode;

/**
 * Calls one listener method with a received message, through spring-messaging's argument resolvers.
 */
final class ListenerInvoker {

	private final InvocableHandlerMethod method;

	private final String listenerId;

	private final String queue;

	ListenerInvoker(InvocableHandlerMethod method, String listenerId, String queue) {
		this.method = method;
		this.listenerId = listenerId;
		this.queue = queue;
	}

	@Nullable Object invoke(ObjectNode payload, int attempt) throws Exception {
		Message<ObjectNode> message = MessageBuilder.withPayload(payload)
			.setHeader(QueueHeaders.QUEUE, this.queue)
			.setHeader(QueueHeaders.LISTENER_ID, this.listenerId)
			.setHeader(QueueHeaders.ATTEMPT, attempt)
			.build();
		return this.method.invoke(message);
	}

	@Override
	public String toString() {
		return this.method.getShortLogMessage();
	}

}
