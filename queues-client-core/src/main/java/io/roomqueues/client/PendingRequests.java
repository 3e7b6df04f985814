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
 * message must not be lost nor bounced from one abandoned receive to the next: while other abandoned receives of the
 * same queue are still parked, it is held here, and handed to the next receive this client makes on that queue; once
 * none is parked any more, it goes back to its queue with whatever was held before it, in arrival order. A new
 * receive first takes a held message, then adopts the oldest abandoned receive, and only then parks another one.
 */
final class PendingRequests {

	/** Messages that must go back to their queue, in order. */
	record Returned(String queue, List<ObjectNode> messages) {
	}

	private final Map<Long, PendingRequest> byId = new HashMap<>();

	private final Map<String, ArrayDeque<PendingRequest>> abandonedParked = new HashMap<>();

	private final Map<String, ArrayDeque<ObjectNode>> held = new LinkedHashMap<>();

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

	/** The oldest message held for a queue, taken, or {@code null}. */
	synchronized @Nullable ObjectNode takeHeld(String queue) {
		ArrayDeque<ObjectNode> messages = this.held.get(queue);
		if (messages == null) {
			return null;
		}
		ObjectNode message = messages.pollFirst();
		if (messages.isEmpty()) {
			this.held.remove(queue);
		}
		return message;
	}

	/** Gives the oldest abandoned parked receive of a queue to a new caller; {@code null} if there is none. */
	synchronized @Nullable PendingRequest adopt(String queue, Waiter<?> waiter) {
		ArrayDeque<PendingRequest> parked = this.abandonedParked.get(queue);
		if (parked == null) {
			return null;
		}
		PendingRequest request = parked.pollFirst();
		if (parked.isEmpty()) {
			this.abandonedParked.remove(queue);
		}
		if (request != null) {
			request.adopt(waiter);
			this.live++;
		}
		return request;
	}

	/**
	 * Decides about a message that reached no caller: held while another abandoned receive of its queue is parked
	 * (it would only bounce there), otherwise returned with the messages held before it.
	 * @return what must now go back to its queue, or {@code null} if the message is held
	 */
	synchronized @Nullable Returned orphaned(String queue, ObjectNode message) {
		if (this.abandonedParked.containsKey(queue)) {
			this.held.computeIfAbsent(queue, (name) -> new ArrayDeque<>()).addLast(message);
			return null;
		}
		List<ObjectNode> messages = new ArrayList<>();
		ArrayDeque<ObjectNode> before = this.held.remove(queue);
		if (before != null) {
			messages.addAll(before);
		}
		messages.add(message);
		return new Returned(queue, messages);
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
		this.held.forEach((queue, messages) -> all.add(new Returned(queue, List.copyOf(messages))));
		this.held.clear();
		return all;
	}

}
