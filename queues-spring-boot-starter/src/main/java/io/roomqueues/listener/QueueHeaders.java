package io.roomqueues.listener;

/**
 * Header names a listener method can ask for with {@code @Header}.
 */
public final class QueueHeaders {

	/** The queue the message came from. */
	public static final String QUEUE = "queues_queue";

	/** The id of the listener container. */
	public static final String LISTENER_ID = "queues_listenerId";

	/** The delivery attempt, from 1. */
	public static final String ATTEMPT = "queues_attempt";

	private QueueHeaders() {
	}

}
