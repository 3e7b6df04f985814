package io.roomqueues.server;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import io.roomqueues.protocol.ErrorCodes;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One queue of a room: its messages in FIFO order and the receives parked on it in arrival order. A message is
 * handed to at most one receive; messages and parked receives are never both waiting.
 */
final class RoomQueue {

	/** Thrown when an operation reaches a queue that was closed and removed meanwhile; the caller looks again. */
	static final class RemovedException extends Exception {

		private static final long serialVersionUID = 1L;

		RemovedException() {
			super(null, null, false, false);
		}

	}

	private final String name;

	private final ArrayDeque<JsonNode> messages = new ArrayDeque<>();

	private final ArrayDeque<ParkedReceive> waiting = new ArrayDeque<>();

	private boolean removed;

	RoomQueue(String name) {
		this.name = name;
	}

	String name() {
		return this.name;
	}

	synchronized int size() {
		return this.messages.size();
	}

	/**
	 * Hands a message to the longest-waiting receive, or appends it.
	 * @return the claimed receive the caller must answer with the message, or {@code null} if it was queued
	 */
	synchronized @Nullable ParkedReceive offer(JsonNode message, int maxLength) throws RemovedException {
		checkNotRemoved();
		ParkedReceive receive = claimWaiting();
		if (receive != null) {
			return receive;
		}
		if (this.messages.size() >= maxLength) {
			throw new QueueException(ErrorCodes.OPERATION_FAILED, "queue '" + this.name + "' is full: it holds "
					+ maxLength + " messages, the queue length limit; nothing was added");
		}
		this.messages.addLast(message);
		return null;
	}

	/** Puts back a message that could not be delivered, ahead of the others; ignores the length limit. */
	synchronized @Nullable ParkedReceive requeueFirst(JsonNode message) throws RemovedException {
		checkNotRemoved();
		ParkedReceive receive = claimWaiting();
		if (receive == null) {
			this.messages.addFirst(message);
		}
		return receive;
	}

	/**
	 * Takes the oldest message; when there is none and a receive is given, parks it.
	 * @return the message, or {@code null} when none was waiting
	 */
	synchronized @Nullable JsonNode poll(@Nullable ParkedReceive park) throws RemovedException {
		checkNotRemoved();
		JsonNode message = this.messages.pollFirst();
		if (message == null && park != null) {
			this.waiting.addLast(park);
		}
		return message;
	}

	synchronized void drain() throws RemovedException {
		checkNotRemoved();
		this.messages.clear();
	}

	/** Marks the queue removed, drops its messages and returns the receives parked on it, each claimed. */
	synchronized List<ParkedReceive> remove() throws RemovedException {
		checkNotRemoved();
		this.removed = true;
		this.messages.clear();
		List<ParkedReceive> released = new ArrayList<>();
		ParkedReceive receive;
		while ((receive = claimWaiting()) != null) {
			released.add(receive);
		}
		return released;
	}

	synchronized void forget(ParkedReceive receive) {
		this.waiting.remove(receive);
	}

	private @Nullable ParkedReceive claimWaiting() {
		ParkedReceive receive;
		while ((receive = this.waiting.pollFirst()) != null) {
			if (receive.claim()) {
				return receive;
			}
		}
		return null;
	}

	private void checkNotRemoved() throws RemovedException {
		if (this.removed) {
			throw new RemovedException();
		}
	}

}
