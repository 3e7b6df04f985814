package io.roomqueues.listener;

import org.jspecify.annotations.Nullable;

/**
 * Thrown by a batch listener to say which message of the batch failed, as spring-kafka's exception of the same name:
 * the messages before it count as processed, and the failed one and those after it are tried again as a batch. Once
 * the failed message has failed every attempt it alone is recovered (dead-lettered), and the rest go on as a batch.
 * A batch that fails with any other exception is retried as a whole, and then message by message.
 */
public class BatchListenerFailedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final int index;

	/**
	 * Creates the exception.
	 * @param message what failed
	 * @param index the position of the failed message in the batch, from 0
	 */
	public BatchListenerFailedException(String message, int index) {
		this(message, null, index);
	}

	/**
	 * Creates the exception.
	 * @param message what failed
	 * @param cause why the message failed; it decides whether the message is retried, and its dead letter names it
	 * @param index the position of the failed message in the batch, from 0
	 */
	public BatchListenerFailedException(String message, @Nullable Throwable cause, int index) {
		super(message, cause);
		this.index = index;
	}

	/** {@return the position of the failed message in the batch, from 0} */
	public int getIndex() {
		return this.index;
	}

}
