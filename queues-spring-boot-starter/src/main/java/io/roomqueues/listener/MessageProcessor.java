package io.roomqueues.listener;

import java.time.Instant;
import java.util.function.Predicate;

import io.roomqueues.observation.ListenerObservations;
import io.roomqueues.observation.TraceContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.backoff.BackOffExecution;
import tools.jackson.databind.node.ObjectNode;

/**
 * Takes one message to the end: calls the listener, retrying failures with backoff unless they cannot succeed, hands
 * a message that failed every attempt to its recovery, and forwards the return value of a listener that succeeded to
 * the reply queue, apart from the listener so a failed reply never runs it again.
 */
final class MessageProcessor {

	private static final Logger logger = LoggerFactory.getLogger(MessageProcessor.class);

	private final String listenerId;

	private final String queue;

	private final ListenerInvoker invoker;

	private final RetrySettings retry;

	private final Predicate<Throwable> nonRetryable;

	private final ListenerStatistics statistics;

	private final ListenerObservations observations;

	private final MessageRecovery recovery;

	private final @Nullable ReplySender replies;

	MessageProcessor(String listenerId, String queue, ListenerInvoker invoker, RetrySettings retry,
			Predicate<Throwable> nonRetryable, ListenerStatistics statistics, ListenerObservations observations,
			MessageRecovery recovery, @Nullable ReplySender replies) {
		this.listenerId = listenerId;
		this.queue = queue;
		this.invoker = invoker;
		this.retry = retry;
		this.nonRetryable = nonRetryable;
		this.statistics = statistics;
		this.observations = observations;
		this.recovery = recovery;
		this.replies = replies;
	}

	/**
	 * Processes a message until it succeeded (its reply sent) or was recovered.
	 * @param held the slot's hold on the message, released once the message must no longer go back to its queue
	 * @throws InterruptedException if a stop gave up on the message; the stop sends it back unless released
	 * @throws ContainerFailedException if the room refused the recovery for good
	 */
	void process(ObjectNode message, HeldMessage held) throws InterruptedException, ContainerFailedException {
		ObjectNode trace = TraceContext.strip(message);
		BackOffExecution backOff = this.retry.backOff().start();
		for (int attempt = 1;; attempt++) {
			Object result;
			try {
				int current = attempt;
				result = this.observations.observe(this.listenerId, this.queue, attempt, trace,
						() -> this.invoker.invoke(message, current));
			}
			catch (InterruptedException ex) {
				throw ex;
			}
			catch (Throwable ex) {
				// Errors included: a message that overflows the stack is a poison message like any other
				Throwable failure = Failures.unwrap(ex);
				if (this.nonRetryable.test(failure) || attempt >= this.retry.maxAttempts()) {
					this.statistics.recordFailed();
					this.recovery.recover(new FailedMessage(this.queue, this.listenerId, message, failure, attempt,
							Instant.now()));
					held.release();
					return;
				}
				long delay = backOff.nextBackOff();
				logger.debug("Listener '{}' failed attempt {} of {}; retrying in {} ms", this.listenerId, attempt,
						this.retry.maxAttempts(), delay, failure);
				this.statistics.recordRetry();
				Thread.sleep(delay);
				continue;
			}
			// processed: from here on the message must not go back to its queue, or the listener would run again
			held.release();
			this.statistics.recordProcessed();
			if (result != null && this.replies != null) {
				this.replies.send(message, attempt, result);
			}
			return;
		}
	}

}
