package io.roomqueues.listener;

import java.time.Instant;
import java.util.Map;

import io.roomqueues.client.QueuesClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sends the return value of a listener that succeeded to its {@code @SendTo} queue, apart from the listener: a send
 * that fails is tried again on its own, waiting for the room while it is unreachable, and never runs the listener
 * again. A reply the room refuses for good is dead-lettered as a reply.
 */
final class ReplySender {

	private static final Logger logger = LoggerFactory.getLogger(ReplySender.class);

	private final String listenerId;

	private final String queue;

	private final String replyQueue;

	private final QueuesClient queues;

	private final HeldRetry retry;

	private final MessageRecovery recovery;

	private final MessageLog log;

	ReplySender(String listenerId, String queue, String replyQueue, QueuesClient queues, HeldRetry retry,
			MessageRecovery recovery, MessageLog log) {
		this.listenerId = listenerId;
		this.queue = queue;
		this.replyQueue = replyQueue;
		this.queues = queues;
		this.retry = retry;
		this.recovery = recovery;
		this.log = log;
	}

	/**
	 * Sends the reply to a message the listener processed.
	 * @throws InterruptedException if a stop gave up meanwhile; the reply then goes back through the client, which
	 * sends it once the room is reachable or hands it to its {@code UnreturnedMessageHandler}
	 * @throws ContainerFailedException if the reply could neither be sent nor dead-lettered
	 */
	void send(ObjectNode message, int attempts, Object result) throws InterruptedException, ContainerFailedException {
		ObjectNode reply;
		try {
			reply = this.queues.toObject(result);
		}
		catch (IllegalArgumentException ex) {
			deadLetter(message, attempts, ex, json(result));
			return;
		}
		Throwable refusal;
		try {
			refusal = this.retry.run(() -> this.queues.send(this.replyQueue, reply).get(),
					() -> "Sending the reply to the " + this.log.describe(this.queue, this.listenerId, message) + " to queue '"
							+ this.replyQueue + "'");
		}
		catch (InterruptedException ex) {
			this.queues.returnToQueue(this.replyQueue, reply);
			throw ex;
		}
		if (refusal != null) {
			deadLetter(message, attempts, refusal, reply);
		}
	}

	private void deadLetter(ObjectNode message, int attempts, Throwable refusal, JsonNode reply)
			throws InterruptedException, ContainerFailedException {
		logger.warn("The reply to the {} cannot be sent to queue '{}': {}; dead-lettering it as a reply",
				this.log.describe(this.queue, this.listenerId, message), this.replyQueue, refusal.getMessage());
		FailedReply failed = new FailedReply(this.replyQueue, reply);
		try {
			this.recovery.recover(new FailedMessage(this.queue, this.listenerId, message, refusal, attempts,
					Instant.now(), failed));
		}
		catch (InterruptedException ex) {
			// a stop gave up while the dead letter was still being tried: the reply goes back as the first send's does
			this.queues.returnToQueue(this.replyQueue, failed.asQueueMessage());
			throw ex;
		}
	}

	private JsonNode json(Object result) {
		try {
			return this.queues.toObject(Map.of("value", result)).get("value");
		}
		catch (RuntimeException ex) {
			return this.queues.toObject(Map.of("value", String.valueOf(result))).get("value");
		}
	}

}
