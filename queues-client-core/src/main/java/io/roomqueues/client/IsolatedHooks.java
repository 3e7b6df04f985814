package io.roomqueues.client;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps the application's hooks that the client calls from its own threads, so that one that throws is logged
 * (never with a message body or token) and the client goes on: a request is still sent and completed, and the next
 * message that could not go back still reaches the handler.
 */
final class IsolatedHooks {

	private static final Logger logger = LoggerFactory.getLogger(RoomClient.class);

	private IsolatedHooks() {
	}

	static UnreturnedMessageHandler unreturned(UnreturnedMessageHandler handler) {
		return (queue, message, cause) -> {
			try {
				handler.unreturned(queue, message, cause);
			}
			catch (RuntimeException ex) {
				logger.error("The unreturned-message handler threw on a message of {} characters from queue '{}'; "
						+ "the message is lost", message.toString().length(), queue, ex);
			}
		};
	}

	static @Nullable RequestInterceptor interceptor(@Nullable RequestInterceptor interceptor) {
		if (interceptor == null) {
			return null;
		}
		return (type, header) -> {
			RequestInterceptor.Completion completion;
			try {
				completion = interceptor.beforeRequest(type, header);
			}
			catch (RuntimeException ex) {
				logger.warn("The request interceptor threw before a '{}' request; the request is sent without it", type,
						ex);
				return (response, failure) -> {
				};
			}
			return (response, failure) -> {
				try {
					completion.completed(response, failure);
				}
				catch (RuntimeException ex) {
					logger.warn("The request interceptor threw when told how a '{}' request ended", type, ex);
				}
			};
		};
	}

}
