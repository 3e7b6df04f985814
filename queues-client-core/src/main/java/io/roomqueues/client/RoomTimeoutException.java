package io.roomqueues.client;

import io.roomqueues.protocol.ErrorCodes;

/**
 * A connect or a request did not complete in time (code {@code 1009}). A timed-out request may still have been
 * carried out by the server.
 */
public class RoomTimeoutException extends RoomException {

	private static final long serialVersionUID = 1L;

	public RoomTimeoutException(String message) {
		super(message, ErrorCodes.TIMEOUT);
	}

	@Override
	public boolean isRetryable() {
		return true;
	}

}
