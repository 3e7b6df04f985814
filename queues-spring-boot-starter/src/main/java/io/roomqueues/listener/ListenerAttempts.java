package io.roomqueues.listener;

import java.util.function.Predicate;

import io.roomqueues.observation.ListenerObservations;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.backoff.BackOffExecution;
import tools.jackson.databind.node.ObjectNode;

/**
 * The attempts of one listener: each invocation under its observation, whether a failure is worth another attempt
 * (not one no attempt can fix, nor after the last), and the backoff between attempts.
 */
final class ListenerAttempts {

	private static final Logger logger = LoggerFactory.getLogger(ListenerAttempts.class);

	private final String listenerId;

	private final String queue;

	private final ListenerInvoker invoker;

	private final RetrySettings retry;

	private final Predicate<Throwable> nonRetryable;

	private final ListenerStatistics statistics;

	private final ListenerObservations observations;

	ListenerAttempts(String listenerId, String queue, ListenerInvoker invoker, RetrySettings retry,
			Predicate<Throwable> nonRetryable, ListenerStatistics statistics, ListenerObservations observations) {
		this.listenerId = listenerId;
		this.queue = queue;
		this.invoker = invoker;
		this.retry = retry;
		this.nonRetryable = nonRetryable;
		this.statistics = statistics;
		this.observations = observations;
	}

	String listenerId() {
		return this.listenerId;
	}

	String queue() {
		return this.queue;
	}

	/**
	 * One attempt.
	 * @param payload a message, or the list of a batch
	 * @param trace the trace context the message carried, to continue
	 */
	@Nullable Object invoke(Object payload, int attempt, @Nullable ObjectNode trace) throws Exception {
		return this.observations.observe(this.listenerId, this.queue, attempt, trace,
				() -> this.invoker.invoke(payload, attempt));
	}

	/** Whether another attempt follows this failure of the given attempt. */
	boolean retries(Throwable failure, int attempt) {
		return !this.nonRetryable.test(failure) && attempt < this.retry.maxAttempts();
	}

	BackOffExecution backOff() {
		return this.retry.backOff().start();
	}

	/**
	 * Waits before the next attempt.
	 * @param messages how many messages the next attempt repeats, for the statistics
	 * @throws InterruptedException if a stop gave up meanwhile
	 */
	void pause(BackOffExecution backOff, int attempt, Throwable failure, int messages) throws InterruptedException {
		long delay = Math.max(0, backOff.nextBackOff());
		logger.debug("Listener '{}' failed attempt {} of {}; retrying in {} ms", this.listenerId, attempt,
				this.retry.maxAttempts(), delay, failure);
		this.statistics.recordRetries(messages);
		Thread.sleep(delay);
	}

	/**
	 * Whether an {@link InterruptedException} of an attempt is a stop that gave up on the message, which takes the
	 * messages of its slot back before it interrupts the thread. One thrown while the message is still held is a
	 * failure of the listener like any other: its interrupt status is cleared, so the pause before the next attempt
	 * only ends early for a stop that interrupts from now on.
	 */
	static boolean givenUpByStop(Hold held, ObjectNode message) {
		Thread.interrupted();
		return !held.holds(message);
	}

	/**
	 * What failed, for the retry decision and the dead letter: without the wrappers of futures, and the cause a
	 * {@link BatchListenerFailedException} carries.
	 */
	static Throwable failure(Throwable thrown) {
		Throwable failure = Failures.unwrap(thrown);
		if (failure instanceof BatchListenerFailedException split && split.getCause() != null) {
			return Failures.unwrap(split.getCause());
		}
		return failure;
	}

}
