package io.roomqueues.listener;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * Tells the receive slot that its container must stop: the room refused a recovery for good. It carries what the
 * container sends back before it reports the failure.
 */
final class ContainerFailedException extends Exception {

	private static final long serialVersionUID = 1L;

	private final transient ListenerFailure failure;

	private final @Nullable String returnQueue;

	private final transient @Nullable ObjectNode returnMessage;

	/**
	 * @param failure what the room refused
	 * @param returnQueue where the message goes back to, or {@code null}
	 * @param returnMessage the message to send back there, or {@code null}
	 */
	ContainerFailedException(ListenerFailure failure, @Nullable String returnQueue, @Nullable ObjectNode returnMessage) {
		super(failure.description(), null, false, false);
		this.failure = failure;
		this.returnQueue = returnQueue;
		this.returnMessage = returnMessage;
	}

	ListenerFailure failure() {
		return this.failure;
	}

	@Nullable String returnQueue() {
		return this.returnQueue;
	}

	@Nullable ObjectNode returnMessage() {
		return this.returnMessage;
	}

}
