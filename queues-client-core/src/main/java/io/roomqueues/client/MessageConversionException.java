package io.roomqueues.client;

import tools.jackson.databind.node.ObjectNode;

/**
 * A received message could not be converted to the requested type. The raw message is kept here, since it has
 * already left the queue.
 */
public class MessageConversionException extends RoomException {

	private static final long serialVersionUID = 1L;

	private final transient ObjectNode rawMessage;

	private final String queue;

	private final Class<?> targetType;

	public MessageConversionException(String queue, Class<?> targetType, ObjectNode rawMessage, Throwable cause) {
		super("message from queue '" + queue + "' could not be converted to " + targetType.getName() + ": "
				+ cause.getMessage(), null, cause);
		this.queue = queue;
		this.targetType = targetType;
		this.rawMessage = rawMessage;
	}

	/** The message as it arrived. */
	public ObjectNode rawMessage() {
		return this.rawMessage;
	}

	public String queue() {
		return this.queue;
	}

	public Class<?> targetType() {
		return this.targetType;
	}

}
