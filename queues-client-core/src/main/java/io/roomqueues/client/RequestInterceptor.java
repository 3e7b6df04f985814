package io.roomqueues.client;

import io.roomqueues.protocol.Content;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sees every request a {@link RoomClient} sends: for metrics, tracing, or adding to the request. Called on the thread
 * that sends the request, before it is written.
 */
@FunctionalInterface
public interface RequestInterceptor {

	/**
	 * Called before a request is written.
	 * @param type the message type, such as {@code room.invoke_tool}
	 * @param header the request header, which may be changed here (a queue send carries its message under
	 * {@code arguments.json.message})
	 * @return told once how the request ended
	 */
	Completion beforeRequest(String type, ObjectNode header);

	/** Hears how one request ended. */
	@FunctionalInterface
	interface Completion {

		/**
		 * @param response the response content (an error content too), or {@code null} if the request failed
		 * @param failure why the request failed, or {@code null}
		 */
		void completed(@Nullable Content response, @Nullable Throwable failure);

	}

}
