package io.roomqueues.listener;

import org.springframework.context.ApplicationEvent;

/**
 * Something happened to a listener container; the source is the container.
 */
public abstract class QueueListenerContainerEvent extends ApplicationEvent {

	private static final long serialVersionUID = 1L;

	protected QueueListenerContainerEvent(QueueListenerContainer container) {
		super(container);
	}

	public QueueListenerContainer getContainer() {
		return (QueueListenerContainer) getSource();
	}

	public String getListenerId() {
		return getContainer().getId();
	}

}
