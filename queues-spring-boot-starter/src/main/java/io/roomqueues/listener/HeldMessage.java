package io.roomqueues.listener;

/**
 * A receive slot's hold on the message it processes: while held, a stop that gives up on the message sends it back
 * to its queue.
 */
@FunctionalInterface
interface HeldMessage {

	/**
	 * Gives up the hold, for a message that was processed or that another step now owns.
	 * @return false if a stop has already taken the message back
	 */
	boolean release();

}
