package io.roomqueues.server;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@code receive(wait: true)} waiting for a message; claimed exactly once, by the send that serves it or by the
 * close of its connection.
 */
final class ParkedReceive {

	private final ParticipantConnection connection;

	private final long requestId;

	private final String queue;

	private final AtomicBoolean claimed = new AtomicBoolean();

	ParkedReceive(ParticipantConnection connection, long requestId, String queue) {
		this.connection = connection;
		this.requestId = requestId;
		this.queue = queue;
	}

	ParticipantConnection connection() {
		return this.connection;
	}

	long requestId() {
		return this.requestId;
	}

	String queue() {
		return this.queue;
	}

	/** Claims this receive; only the first caller gets {@code true}. */
	boolean claim() {
		return this.claimed.compareAndSet(false, true);
	}

	boolean isClaimed() {
		return this.claimed.get();
	}

}
