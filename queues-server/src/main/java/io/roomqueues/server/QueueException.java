package io.roomqueues.server;

import io.roomqueues.protocol.ErrorContent;

/**
 * A queue operation that failed in a way the client is told about, with a MeshAgent error code.
 */
final class QueueException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final int code;

	QueueException(int code, String message) {
		super(message, null, false, false);
		this.code = code;
	}

	int code() {
		return this.code;
	}

	ErrorContent toContent() {
		return new ErrorContent(getMessage(), this.code);
	}

}
