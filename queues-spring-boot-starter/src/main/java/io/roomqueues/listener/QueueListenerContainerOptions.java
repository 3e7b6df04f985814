package io.roomqueues.listener;

import java.time.Duration;

/**
 * The settings of one listener container, resolved from its annotation and the {@code queues.listener.*} defaults.
 *
 * @param concurrency messages (or batches) processed at once, and receives outstanding
 * @param autoStartup whether the container starts with the application
 * @param create whether receiving creates a missing queue
 * @param shutdownTimeout how long a stop waits for messages in processing before returning them to the queue
 * @param retry retries of a failing listener
 * @param batch how a batch listener gathers its messages; unused by other listeners
 */
public record QueueListenerContainerOptions(int concurrency, boolean autoStartup, boolean create,
		Duration shutdownTimeout, RetrySettings retry, BatchSettings batch) {

	/** Concurrency 1, auto-startup, queues created, 10 s shutdown timeout, default retry and batch settings. */
	public static final QueueListenerContainerOptions DEFAULTS = new QueueListenerContainerOptions(1, true, true,
			Duration.ofSeconds(10), RetrySettings.DEFAULTS, BatchSettings.DEFAULTS);

	public QueueListenerContainerOptions {
		if (concurrency < 1) {
			throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
		}
		if (shutdownTimeout.isNegative()) {
			throw new IllegalArgumentException("shutdownTimeout must not be negative, was " + shutdownTimeout);
		}
	}

	/** Options with the default batch settings. */
	public QueueListenerContainerOptions(int concurrency, boolean autoStartup, boolean create,
			Duration shutdownTimeout, RetrySettings retry) {
		this(concurrency, autoStartup, create, shutdownTimeout, retry, BatchSettings.DEFAULTS);
	}

	public QueueListenerContainerOptions withConcurrency(int concurrency) {
		return new QueueListenerContainerOptions(concurrency, this.autoStartup, this.create, this.shutdownTimeout,
				this.retry, this.batch);
	}

	public QueueListenerContainerOptions withAutoStartup(boolean autoStartup) {
		return new QueueListenerContainerOptions(this.concurrency, autoStartup, this.create, this.shutdownTimeout,
				this.retry, this.batch);
	}

	public QueueListenerContainerOptions withCreate(boolean create) {
		return new QueueListenerContainerOptions(this.concurrency, this.autoStartup, create, this.shutdownTimeout,
				this.retry, this.batch);
	}

	public QueueListenerContainerOptions withShutdownTimeout(Duration shutdownTimeout) {
		return new QueueListenerContainerOptions(this.concurrency, this.autoStartup, this.create, shutdownTimeout,
				this.retry, this.batch);
	}

	public QueueListenerContainerOptions withRetry(RetrySettings retry) {
		return new QueueListenerContainerOptions(this.concurrency, this.autoStartup, this.create, this.shutdownTimeout,
				retry, this.batch);
	}

	public QueueListenerContainerOptions withBatch(BatchSettings batch) {
		return new QueueListenerContainerOptions(this.concurrency, this.autoStartup, this.create, this.shutdownTimeout,
				this.retry, batch);
	}

}
