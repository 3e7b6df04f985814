package io.roomqueues.client;

/**
 * The client was closed, by its owner or because the server refused it for good; nothing more will be sent.
 */
public class RoomClosedException extends RoomException {

	private static final long serialVersionUID = 1L;

	public RoomClosedException(String message) {
		super(message, null);
	}

}
