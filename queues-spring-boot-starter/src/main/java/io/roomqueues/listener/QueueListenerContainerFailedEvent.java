package io.roomqueues.listener;

/**
 * A listener container could not receive: the room refused the receive or the client closed. Unless the client
 * closed, the container keeps trying with backoff.
 */
public class QueueListenerContainerFailedEvent extends QueueListenerContainerEvent {

	private static final long serialVersionUID = 1L;

	private final transient Throwable cause;

	/**
	 * Creates the event.
	 * @param container the container that could not receive
	 * @param cause why
	 */
	public QueueListenerContainerFailedEvent(QueueListenerContainer container, Throwable cause) {
		super(container);
		this.cause = cause;
	}

	/** {@return why the container could not receive} */
	public Throwable getCause() {
		return this.cause;
	}

}
