package io.roomqueues.listener;

/**
 * A queue operation of a recoverer failed; it names the operation and the queue, so that a refusal for good can say
 * which grant the token lacks. The cause is the client's exception.
 */
public class QueueOperationException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String operation;

	private final String queue;

	public QueueOperationException(String operation, String queue, Throwable cause) {
		super(operation + " on queue '" + queue + "' failed: " + cause.getMessage(), cause);
		this.operation = operation;
		this.queue = queue;
	}

	/** The operation, such as {@code send}. */
	public String getOperation() {
		return this.operation;
	}

	public String getQueue() {
		return this.queue;
	}

}
