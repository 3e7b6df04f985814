package io.roomqueues.listener;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.roomqueues.client.QueuesClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sends a failed message to the dead-letter queue {@code <queue><suffix>} (by default {@code <queue>.dlq}), wrapped
 * with the error so it can be inspected and replayed:
 * {@code {"message": {...}, "error": {"stage", "type", "message", "attempts", "listenerId", "queue", "failedAt"}}};
 * replaying is sending {@code message} back to {@code error.queue}. {@code error.stage} is {@code listener} when the
 * listener failed, and {@code reply} when the listener succeeded but its {@code @SendTo} reply could not be sent:
 * such a letter also holds {@code "reply": {"queue", "message"}}, and replaying it is sending {@code reply.message}
 * to {@code reply.queue}, never running the listener again.
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

	/**
	 * Sends the dead letter.
	 * @throws QueueOperationException naming the dead-letter queue, with the client's exception as its cause, if the
	 * room did not take it
	 */
	@Override
	public void recover(FailedMessage failed) throws Exception {
		String deadLetterQueue = deadLetterQueue(failed.queue());
		try {
			this.queues.send(deadLetterQueue, wrap(failed)).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			throw new QueueOperationException("send", deadLetterQueue, Failures.unwrap(ex));
		}
		logger.warn("Dead-lettered {} from queue '{}' to '{}' after {} attempt(s): {}",
				failed.isReply() ? "the reply to a message" : "a message", failed.queue(), deadLetterQueue,
				failed.attempts(), FailureDescriptions.describe(failed.exception(), false));
	}

	/**
	 * Wraps a failed message with its error, as it is sent to the dead-letter queue.
	 * @param failed the message that failed
	 * @return {@code {"message": ..., "error": {...}}}
	 */
	public ObjectNode wrap(FailedMessage failed) {
		ObjectNode letter = this.queues.toObject(Map.of());
		letter.set("message", failed.message());
		FailedReply reply = failed.reply();
		if (reply != null) {
			ObjectNode replyNode = letter.putObject("reply");
			replyNode.put("queue", reply.queue());
			replyNode.set("message", reply.message());
		}
		ObjectNode error = letter.putObject("error");
		error.put("stage", (reply != null) ? "reply" : "listener");
		error.put("type", failed.exception().getClass().getName());
		error.put("message", FailureDescriptions.describe(failed.exception()));
		error.put("attempts", failed.attempts());
		error.put("listenerId", failed.listenerId());
		error.put("queue", failed.queue());
		error.put("failedAt", failed.failedAt().toString());
		return letter;
	}

	/**
	 * A recoverer that sends every dead letter to one queue, whatever queue its message came from.
	 * @param queues the client that sends the dead letters
	 * @param deadLetterQueue the queue
	 * @return the recoverer
	 */
	public static DeadLetterQueueRecoverer toQueue(QueuesClient queues, String deadLetterQueue) {
		return new OneQueue(queues, deadLetterQueue);
	}

	private static final class OneQueue extends DeadLetterQueueRecoverer {

		private final String deadLetterQueue;

		private OneQueue(QueuesClient queues, String deadLetterQueue) {
			super(queues, "");
			this.deadLetterQueue = deadLetterQueue;
		}

		@Override
		public String deadLetterQueue(String queue) {
			return this.deadLetterQueue;
		}

	}

}
