package io.roomqueues.listener;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import io.roomqueues.client.RoomException;
import io.roomqueues.protocol.ErrorCodes;
import org.jspecify.annotations.Nullable;

/**
 * Tells apart the failures of sends the listener makes (dead letters, replies): those another attempt may fix, and
 * refusals for good.
 */
final class Failures {

	private Failures() {
	}

	/** The failure itself, without the wrappers of futures. */
	static Throwable unwrap(Throwable failure) {
		Throwable current = failure;
		while ((current instanceof ExecutionException || current instanceof CompletionException)
				&& current.getCause() != null) {
			current = current.getCause();
		}
		return current;
	}

	/** The client's exception behind a failure, or {@code null} when it is not one. */
	static @Nullable RoomException roomException(Throwable failure) {
		Throwable cause = unwrap(failure);
		if (cause instanceof QueueOperationException operation && operation.getCause() != null) {
			cause = unwrap(operation.getCause());
		}
		return (cause instanceof RoomException room) ? room : null;
	}

	/**
	 * Whether no later attempt can succeed: the room refused with an error other than a full queue, or the client
	 * closed. Anything else (a lost connection, a timeout, an exception of a recoverer) may pass later.
	 */
	static boolean isPermanent(Throwable failure) {
		RoomException room = roomException(failure);
		if (room == null || room.isRetryable()) {
			return false;
		}
		Integer code = room.code();
		return code == null || code != ErrorCodes.OPERATION_FAILED;
	}

	/** What failed for good, for the container's failure. */
	static ListenerFailure describe(Throwable failure, String operation, String queue) {
		Throwable cause = unwrap(failure);
		if (cause instanceof QueueOperationException op) {
			RoomException room = roomException(op);
			return new ListenerFailure(op.getOperation(), op.getQueue(), (room != null) ? room : op);
		}
		return new ListenerFailure(operation, queue, cause);
	}

}
