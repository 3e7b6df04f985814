package io.roomqueues.client;

/**
 * Where a {@link RoomClient}'s connection stands.
 */
public enum ConnectionState {

	/** Not started yet. */
	NEW,

	/** Opening the WebSocket or waiting for {@code room_ready} and {@code connected}. */
	CONNECTING,

	/** Ready: requests can be sent. */
	CONNECTED,

	/** The connection was lost or could not be made; the next attempt is scheduled. */
	RECONNECTING,

	/** Closed for good: by {@link RoomClient#close()}, a final refusal, or with reconnects used up. */
	CLOSED

}
