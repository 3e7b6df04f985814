package io.roomqueues.listener;

/**
 * Decides what becomes of a message that failed every attempt, or whose reply could not be sent. The default sends
 * it to a dead-letter queue ({@link DeadLetterQueueRecoverer}); {@link LoggingMessageRecoverer} logs and drops it.
 */
@FunctionalInterface
public interface QueueMessageRecoverer {

	/**
	 * Recovers a failed message. The container holds the message (its slot takes nothing else) until this returns.
	 * @param failed the message, the exception of its last attempt and where it came from
	 * @throws Exception if the message could not be recovered: a refusal of the room for good (a
	 * {@link io.roomqueues.client.RoomException} that is not retryable, other than a full queue, possibly wrapped in
	 * a {@link QueueOperationException} naming the queue) stops the container after the message went back to its
	 * queue; anything else is tried again with backoff, waiting for the room while it is unreachable
	 */
	void recover(FailedMessage failed) throws Exception;

}
