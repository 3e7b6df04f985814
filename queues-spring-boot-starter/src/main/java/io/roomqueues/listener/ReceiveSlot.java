package io.roomqueues.listener;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One unit of a container's concurrency: idle, waiting on one receive, or holding one message from its hand-off to
 * the executor until it is processed, recovered or given back.
 *
 * <p>
 * A receive the container no longer wants (pause, stop) is cancelled: the room client then keeps what the server
 * still hands to it for the next receive on the queue, or sends it back, so messages do not bounce.
 */
final class ReceiveSlot {

	private static final Logger logger = LoggerFactory.getLogger(ReceiveSlot.class);

	private enum State {

		IDLE, RECEIVING, PROCESSING

	}

	private final QueueListenerContainer container;

	private State state = State.IDLE;

	private @Nullable CompletableFuture<@Nullable ObjectNode> receive;

	/** The message held, until processed, released to another step or taken back by a stop. */
	private @Nullable ObjectNode message;

	private @Nullable Thread worker;

	private CompletableFuture<Void> idle = CompletableFuture.completedFuture(null);

	ReceiveSlot(QueueListenerContainer container) {
		this.container = container;
	}

	synchronized boolean isProcessing() {
		return this.state == State.PROCESSING;
	}

	/** Issues a receive unless one is outstanding, a message is held, or the container does not accept messages. */
	void receiveIfIdle() {
		synchronized (this) {
			if (this.state != State.IDLE || !this.container.acceptsMessages()) {
				return;
			}
			this.state = State.RECEIVING;
		}
		CompletableFuture<@Nullable ObjectNode> next;
		try {
			next = this.container.receive();
		}
		catch (RuntimeException ex) {
			next = CompletableFuture.failedFuture(ex);
		}
		boolean unwanted;
		synchronized (this) {
			this.receive = next;
			unwanted = !this.container.acceptsMessages();
		}
		if (unwanted) {
			next.cancel(false);
		}
		next.whenComplete(this::received);
	}

	/** Gives up the outstanding receive, if any; what it still gets is the room client's to keep or send back. */
	void cancelReceive() {
		CompletableFuture<@Nullable ObjectNode> outstanding;
		synchronized (this) {
			outstanding = (this.state == State.RECEIVING) ? this.receive : null;
		}
		if (outstanding != null) {
			outstanding.cancel(false);
		}
	}

	/** Completes once no message is held in this slot. */
	synchronized CompletableFuture<Void> whenIdle() {
		return (this.state == State.PROCESSING) ? this.idle : CompletableFuture.completedFuture(null);
	}

	/**
	 * Gives up on the message held, for a stop past its timeout: interrupts its worker, or frees the slot if no worker
	 * runs it yet.
	 * @return the message, for the stop to send back, or {@code null} if none is held any more
	 */
	synchronized @Nullable ObjectNode abandon() {
		if (this.state != State.PROCESSING) {
			return null;
		}
		ObjectNode abandoned = this.message;
		this.message = null;
		if (this.worker != null) {
			this.worker.interrupt();
		}
		else {
			idleLocked();
		}
		return abandoned;
	}

	/** Whether the slot still holds the message, so handing it to the executor is still wanted. */
	synchronized boolean holds(ObjectNode message) {
		return this.message == message;
	}

	/** Runs on the executor: processes the message unless a stop took it back first. */
	void process(ObjectNode received) {
		synchronized (this) {
			if (this.message != received) {
				return;
			}
			this.worker = Thread.currentThread();
		}
		try {
			this.container.process(received, () -> release(received));
		}
		catch (InterruptedException ex) {
			// a stop that gave up on the message took it first and sent it back; if it is still ours, the listener
			// threw this on its own, and the message goes back rather than nowhere
			if (release(received)) {
				logger.warn("Listener '{}' was interrupted while no stop was under way; sending its message back to "
						+ "queue '{}'", this.container.getId(), this.container.getQueue());
				this.container.returnToQueue(received);
			}
		}
		catch (ContainerFailedException ex) {
			this.container.failed(ex, () -> release(received));
		}
		catch (Throwable error) {
			logger.error("Listener '{}' failed unexpectedly on a message from queue '{}'; sending it back",
					this.container.getId(), this.container.getQueue(), error);
			if (release(received)) {
				this.container.returnToQueue(received);
			}
		}
		finally {
			synchronized (this) {
				this.worker = null;
				idleLocked();
			}
			Thread.interrupted();
			receiveIfIdle();
		}
	}

	private void received(@Nullable ObjectNode received, @Nullable Throwable error) {
		if (error != null) {
			Throwable failure = Failures.unwrap(error);
			synchronized (this) {
				this.receive = null;
				this.state = State.IDLE;
			}
			if (failure instanceof CancellationException) {
				receiveIfIdle();
			}
			else {
				this.container.receiveFailed(this, failure);
			}
			return;
		}
		this.container.received();
		boolean accepted;
		synchronized (this) {
			this.receive = null;
			accepted = received != null && this.container.acceptsMessages();
			if (accepted) {
				this.state = State.PROCESSING;
				this.message = received;
				this.idle = new CompletableFuture<>();
			}
			else {
				this.state = State.IDLE;
			}
		}
		if (accepted) {
			this.container.dispatch(() -> process(received), () -> holds(received));
			return;
		}
		if (received != null) {
			// taken as the container was paused or stopped, before its receive could be cancelled
			this.container.returnToQueue(received);
		}
		receiveIfIdle();
	}

	private synchronized boolean release(ObjectNode received) {
		if (this.message != received) {
			return false;
		}
		this.message = null;
		return true;
	}

	private void idleLocked() {
		this.state = State.IDLE;
		this.message = null;
		this.idle.complete(null);
	}

}
