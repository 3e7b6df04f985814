package io.roomqueues.server;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.roomqueues.protocol.ErrorCodes;
import org.jspecify.annotations.Nullable;

/**
 * A room and the queues it holds. Queues belong to the room, not to a connection, so they outlive every client; a
 * room with no connection and no queue is removed by its {@link RoomRegistry}.
 *
 * <p>
 * {@code close} removes a queue: its messages are discarded, receives parked on it are answered empty, and it no
 * longer appears in {@code list}; a later {@code open}, or a {@code send}/{@code receive} with {@code create},
 * starts it afresh.
 */
public final class Room {

	private final String name;

	private final ServerLimits limits;

	private final QueuedBytes budget;

	private final ConcurrentMap<String, RoomQueue> queues = new ConcurrentHashMap<>();

	/** Guarded by the registry. */
	private int connections;

	/** Guarded by this room: queues are created and removed under its lock. */
	private boolean retired;

	Room(String name, ServerLimits limits, QueuedBytes serverBudget) {
		this.name = name;
		this.limits = limits;
		this.budget = new QueuedBytes("room '" + name + "'", "max-room-queued-bytes",
				limits.maxQueuedBytesPerRoom(), serverBudget);
	}

	public String name() {
		return this.name;
	}

	/** The room's queues, sorted by name. */
	public List<QueueInfo> list() {
		return this.queues.values()
			.stream()
			.map((queue) -> new QueueInfo(queue.name(), queue.size()))
			.sorted(Comparator.comparing(QueueInfo::name))
			.toList();
	}

	void open(String queue) {
		synchronized (this) {
			if (this.queues.containsKey(queue)) {
				throw new QueueException(ErrorCodes.QUEUE_ALREADY_EXISTS, "queue '" + queue + "' already exists");
			}
			create(queue);
		}
	}

	@Nullable ParkedReceive send(String queue, boolean create, QueuedMessage message) {
		while (true) {
			try {
				return lookup(queue, create).offer(message, this.limits.maxQueueLength());
			}
			catch (RoomQueue.RemovedException ex) {
				// closed meanwhile: look again
			}
		}
	}

	/**
	 * Puts back a message whose delivery failed, ahead of the others. A queue closed meanwhile stays closed: its
	 * messages were discarded by the close, and so is this one.
	 */
	@Nullable ParkedReceive requeueFirst(String queue, QueuedMessage message) {
		RoomQueue found = this.queues.get(queue);
		if (found != null) {
			try {
				return found.requeueFirst(message);
			}
			catch (RoomQueue.RemovedException ex) {
				// discarded below
			}
		}
		released(message);
		return null;
	}

	/** Takes a message, or parks the receive; see {@link RoomQueue#poll}. */
	@Nullable QueuedMessage receive(String queue, boolean create, @Nullable ParkedReceive park, boolean mayTake) {
		while (true) {
			try {
				return lookup(queue, create).poll(park, mayTake);
			}
			catch (RoomQueue.RemovedException ex) {
				// closed meanwhile: look again
			}
		}
	}

	/** Answers a parked receive with a message of its queue, if one is waiting. */
	@Nullable QueuedMessage serve(ParkedReceive receive) {
		RoomQueue queue = this.queues.get(receive.queue());
		return (queue != null) ? queue.serve(receive) : null;
	}

	/** Gives back the budget of a message that was written or dropped. */
	void released(QueuedMessage message) {
		this.budget.release(message.budgetBytes());
	}

	void drain(String queue) {
		try {
			lookup(queue, false).drain();
		}
		catch (RoomQueue.RemovedException ex) {
			throw notFound(queue);
		}
	}

	List<ParkedReceive> close(String queue) {
		synchronized (this) {
			RoomQueue removed = lookup(queue, false);
			try {
				List<ParkedReceive> released = removed.remove();
				this.queues.remove(queue, removed);
				return released;
			}
			catch (RoomQueue.RemovedException ex) {
				throw notFound(queue);
			}
		}
	}

	void forget(ParkedReceive receive) {
		RoomQueue queue = this.queues.get(receive.queue());
		if (queue != null) {
			queue.forget(receive);
		}
	}

	/** Receives parked on the room's queues, including ones claimed but not yet removed. */
	int parkedReceives() {
		return this.queues.values().stream().mapToInt(RoomQueue::waiting).sum();
	}

	/** Bytes of messages the room holds against its budget. */
	long queuedBytes() {
		return this.budget.used();
	}

	int joined() {
		return ++this.connections;
	}

	int left() {
		return --this.connections;
	}

	/** Retires the room if it holds no queue; a retired room creates no queue again. */
	synchronized boolean retireIfEmpty() {
		if (this.queues.isEmpty()) {
			this.retired = true;
		}
		return this.retired;
	}

	private RoomQueue lookup(String queue, boolean create) {
		RoomQueue found = this.queues.get(queue);
		if (found != null) {
			return found;
		}
		if (!create) {
			throw notFound(queue);
		}
		synchronized (this) {
			found = this.queues.get(queue);
			return (found != null) ? found : create(queue);
		}
	}

	private RoomQueue create(String queue) {
		if (this.retired) {
			throw new QueueException(ErrorCodes.OPERATION_FAILED,
					"room '" + this.name + "' was removed when its last participant left");
		}
		if (this.queues.size() >= this.limits.maxQueuesPerRoom()) {
			throw new QueueException(ErrorCodes.OPERATION_FAILED, "room '" + this.name + "' holds "
					+ this.limits.maxQueuesPerRoom() + " queues, the max-queues-per-room limit; queue '" + queue
					+ "' was not created");
		}
		RoomQueue created = new RoomQueue(queue, this.budget);
		this.queues.put(queue, created);
		return created;
	}

	private static QueueException notFound(String queue) {
		return new QueueException(ErrorCodes.QUEUE_NOT_FOUND, "queue '" + queue + "' not found");
	}

}
