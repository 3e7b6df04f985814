package io.roomqueues.listener;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs a failed message and drops it: its queue, listener and size, and its body only with
 * {@code queues.listener.log-message-bodies}. Chosen explicitly only ({@code queues.listener.dead-letter-enabled=false}
 * or a bean), since the message is gone afterwards.
 */
public class LoggingMessageRecoverer implements QueueMessageRecoverer {

	private static final Logger logger = LoggerFactory.getLogger(LoggingMessageRecoverer.class);

	private final MessageLog log;

	private final boolean logBodies;

	/** A recoverer that never logs message bodies. */
	public LoggingMessageRecoverer() {
		this(false);
	}

	/**
	 * @param logBodies whether to log the body of a dropped message
	 */
	public LoggingMessageRecoverer(boolean logBodies) {
		this.log = new MessageLog(logBodies);
		this.logBodies = logBodies;
	}

	@Override
	public void recover(FailedMessage failed) {
		String why = FailureDescriptions.describe(failed.exception(), this.logBodies);
		// a conversion failure's stack quotes the value that did not convert, which is part of the body
		Throwable stack = (this.logBodies || !why.startsWith(FailureDescriptions.CONVERSION)) ? failed.exception() : null;
		logger.error("Dropping the {} after {} attempt(s){}: {}", this.log.describe(failed.queue(), failed.listenerId(),
				failed.message()), failed.attempts(), failed.isReply() ? " (its reply could not be sent)" : "", why,
				stack);
	}

}
