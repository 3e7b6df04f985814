package io.roomqueues.bench;

import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.function.LongFunction;

import io.roomqueues.client.QueuesClient;

/** Fills queues with numbered messages before a receive mode, pipelined over the mode's connection, not measured. */
final class QueuePrefill {

	private static final int IN_FLIGHT = 256;

	private QueuePrefill() {
	}

	/**
	 * Sends messages {@code 0..total-1}, message {@code i} to queue {@code prefix + (i % queueCount)}.
	 * @return the seconds it took
	 * @throws IllegalStateException when sends stall or fail
	 */
	static double fill(QueuesClient queues, String prefix, int queueCount, int total) throws InterruptedException {
		return fill(queues, (i) -> prefix + (i % queueCount), total);
	}

	/**
	 * Sends messages {@code 0..total-1}, message {@code i} to queue {@code queueOf(i)}.
	 * @return the seconds it took
	 * @throws IllegalStateException when sends stall or fail
	 */
	static double fill(QueuesClient queues, IntFunction<String> queueOf, int total) throws InterruptedException {
		return fill(queues, queueOf, total, BenchMessage::numbered);
	}

	/**
	 * Sends messages {@code message(0)..message(total-1)}, message {@code i} to queue {@code queueOf(i)}.
	 * @return the seconds it took
	 * @throws IllegalStateException when sends stall or fail
	 */
	static double fill(QueuesClient queues, IntFunction<String> queueOf, int total,
			LongFunction<Map<String, Object>> message) throws InterruptedException {
		long fillStart = System.nanoTime();
		Semaphore fill = new Semaphore(IN_FLIGHT);
		AtomicLong fillErrors = new AtomicLong();
		for (int i = 0; i < total; i++) {
			if (!fill.tryAcquire(Pipeline.STALL.toSeconds(), TimeUnit.SECONDS)) {
				throw new IllegalStateException("pre-fill stalled with " + IN_FLIGHT + " sends in flight");
			}
			queues.send(queueOf.apply(i), message.apply(i)).whenComplete((v, error) -> {
				if (error != null) {
					fillErrors.incrementAndGet();
				}
				fill.release();
			});
		}
		if (!fill.tryAcquire(IN_FLIGHT, Pipeline.STALL.toSeconds(), TimeUnit.SECONDS)) {
			throw new IllegalStateException(
					"pre-fill: " + (IN_FLIGHT - fill.availablePermits()) + " sends never completed");
		}
		if (fillErrors.get() > 0) {
			throw new IllegalStateException(fillErrors.get() + " pre-fill sends failed");
		}
		return (System.nanoTime() - fillStart) / 1e9;
	}

}
