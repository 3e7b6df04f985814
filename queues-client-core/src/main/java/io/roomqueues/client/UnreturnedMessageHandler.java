package io.roomqueues.client;

import tools.jackson.databind.node.ObjectNode;

/**
 * Takes a message the client received for nobody (its receive was abandoned, or it arrived while closing) and could
 * not send back to its queue: the token does not allow sending there, or the room was unreachable when the client
 * closed. The message exists nowhere else, so an application that must not lose it stores it here. The default logs
 * the queue and the message size, never its body.
 */
@FunctionalInterface
public interface UnreturnedMessageHandler {

	/**
	 * @param queue the queue the message came from
	 * @param message the message
	 * @param cause why it could not be sent back
	 */
	void unreturned(String queue, ObjectNode message, Throwable cause);

}
