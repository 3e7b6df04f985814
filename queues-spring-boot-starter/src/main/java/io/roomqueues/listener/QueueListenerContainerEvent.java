package io.roomqueues.listener;

import org.springframework.context.ApplicationEvent;

/**
 * Something happened to a listener container; the source is the container.
 */
public abstract class QueueListenerContainerEvent extends ApplicationEvent {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the event.
	 * @param container the container it happened to
	 */
	protected QueueListenerContainerEvent(QueueListenerContainer container) {
		super(container);
	}

	/** {@return the container it happened to} */
	public QueueListenerContainer getContainer() {
		return (QueueListenerContainer) getSource();
	}

	/** {@return the id of the container's listener} */
	public String getListenerId() {
		return getContainer().getId();
	}

}
