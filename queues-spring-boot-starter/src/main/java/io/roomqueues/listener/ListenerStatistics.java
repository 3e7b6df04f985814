package io.roomqueues.listener;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Running counts of what one listener container did with its messages.
 */
public final class ListenerStatistics {

	private final AtomicLong processed = new AtomicLong();

	private final AtomicLong failed = new AtomicLong();

	private final AtomicLong retries = new AtomicLong();

	private final AtomicLong recovered = new AtomicLong();

	private final AtomicLong returned = new AtomicLong();

	private final AtomicLong sendRetries = new AtomicLong();

	/** Messages the listener processed successfully. */
	public long getProcessed() {
		return this.processed.get();
	}

	/** {@return messages that failed every attempt} */
	public long getFailed() {
		return this.failed.get();
	}

	/** {@return attempts repeated after a failure} */
	public long getRetries() {
		return this.retries.get();
	}

	/** {@return failed messages the recoverer took, such as those sent to the dead-letter queue} */
	public long getRecovered() {
		return this.recovered.get();
	}

	/**
	 * Messages this container sent back to their queue: taken by a receive as it was paused or stopped, still in
	 * processing at the shutdown timeout, or refused by the dead-letter queue. Messages that reach receives the
	 * container gave up on are sent back by the room client and are not counted here.
	 */
	public long getReturned() {
		return this.returned.get();
	}

	/** Dead letters and replies tried again because the room could not take them yet. */
	public long getSendRetries() {
		return this.sendRetries.get();
	}

	void recordProcessed(int messages) {
		this.processed.addAndGet(messages);
	}

	void recordFailed() {
		this.failed.incrementAndGet();
	}

	void recordRetries(int messages) {
		this.retries.addAndGet(messages);
	}

	void recordRecovered() {
		this.recovered.incrementAndGet();
	}

	void recordReturned() {
		this.returned.incrementAndGet();
	}

	void recordSendRetry() {
		this.sendRetries.incrementAndGet();
	}

}
