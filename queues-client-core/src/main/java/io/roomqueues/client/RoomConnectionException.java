package io.roomqueues.client;

import org.jspecify.annotations.Nullable;

/**
 * The connection could not carry a request: it was lost while the request was pending, or is being re-established.
 * Retryable: the client reconnects by itself, and the request may be sent again.
 */
public class RoomConnectionException extends RoomException {

	private static final long serialVersionUID = 1L;

	public RoomConnectionException(String message, @Nullable Throwable cause) {
		super(message, null, cause);
	}

	@Override
	public boolean isRetryable() {
		return true;
	}

}
