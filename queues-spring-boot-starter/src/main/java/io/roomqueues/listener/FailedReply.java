package io.roomqueues.listener;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The reply of a listener that succeeded but whose reply could not be sent to its {@code @SendTo} queue.
 *
 * @param queue the reply queue
 * @param message the reply as JSON (its {@code toString()} text when Jackson cannot write it), or {@code null}
 */
public record FailedReply(String queue, @Nullable JsonNode message) {

	/**
	 * The reply as a queue message, to send back to its queue when it can be neither sent nor dead-lettered: the
	 * object itself, or any other value wrapped as {@code {"value": ...}}.
	 */
	public ObjectNode asQueueMessage() {
		JsonNode reply = this.message;
		if (reply instanceof ObjectNode object) {
			return object;
		}
		ObjectNode wrapped = JsonNodeFactory.instance.objectNode();
		wrapped.set("value", (reply != null) ? reply : JsonNodeFactory.instance.nullNode());
		return wrapped;
	}

}
