package io.roomqueues.listener;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.roomqueues.client.QueuesClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sends a failed message to the dead-letter queue {@code <queue><suffix>} (by default {@code <queue>.dlq}), wrapped
 * with the error so it can be inspected and replayed:
 * {@code {"message": {...}, "error": {"type", "message", "attempts", "listenerId", "queue", "failedAt"}}}; replaying is
 * sending {@code message} back to {@code error.queue}.
 */
public class DeadLetterQueueRecoverer implements QueueMessageRecoverer {

	private static final Logger logger = LoggerFactory.getLogger(DeadLetterQueueRecoverer.class);

	private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

	private final QueuesClient queues;

	private final String suffix;

	/**
	 * Creates a recoverer.
	 * @param queues the client that sends the dead letters
	 * @param suffix appended to a queue's name to name its dead-letter queue
	 */
	public DeadLetterQueueRecoverer(QueuesClient queues, String suffix) {
		this.queues = queues;
		this.suffix = suffix;
	}

	/**
	 * Names the dead-letter queue of a queue.
	 * @param queue the queue a failed message came from
	 * @return the name of its dead-letter queue
	 */
	public String deadLetterQueue(String queue) {
		return queue + this.suffix;
	}

	@Override
	public void recover(FailedMessage failed) throws Exception {
		String deadLetterQueue = deadLetterQueue(failed.queue());
		this.queues.send(deadLetterQueue, wrap(failed)).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		logger.warn("Dead-lettered a message from queue '{}' to '{}' after {} attempt(s): {}", failed.queue(),
				deadLetterQueue, failed.attempts(), FailureDescriptions.describe(failed.exception()));
	}

	/**
	 * Wraps a failed message with its error, as it is sent to the dead-letter queue.
	 * @param failed the message that failed
	 * @return {@code {"message": ..., "error": {...}}}
	 */
	public ObjectNode wrap(FailedMessage failed) {
		ObjectNode letter = this.queues.toObject(java.util.Map.of());
		letter.set("message", failed.message());
		ObjectNode error = letter.putObject("error");
		error.put("type", failed.exception().getClass().getName());
		error.put("message", FailureDescriptions.describe(failed.exception()));
		error.put("attempts", failed.attempts());
		error.put("listenerId", failed.listenerId());
		error.put("queue", failed.queue());
		error.put("failedAt", failed.failedAt().toString());
		return letter;
	}

}
