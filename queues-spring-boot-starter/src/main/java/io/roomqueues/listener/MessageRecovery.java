package io.roomqueues.listener;

import io.roomqueues.client.RoomClosedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a failed message to the recoverer and holds it until the recoverer took it: while the room is unreachable
 * the message waits on its slot. When the room refuses the recovery for good (no grant on the dead-letter queue),
 * the container must stop: the message goes back to its own queue, or a failed reply to its reply queue.
 */
final class MessageRecovery {

	private static final Logger logger = LoggerFactory.getLogger(MessageRecovery.class);

	private final String listenerId;

	private final String queue;

	private final QueueMessageRecoverer recoverer;

	private final HeldRetry retry;

	private final ListenerStatistics statistics;

	private final MessageLog log;

	MessageRecovery(String listenerId, String queue, QueueMessageRecoverer recoverer, HeldRetry retry,
			ListenerStatistics statistics, MessageLog log) {
		this.listenerId = listenerId;
		this.queue = queue;
		this.recoverer = recoverer;
		this.retry = retry;
		this.statistics = statistics;
		this.log = log;
	}

	/**
	 * Recovers a failed message, waiting as long as the room is unreachable.
	 * @throws InterruptedException if a stop gave up on the message meanwhile
	 * @throws ContainerFailedException if the room refused the recovery for good
	 */
	void recover(FailedMessage failed) throws InterruptedException, ContainerFailedException {
		String described = this.log.describe(this.queue, this.listenerId, failed.message());
		Throwable refusal = this.retry.run(() -> this.recoverer.recover(failed),
				() -> "Recovering " + (failed.isReply() ? "the reply to " : "") + "the " + described);
		if (refusal == null) {
			this.statistics.recordRecovered();
			return;
		}
		ListenerFailure failure = Failures.describe(refusal, "recover", this.queue);
		FailedReply reply = failed.reply();
		if (reply != null) {
			logger.error("Could not dead-letter the reply to the {}: {}; the reply goes back to queue '{}' or to the "
					+ "client's UnreturnedMessageHandler, and the listener stops", described, failure.description(),
					reply.queue());
			throw new ContainerFailedException(failure, reply.queue(), reply.asQueueMessage());
		}
		if (refusal instanceof RoomClosedException) {
			logger.warn("Could not recover the {}: the room client closed; sending it back to its queue", described);
		}
		else {
			logger.error("Could not recover the {}: {}; sending it back to its queue and stopping the listener", described,
					failure.description());
		}
		throw new ContainerFailedException(failure, this.queue, failed.message());
	}

}
