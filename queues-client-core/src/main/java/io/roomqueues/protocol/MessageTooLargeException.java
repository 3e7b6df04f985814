package io.roomqueues.protocol;

/**
 * Signals a message whose payload passed the configured maximum size; its remaining frames are skipped, so the
 * connection can go on.
 */
public class MessageTooLargeException extends ProtocolException {

	private static final long serialVersionUID = 1L;

	private final long messageId;

	private final String messageType;

	private final long limit;

	public MessageTooLargeException(long messageId, String messageType, long limit) {
		super("message " + messageId + " (" + messageType + ") exceeds the maximum message size of " + limit
				+ " bytes");
		this.messageId = messageId;
		this.messageType = messageType;
		this.limit = limit;
	}

	/** Id of the oversized message, so a receiver can answer its sender. */
	public long messageId() {
		return this.messageId;
	}

	/** Type of the oversized message. */
	public String messageType() {
		return this.messageType;
	}

	/** The size limit in bytes that the message passed. */
	public long limit() {
		return this.limit;
	}

}
