package io.roomqueues.listener;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import tools.jackson.databind.node.ObjectNode;

/**
 * The messages a receive slot holds (one, or a batch), from their receive until each is processed, handed to another
 * step (a recovery, a reply) or taken back by a stop: while a message is held, a stop that gives up on it sends it
 * back to its queue. Messages are told apart by identity, so equal messages are still two.
 */
final class Hold {

	/** Every message taken into the hold, in the order received. */
	private final List<ObjectNode> received = new ArrayList<>();

	private final List<ObjectNode> held = new ArrayList<>();

	Hold(ObjectNode first) {
		add(first);
	}

	synchronized void add(ObjectNode message) {
		this.received.add(message);
		this.held.add(message);
	}

	/** The messages as received, released ones included: the batch. */
	synchronized List<ObjectNode> messages() {
		return List.copyOf(this.received);
	}

	/** How many messages were taken into the hold. */
	synchronized int receivedCount() {
		return this.received.size();
	}

	/** How many messages are still held. */
	synchronized int size() {
		return this.held.size();
	}

	/** Whether the message was taken into this hold, released or not. */
	synchronized boolean received(ObjectNode message) {
		return indexOf(this.received, message) >= 0;
	}

	/** Whether the message is still held. */
	synchronized boolean holds(ObjectNode message) {
		return indexOf(this.held, message) >= 0;
	}

	/**
	 * Gives up the hold on a message that was processed or that another step now owns.
	 * @return false if it was not held, such as when a stop has already taken it back
	 */
	synchronized boolean release(ObjectNode message) {
		int index = indexOf(this.held, message);
		if (index < 0) {
			return false;
		}
		this.held.remove(index);
		return true;
	}

	/** Takes every message still held, for a stop or a failure that sends them back. */
	synchronized List<ObjectNode> takeAll() {
		List<ObjectNode> taken = List.copyOf(this.held);
		this.held.clear();
		return taken;
	}

	private static int indexOf(List<ObjectNode> messages, ObjectNode message) {
		int index = 0;
		for (Iterator<ObjectNode> it = messages.iterator(); it.hasNext(); index++) {
			if (it.next() == message) {
				return index;
			}
		}
		return -1;
	}

}
