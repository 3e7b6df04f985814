package io.roomqueues.listener;

/**
 * A listener container started receiving.
 */
public class QueueListenerContainerStartedEvent extends QueueListenerContainerEvent {

	private static final long serialVersionUID = 1L;

	public QueueListenerContainerStartedEvent(QueueListenerContainer container) {
		super(container);
	}

}
