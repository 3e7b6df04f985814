package io.roomqueues.listener;

import java.lang.reflect.Method;
import java.util.List;

import org.springframework.core.MethodParameter;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.Headers;

/**
 * Tells a batch listener from a listener of single messages by its method: the payload parameter of a batch listener
 * is a {@code List} ({@code List<T>} or {@code List<Message<T>>}). Refuses settings that do not fit the kind.
 */
final class BatchListeners {

	private BatchListeners() {
	}

	/**
	 * Whether the endpoint's method takes a batch.
	 * @throws IllegalStateException if the endpoint has batch settings without a {@code List} parameter, or a reply
	 * queue with one
	 */
	static boolean check(QueueListenerEndpoint endpoint) {
		Method method = endpoint.method();
		boolean batch = isBatch(method);
		String listener = "Listener '" + endpoint.id() + "' (" + method.getDeclaringClass().getSimpleName() + "."
				+ method.getName() + ")";
		if (!batch && (endpoint.batchSize() != null || endpoint.batchWait() != null)) {
			throw new IllegalStateException(listener + " sets batchSize or batchWait, which only batch listeners take; "
					+ "a batch listener's payload parameter is a List<T> or List<Message<T>>");
		}
		if (batch && endpoint.replyQueue() != null) {
			throw new IllegalStateException(listener + " is a batch listener with @SendTo, which batch listeners do "
					+ "not support; send replies from the method with QueuesClient");
		}
		return batch;
	}

	static boolean isBatch(Method method) {
		for (int i = 0; i < method.getParameterCount(); i++) {
			MethodParameter parameter = new MethodParameter(method, i);
			if (!parameter.hasParameterAnnotation(Header.class) && !parameter.hasParameterAnnotation(Headers.class)
					&& parameter.getParameterType() == List.class) {
				return true;
			}
		}
		return false;
	}

}
