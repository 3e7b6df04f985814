package io.roomqueues.server;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.jspecify.annotations.Nullable;

/**
 * The rooms of one server: a room is created when its first participant joins and removed when it has neither a
 * connection nor a queue, so the count of rooms follows what is in use.
 */
final class RoomRegistry {

	/** Refuses a room past the server's room limit. */
	static final class RoomLimitException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		RoomLimitException(String message) {
			super(message, null, false, false);
		}

	}

	private final ConcurrentMap<String, Room> rooms = new ConcurrentHashMap<>();

	private final ServerLimits limits;

	private final QueuedBytes budget;

	RoomRegistry(ServerLimits limits) {
		this.limits = limits;
		this.budget = new QueuedBytes("the server", "max-server-queued-bytes", limits.maxQueuedBytesPerServer(), null);
	}

	/**
	 * Adds a connection to a room, creating the room if needed.
	 * @throws RoomLimitException if the room would pass the server's room limit
	 */
	synchronized Room join(String name) {
		checkCanJoin(name);
		Room room = this.rooms.computeIfAbsent(name, (key) -> new Room(key, this.limits, this.budget));
		room.joined();
		return room;
	}

	/** Removes a connection from its room, and the room if it is left with no connection and no queue. */
	synchronized void leave(Room room) {
		if (room.left() == 0 && room.retireIfEmpty()) {
			this.rooms.remove(room.name(), room);
		}
	}

	/**
	 * Checks a connection could join a room now, before its upgrade.
	 * @throws RoomLimitException if the room does not exist and the server holds its limit of rooms
	 */
	void checkCanJoin(String name) {
		if (!this.rooms.containsKey(name) && this.rooms.size() >= this.limits.maxRooms()) {
			throw new RoomLimitException("the server holds " + this.limits.maxRooms()
					+ " rooms, the max-rooms limit; room '" + name + "' was not created");
		}
	}

	@Nullable Room find(String name) {
		return this.rooms.get(name);
	}

	int count() {
		return this.rooms.size();
	}

	/** Bytes of messages the server holds against its budget. */
	long queuedBytes() {
		return this.budget.used();
	}

}
