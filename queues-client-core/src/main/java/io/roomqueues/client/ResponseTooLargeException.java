package io.roomqueues.client;

import io.roomqueues.protocol.ErrorCodes;

/**
 * The answer to a request was larger than this client accepts, so it was read past and discarded; for a receive
 * that means the message it carried. Not retryable: the same message would be too large again.
 */
public class ResponseTooLargeException extends RoomException {

	private static final long serialVersionUID = 1L;

	private final long limit;

	public ResponseTooLargeException(String request, long limit) {
		super("the answer to " + request + " is larger than this client's maximum message size of " + limit
				+ " bytes (RoomClientBuilder.maxMessageSize, queues.room.max-message-size) and was discarded; the "
				+ "room server accepts messages up to its own limit (the embedded server's --max-message-size, 16 MiB "
				+ "by default), so set the client's limit at least as high as the server's", ErrorCodes.INVALID_REQUEST);
		this.limit = limit;
	}

	/** This client's maximum message size in bytes. */
	public long limit() {
		return this.limit;
	}

}
