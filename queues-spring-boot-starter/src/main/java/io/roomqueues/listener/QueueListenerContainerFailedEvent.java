package io.roomqueues.listener;

import org.jspecify.annotations.Nullable;

/**
 * A listener container failed. Either it could not receive (the room refused the receive, or the client closed;
 * unless the client closed, the container keeps trying with backoff), or the room refused the recovery of a failed
 * message for good, such as a dead-letter send without a grant: the container then stopped, after sending the
 * message back to its queue, and {@link #getFailure()} says which operation on which queue was refused.
 */
public class QueueListenerContainerFailedEvent extends QueueListenerContainerEvent {

	private static final long serialVersionUID = 1L;

	private final transient Throwable cause;

	private final transient @Nullable ListenerFailure failure;

	/**
	 * Creates the event.
	 * @param container the container that could not receive
	 * @param cause why
	 */
	public QueueListenerContainerFailedEvent(QueueListenerContainer container, Throwable cause) {
		this(container, cause, null);
	}

	/**
	 * Creates the event for a container that stopped itself.
	 * @param container the container that failed
	 * @param cause why
	 * @param failure the refusal that stopped it, or {@code null} if it keeps trying
	 */
	public QueueListenerContainerFailedEvent(QueueListenerContainer container, Throwable cause,
			@Nullable ListenerFailure failure) {
		super(container);
		this.cause = cause;
		this.failure = failure;
	}

	/** {@return why the container could not receive} */
	public Throwable getCause() {
		return this.cause;
	}

	/** The refusal that stopped the container, or {@code null} if it keeps trying to receive. */
	public @Nullable ListenerFailure getFailure() {
		return this.failure;
	}

	/** Whether the container stopped because of this failure. */
	public boolean isContainerStopped() {
		return this.failure != null;
	}

}
