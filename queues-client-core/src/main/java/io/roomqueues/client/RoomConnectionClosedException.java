package io.roomqueues.client;

/**
 * The room server closed the connection: what failed because of it carries the WebSocket close code and reason the
 * server sent (1002 for a malformed frame, 1003 for a text message, 1008 for a dead or silent peer, 1001 when the
 * server stops...). Retryable, as the client reconnects by itself.
 */
public class RoomConnectionClosedException extends RoomConnectionException {

	private static final long serialVersionUID = 1L;

	private final int closeCode;

	private final String closeReason;

	public RoomConnectionClosedException(int closeCode, String closeReason) {
		super("room connection closed before request completed: " + closeCode
				+ (closeReason.isEmpty() ? "" : " " + closeReason), null);
		this.closeCode = closeCode;
		this.closeReason = closeReason;
	}

	/** The close code the server sent, or 1006 when the connection ended without a close frame. */
	public int closeCode() {
		return this.closeCode;
	}

	/** The reason the server gave with its close code; empty if none. */
	public String closeReason() {
		return this.closeReason;
	}

}
