package io.roomqueues.client;

/**
 * The server refused the WebSocket upgrade with a status that retrying will not change: 403 (token rejected) or 404
 * (no such room or path).
 */
public class RoomHandshakeException extends RoomException {

	private static final long serialVersionUID = 1L;

	private final int status;

	public RoomHandshakeException(String message, int status) {
		super(message, null);
		this.status = status;
	}

	/** The HTTP status of the refusal. */
	public int status() {
		return this.status;
	}

}
