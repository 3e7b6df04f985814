package io.roomqueues.listener;

/**
 * Decides what becomes of a message that failed every attempt. The default sends it to a dead-letter queue
 * ({@link DeadLetterQueueRecoverer}); {@link LoggingMessageRecoverer} logs and drops it.
 */
@FunctionalInterface
public interface QueueMessageRecoverer {

	/**
	 * Recovers a failed message.
	 * @param failed the message, the exception of its last attempt and where it came from
	 * @throws Exception if the message could not be recovered; the container tries again
	 */
	void recover(FailedMessage failed) throws Exception;

}
