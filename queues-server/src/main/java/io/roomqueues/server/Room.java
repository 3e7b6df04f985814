package io.roomqueues.server;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.roomqueues.protocol.ErrorCodes;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A room and the queues it holds. Queues belong to the room, not to a connection, so they outlive every client.
 *
 * <p>
 * {@code close} removes a queue: its messages are discarded, receives parked on it are answered empty, and it no
 * longer appears in {@code list}; a later {@code open}, or a {@code send}/{@code receive} with {@code create},
 * starts it afresh.
 */
public final class Room {

	private final String name;

	private final int maxQueueLength;

	private final ConcurrentMap<String, RoomQueue> queues = new ConcurrentHashMap<>();

	Room(String name, int maxQueueLength) {
		this.name = name;
		this.maxQueueLength = maxQueueLength;
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
		if (this.queues.putIfAbsent(queue, new RoomQueue(queue)) != null) {
			throw new QueueException(ErrorCodes.QUEUE_ALREADY_EXISTS, "queue '" + queue + "' already exists");
		}
	}

	@Nullable ParkedReceive send(String queue, boolean create, JsonNode message) {
		while (true) {
			try {
				return lookup(queue, create).offer(message, this.maxQueueLength);
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
	@Nullable ParkedReceive requeueFirst(String queue, JsonNode message) {
		RoomQueue found = this.queues.get(queue);
		if (found == null) {
			return null;
		}
		try {
			return found.requeueFirst(message);
		}
		catch (RoomQueue.RemovedException ex) {
			return null;
		}
	}

	@Nullable JsonNode receive(String queue, boolean create, @Nullable ParkedReceive park) {
		while (true) {
			try {
				return lookup(queue, create).poll(park);
			}
			catch (RoomQueue.RemovedException ex) {
				// closed meanwhile: look again
			}
		}
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

	void forget(ParkedReceive receive) {
		RoomQueue queue = this.queues.get(receive.queue());
		if (queue != null) {
			queue.forget(receive);
		}
	}

	private RoomQueue lookup(String queue, boolean create) {
		RoomQueue found = create ? this.queues.computeIfAbsent(queue, RoomQueue::new) : this.queues.get(queue);
		if (found == null) {
			throw notFound(queue);
		}
		return found;
	}

	private static QueueException notFound(String queue) {
		return new QueueException(ErrorCodes.QUEUE_NOT_FOUND, "queue '" + queue + "' not found");
	}

}
