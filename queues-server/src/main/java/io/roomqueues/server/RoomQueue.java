package io.roomqueues.server;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import io.roomqueues.protocol.ErrorCodes;
import org.jspecify.annotations.Nullable;

/**
 * One queue of a room: its messages in FIFO order and the receives parked on it in arrival order. A message is
 * handed to at most one receive. A parked receive whose connection already has its fill of unread messages is passed
 * over, so messages and parked receives can both wait; that connection takes its share again through
 * {@link #serve} once it has read.
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

	private final QueuedBytes budget;

	private final ArrayDeque<QueuedMessage> messages = new ArrayDeque<>();

	private final ArrayDeque<ParkedReceive> waiting = new ArrayDeque<>();

	private boolean removed;

	RoomQueue(String name, QueuedBytes budget) {
		this.name = name;
		this.budget = budget;
	}

	String name() {
		return this.name;
	}

	synchronized int size() {
		return this.messages.size();
	}

	synchronized int waiting() {
		return this.waiting.size();
	}

	/**
	 * Takes the message's bytes from the room's budget, then hands it to the longest-waiting receive that has room
	 * for it, or appends it. The bytes stay taken until the message is written or dropped.
	 * @return the claimed receive the caller must answer with the message, or {@code null} if it was queued
	 * @throws QueueException (1008) if the queue is full or the message does not fit the memory budget
	 */
	synchronized @Nullable ParkedReceive offer(QueuedMessage message, int maxLength) throws RemovedException {
		checkNotRemoved();
		this.budget.reserve(message.budgetBytes());
		ParkedReceive receive = claimWaiting();
		if (receive != null) {
			return receive;
		}
		if (this.messages.size() >= maxLength) {
			this.budget.release(message.budgetBytes());
			throw new QueueException(ErrorCodes.OPERATION_FAILED, "queue '" + this.name + "' is full: it holds "
					+ maxLength + " messages, the queue length limit; nothing was added");
		}
		this.messages.addLast(message);
		return null;
	}

	/**
	 * Puts back a message that could not be delivered, ahead of the others, with the bytes it already holds; ignores
	 * the length limit.
	 */
	synchronized @Nullable ParkedReceive requeueFirst(QueuedMessage message) throws RemovedException {
		checkNotRemoved();
		ParkedReceive receive = claimWaiting();
		if (receive == null) {
			this.messages.addFirst(message);
		}
		return receive;
	}

	/**
	 * Takes the oldest message if the receiver may take one; otherwise, when a receive is given, parks it. A given
	 * receive is claimed for the message it takes, so that nothing else answers it as well; one claimed already (its
	 * connection closed, or its answer came from {@link #serve}) takes and parks nothing.
	 * @return the message, or {@code null} when none was taken
	 */
	synchronized @Nullable QueuedMessage poll(@Nullable ParkedReceive park, boolean mayTake) throws RemovedException {
		checkNotRemoved();
		if (park != null && park.isClaimed()) {
			return null;
		}
		if (mayTake && !this.messages.isEmpty() && (park == null || park.claim())) {
			return this.messages.pollFirst();
		}
		if (park != null) {
			this.waiting.addLast(park);
		}
		return null;
	}

	/**
	 * Answers a receive parked here with the oldest message, if there is one and the receive is still unclaimed.
	 * @return the message the caller must deliver, or {@code null}
	 */
	synchronized @Nullable QueuedMessage serve(ParkedReceive receive) {
		if (this.messages.isEmpty() || !receive.claim()) {
			return null;
		}
		this.waiting.remove(receive);
		return this.messages.pollFirst();
	}

	synchronized void drain() throws RemovedException {
		checkNotRemoved();
		dropMessages();
	}

	/** Marks the queue removed, drops its messages and returns the receives parked on it, each claimed. */
	synchronized List<ParkedReceive> remove() throws RemovedException {
		checkNotRemoved();
		this.removed = true;
		dropMessages();
		List<ParkedReceive> released = new ArrayList<>();
		for (ParkedReceive receive : this.waiting) {
			if (receive.claim()) {
				released.add(receive);
			}
		}
		this.waiting.clear();
		return released;
	}

	synchronized void forget(ParkedReceive receive) {
		this.waiting.remove(receive);
	}

	private void dropMessages() {
		long bytes = 0;
		for (QueuedMessage message : this.messages) {
			bytes += message.budgetBytes();
		}
		this.messages.clear();
		this.budget.release(bytes);
	}

	/** Claims the longest-waiting receive whose connection has room, dropping receives already claimed elsewhere. */
	private @Nullable ParkedReceive claimWaiting() {
		Iterator<ParkedReceive> receives = this.waiting.iterator();
		while (receives.hasNext()) {
			ParkedReceive receive = receives.next();
			if (receive.isClaimed()) {
				receives.remove();
			}
			else if (receive.connection().hasDeliveryRoom()) {
				receives.remove();
				if (receive.claim()) {
					return receive;
				}
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
