package io.roomqueues.listener;

import java.time.Duration;

/**
 * The settings of one listener container, resolved from its annotation and the {@code queues.listener.*} defaults.
 *
 * @param concurrency messages processed at once (and receives outstanding)
 * @param autoStartup whether the container starts with the application
 * @param create whether receiving creates a missing queue
 * @param shutdownTimeout how long a stop waits for messages in processing before returning them to the queue
 * @param retry retries of a failing listener
 */
public record QueueListenerContainerOptions(int concurrency, boolean autoStartup, boolean create,
		Duration shutdownTimeout, RetrySettings retry) {

	public QueueListenerContainerOptions {
		if (concurrency < 1) {
			throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
		}
	}

}
