package io.roomqueues.client;

import org.jspecify.annotations.Nullable;

/**
 * Hears about a {@link RoomClient}'s connection. Told of each event in order, on the client's callback executor, never
 * on the thread that reads the connection.
 */
public interface RoomConnectionListener {

	/** The connection became ready; {@code reconnect} is true for every time but the first. */
	default void connected(RoomClient client, boolean reconnect) {
	}

	/** The connection was lost or an attempt failed; {@code cause} says why. */
	default void disconnected(RoomClient client, @Nullable Throwable cause) {
	}

	/** The client closed for good. */
	default void closed(RoomClient client, @Nullable Throwable cause) {
	}

}
