package io.roomqueues.listener;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs a failed message, content included, and drops it. Chosen explicitly only
 * ({@code queues.listener.dead-letter-enabled=false} or a bean), since the message is gone afterwards.
 */
public class LoggingMessageRecoverer implements QueueMessageRecoverer {

	private static final Logger logger = LoggerFactory.getLogger(LoggingMessageRecoverer.class);

	@Override
	public void recover(FailedMessage failed) {
		logger.error("Dropping message from queue '{}' after {} attempts by listener '{}': {}", failed.queue(),
				failed.attempts(), failed.listenerId(), failed.message(), failed.exception());
	}

}
