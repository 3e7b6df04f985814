package io.roomqueues.listener;

import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import io.roomqueues.client.QueuesClient;
import io.roomqueues.observation.ListenerObservations;
import io.roomqueues.observation.TraceContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;
import tools.jackson.databind.node.ObjectNode;

/**
 * Takes one message to the end: calls the listener, forwards a return value to the reply queue, retries failures
 * with backoff unless they cannot succeed, and hands a message that failed every attempt to the recoverer.
 */
final class MessageProcessor {

	private static final Logger logger = LoggerFactory.getLogger(MessageProcessor.class);

	private static final long REPLY_TIMEOUT_MILLIS = 30_000;

	private static final int RECOVERY_ATTEMPTS = 5;

	private final String listenerId;

	private final String queue;

	private final ListenerInvoker invoker;

	private final @Nullable String replyQueue;

	private final QueuesClient queues;

	private final RetrySettings retry;

	private final Predicate<Throwable> nonRetryable;

	private final QueueMessageRecoverer recoverer;

	private final ListenerStatistics statistics;

	private final ListenerObservations observations;

	MessageProcessor(String listenerId, String queue, ListenerInvoker invoker, @Nullable String replyQueue,
			QueuesClient queues, RetrySettings retry, Predicate<Throwable> nonRetryable, QueueMessageRecoverer recoverer,
			ListenerStatistics statistics, ListenerObservations observations) {
		this.listenerId = listenerId;
		this.queue = queue;
		this.invoker = invoker;
		this.replyQueue = replyQueue;
		this.queues = queues;
		this.retry = retry;
		this.nonRetryable = nonRetryable;
		this.recoverer = recoverer;
		this.statistics = statistics;
		this.observations = observations;
	}

	/**
	 * Processes a message until it succeeded or was recovered.
	 * @throws InterruptedException if the container gave up on the message; it then returns it to the queue
	 */
	void process(ObjectNode message) throws InterruptedException {
		ObjectNode trace = TraceContext.strip(message);
		BackOffExecution backOff = this.retry.backOff().start();
		int attempt = 0;
		while (true) {
			attempt++;
			try {
				handle(message, attempt, trace);
				this.statistics.recordProcessed();
				return;
			}
			catch (InterruptedException ex) {
				throw ex;
			}
			catch (Throwable ex) {
				// Errors included: a message that overflows the stack is a poison message like any other
				Throwable failure = unwrap(ex);
				if (this.nonRetryable.test(failure) || attempt >= this.retry.maxAttempts()) {
					this.statistics.recordFailed();
					recover(new FailedMessage(this.queue, this.listenerId, message, failure, attempt, Instant.now()));
					return;
				}
				long delay = backOff.nextBackOff();
				logger.debug("Listener '{}' failed attempt {} of {}; retrying in {} ms", this.listenerId, attempt,
						this.retry.maxAttempts(), delay, failure);
				this.statistics.recordRetry();
				Thread.sleep(delay);
			}
		}
	}

	private void handle(ObjectNode message, int attempt, @Nullable ObjectNode trace) throws Exception {
		this.observations.observe(this.listenerId, this.queue, attempt, trace, () -> {
			Object result = this.invoker.invoke(message, attempt);
			if (result != null && this.replyQueue != null) {
				this.queues.send(this.replyQueue, result).get(REPLY_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
			}
			return null;
		});
	}

	private void recover(FailedMessage failed) throws InterruptedException {
		logger.debug("Listener '{}' failed a message from queue '{}' after {} attempt(s)", this.listenerId,
				this.queue, failed.attempts(), failed.exception());
		ExponentialBackOff policy = new ExponentialBackOff(500, 2);
		policy.setMaxInterval(10_000);
		BackOffExecution backOff = policy.start();
		for (int attempt = 1;; attempt++) {
			try {
				this.recoverer.recover(failed);
				this.statistics.recordRecovered();
				return;
			}
			catch (InterruptedException ex) {
				throw ex;
			}
			catch (Exception ex) {
				if (attempt >= RECOVERY_ATTEMPTS) {
					logger.error("Could not recover a message from queue '{}' for listener '{}'; it is logged here so "
							+ "it is not lost: {}", this.queue, this.listenerId, failed.message(), unwrap(ex));
					return;
				}
				Thread.sleep(backOff.nextBackOff());
			}
		}
	}

	private static Throwable unwrap(Throwable ex) {
		return (ex instanceof ExecutionException && ex.getCause() != null) ? ex.getCause() : ex;
	}

}
