package io.roomqueues.listener;

import java.time.Instant;

import tools.jackson.databind.node.ObjectNode;

/**
 * A message whose processing failed for good, with what is known about the failure.
 *
 * @param queue the queue it came from
 * @param listenerId the listener container that failed it
 * @param message the message as received
 * @param exception the last exception
 * @param attempts how many attempts were made
 * @param failedAt when the last attempt failed
 */
public record FailedMessage(String queue, String listenerId, ObjectNode message, Throwable exception, int attempts,
		Instant failedAt) {
}
