package io.roomqueues.listener;

import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One unit of a container's concurrency: idle, waiting on one receive, or processing one message.
 */
final class ReceiveSlot {

	private static final Logger logger = LoggerFactory.getLogger(ReceiveSlot.class);

	private enum State {

		IDLE, RECEIVING, PROCESSING

	}

	private final QueueListenerContainer container;

	private State state = State.IDLE;

	private @Nullable ObjectNode message;

	private @Nullable Thread worker;

	private CompletableFuture<Void> idle = CompletableFuture.completedFuture(null);

	ReceiveSlot(QueueListenerContainer container) {
		this.container = container;
	}

	synchronized boolean isProcessing() {
		return this.state == State.PROCESSING;
	}

	/** Issues a receive unless one is outstanding, a message is in processing, or the container does not accept. */
	void receiveIfIdle() {
		synchronized (this) {
			if (this.state != State.IDLE || !this.container.acceptsMessages()) {
				return;
			}
			this.state = State.RECEIVING;
		}
		this.container.receive().whenComplete(this::received);
	}

	/** Completes once no message is in processing in this slot. */
	synchronized CompletableFuture<Void> whenIdle() {
		return (this.state == State.PROCESSING) ? this.idle : CompletableFuture.completedFuture(null);
	}

	/** Gives up on the message in processing: interrupts its worker and hands the message back for returning. */
	synchronized @Nullable ObjectNode abandon() {
		if (this.state != State.PROCESSING || this.message == null) {
			return null;
		}
		ObjectNode abandoned = this.message;
		this.message = null;
		if (this.worker != null) {
			this.worker.interrupt();
		}
		return abandoned;
	}

	private void received(@Nullable ObjectNode received, @Nullable Throwable error) {
		if (error != null) {
			synchronized (this) {
				this.state = State.IDLE;
			}
			this.container.receiveFailed(this, error);
			return;
		}
		this.container.received();
		if (received == null) {
			synchronized (this) {
				this.state = State.IDLE;
			}
			receiveIfIdle();
			return;
		}
		synchronized (this) {
			if (!this.container.acceptsMessages()) {
				this.state = State.IDLE;
				this.container.returnToQueue(received);
				return;
			}
			this.state = State.PROCESSING;
			this.message = received;
			this.idle = new CompletableFuture<>();
		}
		if (!this.container.execute(() -> process(received))) {
			this.container.returnToQueue(received);
			finished();
		}
	}

	private void process(ObjectNode received) {
		boolean ours;
		synchronized (this) {
			// a stop may have given up on the message (and returned it) before this task ran
			ours = this.message == received;
			this.worker = Thread.currentThread();
		}
		try {
			if (ours) {
				this.container.process(received);
			}
		}
		catch (InterruptedException ex) {
			// abandoned by a stop: the container has sent the message back
		}
		catch (Throwable error) {
			boolean stillOurs;
			synchronized (this) {
				stillOurs = this.message == received;
			}
			logger.error("Listener '{}' died on a message; sending it back to queue '{}'", this.container.getId(),
					this.container.getQueue(), error);
			if (stillOurs) {
				this.container.returnToQueue(received);
			}
		}
		finally {
			synchronized (this) {
				this.worker = null;
			}
			Thread.interrupted();
			finished();
			receiveIfIdle();
		}
	}

	private void finished() {
		CompletableFuture<Void> done;
		synchronized (this) {
			this.state = State.IDLE;
			this.message = null;
			done = this.idle;
		}
		done.complete(null);
	}

}
