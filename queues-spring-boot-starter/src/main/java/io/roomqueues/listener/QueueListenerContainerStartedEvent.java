package io.roomqueues.listener;

/**
 * A listener container started receiving.
 */
public class QueueListenerContainerStartedEvent extends QueueListenerContainerEvent {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the event.
	 * @param container the container that started
	 */
	public QueueListenerContainerStartedEvent(QueueListenerContainer container) {
		super(container);
	}

}
