package io.roomqueues.client.transport;

/**
 * The server answered the WebSocket upgrade with an HTTP status instead of {@code 101}.
 */
public class HandshakeRejectedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final int status;

	public HandshakeRejectedException(int status) {
		super("WebSocket upgrade refused with HTTP " + status);
		this.status = status;
	}

	/** The HTTP status. */
	public int status() {
		return this.status;
	}

}
