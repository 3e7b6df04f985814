package io.roomqueues.listener;

import java.time.Duration;

/**
 * How a batch listener (one with a {@code List} parameter) gathers its messages: after a first message, taken with a
 * waiting receive, the container takes up to {@code size - 1} more with non-waiting receives, for at most
 * {@code waitTime}.
 *
 * @param size the most messages in one batch
 * @param waitTime how long a batch may take to fill after its first message; zero takes only the messages already
 * waiting in the queue
 */
public record BatchSettings(int size, Duration waitTime) {

	/** 10 messages, no waiting. */
	public static final BatchSettings DEFAULTS = new BatchSettings(10, Duration.ZERO);

	public BatchSettings {
		if (size < 1) {
			throw new IllegalArgumentException("batch size must be at least 1, was " + size);
		}
		if (waitTime.isNegative()) {
			throw new IllegalArgumentException("batch wait must not be negative, was " + waitTime);
		}
	}

	/**
	 * Changes the size.
	 * @param size the most messages in one batch
	 * @return these settings with that size
	 */
	public BatchSettings withSize(int size) {
		return new BatchSettings(size, this.waitTime);
	}

	/**
	 * Changes the wait.
	 * @param waitTime how long a batch may take to fill after its first message
	 * @return these settings with that wait
	 */
	public BatchSettings withWaitTime(Duration waitTime) {
		return new BatchSettings(this.size, waitTime);
	}

}
