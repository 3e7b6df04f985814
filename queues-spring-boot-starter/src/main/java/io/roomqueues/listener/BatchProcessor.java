package io.roomqueues.listener;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import io.roomqueues.observation.TraceContext;
import org.springframework.util.backoff.BackOffExecution;
import tools.jackson.databind.node.ObjectNode;

/**
 * Takes a batch to the end. The listener gets the whole batch, retried with backoff; a batch that failed every
 * attempt, or with a failure no attempt can fix, goes on message by message, each with attempts of its own, so only
 * a message that fails alone is recovered. A {@link BatchListenerFailedException} splits the batch at its index: the
 * messages before it count as processed, and the failed one is retried with those after it until it alone is
 * recovered. Statistics count messages, not batches.
 */
final class BatchProcessor implements HoldProcessor {

	private final ListenerAttempts attempts;

	private final MessageProcessor single;

	private final ListenerStatistics statistics;

	BatchProcessor(ListenerAttempts attempts, MessageProcessor single, ListenerStatistics statistics) {
		this.attempts = attempts;
		this.single = single;
		this.statistics = statistics;
	}

	@Override
	public void process(Hold held) throws InterruptedException, ContainerFailedException {
		List<ObjectNode> remaining = held.messages();
		Map<ObjectNode, ObjectNode> traces = new IdentityHashMap<>();
		for (ObjectNode message : remaining) {
			ObjectNode trace = TraceContext.strip(message);
			if (trace != null) {
				traces.put(message, trace);
			}
		}
		BackOffExecution backOff = this.attempts.backOff();
		// what failed last (the batch, or its first message after a split) and how often in a row
		Object failing = null;
		int failures = 0;
		while (!remaining.isEmpty()) {
			try {
				this.attempts.invoke(remaining, failures + 1, null);
			}
			catch (Throwable ex) {
				if (ex instanceof InterruptedException interrupt
						&& ListenerAttempts.givenUpByStop(held, remaining.get(0))) {
					throw interrupt;
				}
				Throwable failure = Failures.unwrap(ex);
				int split = splitIndex(failure, remaining.size());
				if (split < 0) {
					failures = (failing == remaining) ? failures + 1 : 1;
					failing = remaining;
					if (!this.attempts.retries(failure, failures)) {
						oneByOne(remaining, traces, held);
						return;
					}
				}
				else {
					processed(remaining.subList(0, split), held);
					remaining = List.copyOf(remaining.subList(split, remaining.size()));
					ObjectNode first = remaining.get(0);
					failures = (failing == first) ? failures + 1 : 1;
					failing = first;
					Throwable cause = ListenerAttempts.failure(failure);
					if (!this.attempts.retries(cause, failures)) {
						this.single.recover(first, cause, failures, held);
						remaining = List.copyOf(remaining.subList(1, remaining.size()));
						failing = null;
						failures = 0;
						backOff = this.attempts.backOff();
						continue;
					}
				}
				this.attempts.pause(backOff, failures, failure, remaining.size());
				continue;
			}
			processed(remaining, held);
			return;
		}
	}

	/**
	 * Where a failure splits the batch: the index a {@link BatchListenerFailedException} names, 0 for any failure of a
	 * batch of one, or -1 when the batch failed as a whole.
	 */
	private static int splitIndex(Throwable failure, int size) {
		if (size == 1) {
			return 0;
		}
		if (failure instanceof BatchListenerFailedException split && split.getIndex() >= 0
				&& split.getIndex() < size) {
			return split.getIndex();
		}
		return -1;
	}

	private void oneByOne(List<ObjectNode> messages, Map<ObjectNode, ObjectNode> traces, Hold held)
			throws InterruptedException, ContainerFailedException {
		for (ObjectNode message : messages) {
			if (Thread.currentThread().isInterrupted() || !held.holds(message)) {
				// a stop gave up on the batch and sent back what it held
				throw new InterruptedException();
			}
			this.single.process(message, traces.get(message), List.of(message), held);
		}
	}

	private void processed(List<ObjectNode> messages, Hold held) {
		messages.forEach(held::release);
		this.statistics.recordProcessed(messages.size());
	}

}
