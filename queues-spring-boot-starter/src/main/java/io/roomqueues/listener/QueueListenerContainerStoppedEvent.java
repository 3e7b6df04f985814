package io.roomqueues.listener;

/**
 * A listener container stopped: it issues no more receives and its messages were processed or returned to their
 * queue.
 */
public class QueueListenerContainerStoppedEvent extends QueueListenerContainerEvent {

	private static final long serialVersionUID = 1L;

	/** How many messages were sent back to their queue during the stop. */
	private final int returnedMessages;

	/**
	 * Creates the event.
	 * @param container the container that stopped
	 * @param returnedMessages how many messages were sent back to their queue during the stop
	 */
	public QueueListenerContainerStoppedEvent(QueueListenerContainer container, int returnedMessages) {
		super(container);
		this.returnedMessages = returnedMessages;
	}

	/** {@return how many messages were sent back to their queue during the stop} */
	public int getReturnedMessages() {
		return this.returnedMessages;
	}

}
