package io.roomqueues.client;

import org.jspecify.annotations.Nullable;

/**
 * A request sent on a session and not yet answered. A receive's caller may give up on it before the answer comes
 * (the protocol cannot cancel a receive parked on the server): it is then abandoned, and a later receive on the same
 * queue may adopt it instead of parking another one. Guarded by the {@link PendingRequests} that holds it.
 */
final class PendingRequest {

	private final long id;

	private final RequestDescription description;

	private final @Nullable String queue;

	private final boolean parks;

	private Waiter<?> waiter;

	private boolean abandoned;

	PendingRequest(long id, RequestDescription description, @Nullable String queue, boolean parks, Waiter<?> waiter) {
		this.id = id;
		this.description = description;
		this.queue = queue;
		this.parks = parks;
		this.waiter = waiter;
	}

	long id() {
		return this.id;
	}

	/** What the request is, such as {@code queues.receive on 'jobs'}, for error messages. */
	String description() {
		return this.description.toString();
	}

	/** The queue a receive takes from, or {@code null} for any other request. */
	@Nullable String queue() {
		return this.queue;
	}

	/** Whether this is a receive that waits on the server for a message ({@code wait: true}). */
	boolean parks() {
		return this.parks;
	}

	Waiter<?> waiter() {
		return this.waiter;
	}

	boolean isAbandoned() {
		return this.abandoned;
	}

	void abandon() {
		this.abandoned = true;
	}

	/** Hands the answer to a new caller. */
	void adopt(Waiter<?> waiter) {
		this.waiter = waiter;
		this.abandoned = false;
	}

}
