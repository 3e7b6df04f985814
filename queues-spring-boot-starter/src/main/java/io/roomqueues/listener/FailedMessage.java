package io.roomqueues.listener;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * A message whose processing failed for good, with what is known about the failure: either the listener failed
 * every attempt, or it succeeded and its reply could not be sent ({@link #reply()} is then set).
 *
 * @param queue the queue it came from
 * @param listenerId the listener container that failed it
 * @param message the message as received
 * @param exception the last exception
 * @param attempts how many attempts were made
 * @param failedAt when the last attempt failed
 * @param reply the reply that could not be sent, or {@code null} when the listener itself failed
 */
public record FailedMessage(String queue, String listenerId, ObjectNode message, Throwable exception, int attempts,
		Instant failedAt, @Nullable FailedReply reply) {

	/** A message the listener failed, with no reply involved. */
	public FailedMessage(String queue, String listenerId, ObjectNode message, Throwable exception, int attempts,
			Instant failedAt) {
		this(queue, listenerId, message, exception, attempts, failedAt, null);
	}

	/** Whether the listener succeeded and only its reply failed; recovering it must not run the listener again. */
	public boolean isReply() {
		return this.reply != null;
	}

}
