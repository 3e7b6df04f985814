package io.roomqueues.listener;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The reply of a listener that succeeded but whose reply could not be sent to its {@code @SendTo} queue.
 *
 * @param queue the reply queue
 * @param message the reply as JSON (its {@code toString()} text when Jackson cannot write it), or {@code null}
 */
public record FailedReply(String queue, @Nullable JsonNode message) {
}
