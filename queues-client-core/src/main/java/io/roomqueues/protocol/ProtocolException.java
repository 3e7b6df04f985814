package io.roomqueues.protocol;

/**
 * Signals bytes that do not follow the room wire protocol: a malformed frame, a broken frame sequence or an
 * unreadable payload.
 */
public class ProtocolException extends Exception {

	private static final long serialVersionUID = 1L;

	public ProtocolException(String message) {
		super(message);
	}

	public ProtocolException(String message, Throwable cause) {
		super(message, cause);
	}

}
