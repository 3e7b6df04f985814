package io.roomqueues.listener;

import io.roomqueues.client.RoomException;
import io.roomqueues.protocol.ErrorCodes;
import org.jspecify.annotations.Nullable;

/**
 * Why a listener container stopped by itself: an operation on a queue that the room refused for good, such as
 * sending to the dead-letter queue with a token that has no grant for it.
 *
 * @param operation what the container tried, such as {@code send}
 * @param queue the queue it tried it on
 * @param cause the room's refusal
 */
public record ListenerFailure(String operation, String queue, Throwable cause) {

	/** The room's error code, or {@code null} when the refusal carries none. */
	public @Nullable Integer code() {
		return (this.cause instanceof RoomException room) ? room.code() : null;
	}

	/** Whether the token lacks the grant for the operation (code {@code 1001}). */
	public boolean isMissingGrant() {
		Integer code = code();
		return code != null && code == ErrorCodes.PERMISSION_DENIED;
	}

	/** One line naming the operation and queue, such as {@code missing grant: send to queue 'orders.dlq' (...)}. */
	public String description() {
		Integer code = code();
		String what = this.operation + " " + preposition(this.operation) + " queue '" + this.queue + "'";
		String why = ((code != null) ? "room error " + code + ": " : "") + this.cause.getMessage();
		return (isMissingGrant() ? "missing grant: " + what : what + " refused") + " (" + why + ")";
	}

	private static String preposition(String operation) {
		return switch (operation) {
			case "send" -> "to";
			case "receive" -> "from";
			default -> "of";
		};
	}

}
