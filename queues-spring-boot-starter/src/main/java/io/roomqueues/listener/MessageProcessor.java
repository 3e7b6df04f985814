package io.roomqueues.listener;

import java.time.Instant;

import io.roomqueues.observation.TraceContext;
import org.jspecify.annotations.Nullable;
import org.springframework.util.backoff.BackOffExecution;
import tools.jackson.databind.node.ObjectNode;

/**
 * Takes one message to the end: calls the listener, retrying failures with backoff unless they cannot succeed, hands
 * a message that failed every attempt to its recovery, and forwards the return value of a listener that succeeded to
 * the reply queue, apart from the listener so a failed reply never runs it again.
 */
final class MessageProcessor implements HoldProcessor {

	private final ListenerAttempts attempts;

	private final ListenerStatistics statistics;

	private final MessageRecovery recovery;

	private final @Nullable ReplySender replies;

	MessageProcessor(ListenerAttempts attempts, ListenerStatistics statistics, MessageRecovery recovery,
			@Nullable ReplySender replies) {
		this.attempts = attempts;
		this.statistics = statistics;
		this.recovery = recovery;
		this.replies = replies;
	}

	@Override
	public void process(Hold held) throws InterruptedException, ContainerFailedException {
		ObjectNode message = held.messages().get(0);
		process(message, TraceContext.strip(message), message, held);
	}

	/**
	 * Processes one message until it succeeded (its reply sent) or was recovered.
	 * @param trace the trace context the message carried
	 * @param payload what the listener gets: the message, or a list of it alone for a batch listener
	 * @param held the slot's hold, released once the message must no longer go back to its queue
	 * @throws InterruptedException if a stop gave up on the message; the stop sends it back unless released
	 * @throws ContainerFailedException if the room refused the recovery for good
	 */
	void process(ObjectNode message, @Nullable ObjectNode trace, Object payload, Hold held)
			throws InterruptedException, ContainerFailedException {
		BackOffExecution backOff = this.attempts.backOff();
		for (int attempt = 1;; attempt++) {
			Object result;
			try {
				result = this.attempts.invoke(payload, attempt, trace);
			}
			catch (Throwable ex) {
				if (ex instanceof InterruptedException interrupt
						&& ListenerAttempts.givenUpByStop(held, message)) {
					throw interrupt;
				}
				// Errors included: a message that overflows the stack is a poison message like any other
				Throwable failure = ListenerAttempts.failure(ex);
				if (!this.attempts.retries(failure, attempt)) {
					recover(message, failure, attempt, held);
					return;
				}
				this.attempts.pause(backOff, attempt, failure, 1);
				continue;
			}
			// processed: from here on the message must not go back to its queue, or the listener would run again
			held.release(message);
			this.statistics.recordProcessed(1);
			if (result != null && this.replies != null) {
				this.replies.send(message, attempt, result);
			}
			return;
		}
	}

	/** Hands a message that failed for good to its recovery, and holds it until the recoverer has it. */
	void recover(ObjectNode message, Throwable failure, int attempts, Hold held)
			throws InterruptedException, ContainerFailedException {
		this.statistics.recordFailed();
		this.recovery.recover(new FailedMessage(this.attempts.queue(), this.attempts.listenerId(), message, failure,
				attempts, Instant.now()));
		held.release(message);
	}

}
