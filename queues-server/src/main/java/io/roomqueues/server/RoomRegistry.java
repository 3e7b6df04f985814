package io.roomqueues.server;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.jspecify.annotations.Nullable;

/**
 * The rooms of one server, created on first connection and kept for the server's life.
 */
final class RoomRegistry {

	private final ConcurrentMap<String, Room> rooms = new ConcurrentHashMap<>();

	private final int maxQueueLength;

	RoomRegistry(int maxQueueLength) {
		this.maxQueueLength = maxQueueLength;
	}

	Room room(String name) {
		return this.rooms.computeIfAbsent(name, (key) -> new Room(key, this.maxQueueLength));
	}

	@Nullable Room find(String name) {
		return this.rooms.get(name);
	}

}
