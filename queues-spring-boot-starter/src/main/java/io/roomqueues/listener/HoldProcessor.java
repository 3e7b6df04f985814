package io.roomqueues.listener;

/**
 * Takes the messages a receive slot holds to the end: {@link MessageProcessor} for one message, {@link BatchProcessor}
 * for a batch.
 */
@FunctionalInterface
interface HoldProcessor {

	/**
	 * Processes the messages until each succeeded or was recovered, releasing each from the hold once it must no
	 * longer go back to its queue.
	 * @throws InterruptedException if a stop gave up on them; the stop sends back those still held
	 * @throws ContainerFailedException if the room refused a recovery for good
	 */
	void process(Hold held) throws InterruptedException, ContainerFailedException;

}
