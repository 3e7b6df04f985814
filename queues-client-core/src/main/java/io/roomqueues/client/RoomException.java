package io.roomqueues.client;

import org.jspecify.annotations.Nullable;

/**
 * A room request failed: the server answered with an error content (its {@code code} is kept), the response was of
 * an unexpected kind ({@code 1100}), or the connection could not carry the request.
 */
public class RoomException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final @Nullable Integer code;

	public RoomException(String message, @Nullable Integer code) {
		super(message);
		this.code = code;
	}

	public RoomException(String message, @Nullable Integer code, @Nullable Throwable cause) {
		super(message, cause);
		this.code = code;
	}

	/** The MeshAgent error code, or {@code null} when the server gave none. */
	public @Nullable Integer code() {
		return this.code;
	}

	/** Whether the same request may succeed if sent again, such as after a reconnect. */
	public boolean isRetryable() {
		return false;
	}

}
