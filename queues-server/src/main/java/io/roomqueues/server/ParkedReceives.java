package io.roomqueues.server;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;

import io.roomqueues.protocol.ErrorCodes;

/**
 * The receives one connection has parked, in the order it parked them and up to the per-connection limit; they
 * leave their queues when the connection closes.
 */
final class ParkedReceives {

	private final Room room;

	private final int max;

	private final Set<ParkedReceive> parked = new LinkedHashSet<>();

	private boolean released;

	ParkedReceives(Room room, int max) {
		this.room = room;
		this.max = max;
	}

	/**
	 * Counts a receive about to park.
	 * @throws QueueException (1008) if the connection already has its limit of receives waiting
	 */
	synchronized void add(ParkedReceive receive) {
		if (this.released) {
			throw new QueueException(ErrorCodes.OPERATION_FAILED, "this connection is closing");
		}
		if (this.parked.size() >= this.max) {
			throw new QueueException(ErrorCodes.OPERATION_FAILED, "this connection has " + this.max
					+ " receives waiting, the max-parked-receives limit; answer or close some first");
		}
		this.parked.add(receive);
	}

	synchronized void remove(ParkedReceive receive) {
		this.parked.remove(receive);
	}

	synchronized int size() {
		return this.parked.size();
	}

	/**
	 * Answers parked receives, oldest first, with messages that waited in their queues while the connection had no
	 * room, for as long as it has room.
	 */
	void refill(BooleanSupplier hasRoom, BiConsumer<ParkedReceive, QueuedMessage> deliver) {
		for (ParkedReceive receive : snapshot()) {
			if (!hasRoom.getAsBoolean()) {
				return;
			}
			QueuedMessage message = this.room.serve(receive);
			if (message != null) {
				remove(receive);
				deliver.accept(receive, message);
			}
		}
	}

	/** Claims every parked receive and takes it off its queue, so that no message can be handed to it any more. */
	void releaseAll() {
		List<ParkedReceive> all;
		synchronized (this) {
			this.released = true;
			all = new ArrayList<>(this.parked);
			this.parked.clear();
		}
		for (ParkedReceive receive : all) {
			if (receive.claim()) {
				this.room.forget(receive);
			}
		}
	}

	private synchronized List<ParkedReceive> snapshot() {
		return new ArrayList<>(this.parked);
	}

}
