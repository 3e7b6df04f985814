package io.roomqueues.listener;

import java.nio.charset.StandardCharsets;

import tools.jackson.databind.JsonNode;

/**
 * Names a message in a log line by its queue, listener and size; its body only with
 * {@code queues.listener.log-message-bodies}, since bodies may carry personal or secret data.
 */
final class MessageLog {

	private final boolean bodies;

	MessageLog(boolean bodies) {
		this.bodies = bodies;
	}

	/** Such as {@code message from queue 'orders' (listener 'orders', 123 bytes)}. */
	String describe(String queue, String listenerId, JsonNode message) {
		String json = message.toString();
		int size = json.getBytes(StandardCharsets.UTF_8).length;
		return "message from queue '" + queue + "' (listener '" + listenerId + "', " + size + " bytes)"
				+ (this.bodies ? ": " + json : "");
	}

	boolean bodies() {
		return this.bodies;
	}

}
