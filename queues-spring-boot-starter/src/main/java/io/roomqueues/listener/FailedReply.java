package io.roomqueues.listener;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The reply of a listener that succeeded but whose reply could not be sent to its {@code @SendTo} queue.
 *
 * @param queue the reply queue
 * @param message the reply as JSON, or {@code null} when it cannot be written as JSON
 */
public record FailedReply(String queue, @Nullable JsonNode message) {
}
