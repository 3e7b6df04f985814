package io.roomqueues.client;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * The requests of one session waiting for their response, and what became of receives whose callers gave up.
 *
 * <p>
 * A receive abandoned while parked on the server stays parked there, so it will take a later message. Such a
 * message must not be lost, and should not bounce from one abandoned receive to the next: while other abandoned
 * receives of the same queue are still parked, it is held here for a short while (the hold time), and handed to the
 * next receive this client makes on that queue; once none is parked any more, or its hold time is up, it goes back to
 * its queue with whatever was held before it, in arrival order. A new receive first takes a held message, then
 * adopts the oldest abandoned receive, and only then parks another one.
 */
final class PendingRequests {

	/** Messages that must go back to their queue, in order. */
	record Returned(String queue, List<ObjectNode> messages) {
	}

	/** How a receive was served without a request of its own: with a held message, or by an adopted receive. */
	record Served(@Nullable ObjectNode held, @Nullable PendingRequest adopted) {
	}

	private record Held(ObjectNode message, long deadline) {
	}

	private final Map<Long, PendingRequest> byId = new HashMap<>();

	private final Map<String, ArrayDeque<PendingRequest>> abandonedParked = new HashMap<>();

	private final Map<String, ArrayDeque<Held>> held = new LinkedHashMap<>();

	private int live;

	synchronized void add(PendingRequest request) {
		this.byId.put(request.id(), request);
		this.live++;
	}

	/** Takes the request a response answers; {@code null} for an id nobody sent or that was already failed. */
	synchronized @Nullable PendingRequest remove(long id) {
		PendingRequest request = this.byId.remove(id);
		if (request == null) {
			return null;
		}
		if (request.isAbandoned()) {
			ArrayDeque<PendingRequest> parked = this.abandonedParked.get(request.queue());
			if (parked != null) {
				parked.remove(request);
				if (parked.isEmpty()) {
					this.abandonedParked.remove(request.queue());
				}
			}
		}
		else {
			this.live--;
		}
		return request;
	}

	/**
	 * Marks a request abandoned if the given waiter still waits for it: its caller's future was completed by someone
	 * else than the response, such as a cancel, {@code orTimeout} or the request timeout.
	 */
	synchronized void abandonIfWaiting(PendingRequest request, Waiter<?> waiter) {
		if (this.byId.get(request.id()) != request || request.waiter() != waiter || request.isAbandoned()) {
			return;
		}
		request.abandon();
		this.live--;
		if (request.parks()) {
			this.abandonedParked.computeIfAbsent(request.queue(), (queue) -> new ArrayDeque<>()).addLast(request);
		}
	}

	/**
	 * Serves a new receive without a request of its own if it can: with the oldest message held for its queue, or, for
	 * a receive that parks, by giving it the oldest abandoned receive of that queue.
	 * @return how it was served, or {@code null} if it needs a request
	 */
	synchronized @Nullable Served serve(String queue, boolean parks, Waiter<?> waiter) {
		ArrayDeque<Held> messages = this.held.get(queue);
		if (messages != null) {
			Held oldest = messages.pollFirst();
			if (messages.isEmpty()) {
				this.held.remove(queue);
			}
			return new Served(oldest.message(), null);
		}
		ArrayDeque<PendingRequest> parked = parks ? this.abandonedParked.get(queue) : null;
		if (parked == null) {
			return null;
		}
		PendingRequest request = parked.pollFirst();
		if (parked.isEmpty()) {
			this.abandonedParked.remove(queue);
		}
		request.adopt(waiter);
		this.live++;
		return new Served(null, request);
	}

	/**
	 * Decides about a message that reached no caller: held until its deadline while another abandoned receive of its
	 * queue is parked (it would only bounce there), otherwise returned with the messages held before it.
	 * @param deadline when a held message goes back anyway, as a {@link System#nanoTime()}
	 * @return what must now go back to its queue, or {@code null} if the message is held
	 */
	synchronized @Nullable Returned orphaned(String queue, ObjectNode message, long deadline) {
		if (this.abandonedParked.containsKey(queue)) {
			this.held.computeIfAbsent(queue, (name) -> new ArrayDeque<>()).addLast(new Held(message, deadline));
			return null;
		}
		List<ObjectNode> messages = takeHeldOf(queue);
		messages.add(message);
		return new Returned(queue, messages);
	}

	/** The messages of a queue whose hold time is up, taken in order, or {@code null} if there are none. */
	synchronized @Nullable Returned expired(String queue, long now) {
		ArrayDeque<Held> messages = this.held.get(queue);
		List<ObjectNode> due = new ArrayList<>();
		while (messages != null && !messages.isEmpty() && messages.peekFirst().deadline() - now <= 0) {
			due.add(messages.pollFirst().message());
		}
		if (messages != null && messages.isEmpty()) {
			this.held.remove(queue);
		}
		return due.isEmpty() ? null : new Returned(queue, due);
	}

	/** Every message held for a queue, taken, once none of its abandoned receives is parked any more. */
	synchronized @Nullable Returned releaseIfUnparked(String queue) {
		if (this.abandonedParked.containsKey(queue) || !this.held.containsKey(queue)) {
			return null;
		}
		return new Returned(queue, takeHeldOf(queue));
	}

	private List<ObjectNode> takeHeldOf(String queue) {
		List<ObjectNode> messages = new ArrayList<>();
		ArrayDeque<Held> before = this.held.remove(queue);
		if (before != null) {
			before.forEach((held) -> messages.add(held.message()));
		}
		return messages;
	}

	/** Requests whose callers still wait. */
	synchronized int liveCount() {
		return this.live;
	}

	/** Receives whose callers gave up but that are still parked on the server. */
	synchronized int abandonedCount() {
		return this.abandonedParked.values().stream().mapToInt(ArrayDeque::size).sum();
	}

	/** Messages held for a later receive. */
	synchronized int heldCount() {
		return this.held.values().stream().mapToInt(ArrayDeque::size).sum();
	}

	/** Removes every request, for a session that ended; abandoned ones are dropped with the server's parked receives. */
	synchronized List<PendingRequest> removeLive() {
		List<PendingRequest> waiting = new ArrayList<>();
		for (PendingRequest request : this.byId.values()) {
			if (!request.isAbandoned()) {
				waiting.add(request);
			}
		}
		this.byId.clear();
		this.abandonedParked.clear();
		this.live = 0;
		return waiting;
	}

	/** Removes the live receives, for a session that closes: what is still to come for them goes back. */
	synchronized List<PendingRequest> abandonReceives() {
		List<PendingRequest> receives = new ArrayList<>();
		for (PendingRequest request : this.byId.values()) {
			if (request.queue() != null && !request.isAbandoned()) {
				request.abandon();
				this.live--;
				receives.add(request);
			}
		}
		return receives;
	}

	/** Takes every held message, for a session that ended. */
	synchronized List<Returned> takeAllHeld() {
		List<Returned> all = new ArrayList<>();
		for (String queue : List.copyOf(this.held.keySet())) {
			all.add(new Returned(queue, takeHeldOf(queue)));
		}
		return all;
	}

}
