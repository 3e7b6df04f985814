package io.roomqueues.server;

import java.util.UUID;

import io.roomqueues.protocol.ErrorCodes;
import io.roomqueues.protocol.ErrorContent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a request whose handler failed unexpectedly with a generic text and an error id; the details, which may
 * say more about the server than a client should know, go to the server log under the same id.
 */
final class InternalErrors {

	private static final Logger logger = LoggerFactory.getLogger(InternalErrors.class);

	private InternalErrors() {
	}

	static ErrorContent report(long requestId, String type, RuntimeException failure) {
		String errorId = UUID.randomUUID().toString();
		logger.error("Request {} of type '{}' failed (error id {})", requestId, type, errorId, failure);
		return new ErrorContent("internal server error (error id " + errorId + "); the server log has the details",
				ErrorCodes.OPERATION_FAILED);
	}

}
