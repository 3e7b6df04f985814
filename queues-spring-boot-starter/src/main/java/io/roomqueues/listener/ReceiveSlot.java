package io.roomqueues.listener;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One unit of a container's concurrency: idle, waiting on one receive, gathering a batch after its first message, or
 * holding its message (or batch) from the hand-off to the executor until each is processed, recovered or given back.
 *
 * <p>
 * A receive the container no longer wants (pause, stop) is cancelled: the room client then keeps what the server
 * still hands to it for the next receive on the queue, or sends it back, so messages do not bounce. A batch being
 * gathered ends at a pause or stop, and what it holds is processed.
 */
final class ReceiveSlot {

	private static final Logger logger = LoggerFactory.getLogger(ReceiveSlot.class);

	private enum State {

		IDLE, RECEIVING, GATHERING, PROCESSING

	}

	private final QueueListenerContainer container;

	/** Fills a batch after its first message, for a batch listener; {@code null} for one message at a time. */
	private final @Nullable BatchGatherer gatherer;

	private State state = State.IDLE;

	/** The outstanding receive, or the pause of a batch between two receives: what a pause or stop cancels. */
	private @Nullable CompletableFuture<?> receive;

	/** The messages held, until processed, released to another step or taken back by a stop. */
	private @Nullable Hold hold;

	private @Nullable Thread worker;

	private CompletableFuture<Void> idle = CompletableFuture.completedFuture(null);

	ReceiveSlot(QueueListenerContainer container, @Nullable BatchGatherer gatherer) {
		this.container = container;
		this.gatherer = gatherer;
	}

	synchronized boolean isProcessing() {
		return this.state == State.GATHERING || this.state == State.PROCESSING;
	}

	/** How many messages the slot holds right now. */
	synchronized int heldCount() {
		return (isProcessing() && this.hold != null) ? this.hold.size() : 0;
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
		CompletableFuture<?> outstanding;
		synchronized (this) {
			outstanding = (this.state == State.RECEIVING || this.state == State.GATHERING) ? this.receive : null;
		}
		if (outstanding != null) {
			outstanding.cancel(false);
		}
	}

	/** Completes once no message is held in this slot. */
	synchronized CompletableFuture<Void> whenIdle() {
		return isProcessing() ? this.idle : CompletableFuture.completedFuture(null);
	}

	/**
	 * Gives up on the messages held, for a stop past its timeout: interrupts their worker, or frees the slot if no
	 * worker runs them yet.
	 * @return the messages still held, for the stop to send back
	 */
	synchronized List<ObjectNode> abandon() {
		if (!isProcessing() || this.hold == null) {
			return List.of();
		}
		List<ObjectNode> abandoned = this.hold.takeAll();
		this.hold = null;
		if (this.worker != null) {
			this.worker.interrupt();
		}
		else {
			idleLocked();
		}
		return abandoned;
	}

	/** Whether the listener runs on the given thread in this slot right now. */
	synchronized boolean runsOn(Thread thread) {
		return this.worker == thread;
	}

	/** Whether the slot still holds these messages for processing, so handing them to the executor is still wanted. */
	synchronized boolean holds(Hold messages) {
		return this.hold == messages && this.state == State.PROCESSING;
	}

	/**
	 * Records the next receive of a batch being gathered, or its pause before the next, so a pause or stop cancels it.
	 * @return false if the slot no longer gathers this batch
	 */
	boolean gathering(Hold batch, CompletableFuture<?> next) {
		boolean unwanted;
		synchronized (this) {
			if (this.hold != batch || this.state != State.GATHERING) {
				return false;
			}
			this.receive = next;
			unwanted = !this.container.acceptsMessages();
		}
		if (unwanted) {
			next.cancel(false);
		}
		return true;
	}

	/**
	 * Adds a message a non-waiting receive took to the batch being gathered.
	 * @return false if the batch no longer takes messages (the container paused or stopped): the caller sends it back
	 */
	synchronized boolean gathered(Hold batch, ObjectNode message) {
		if (this.hold != batch || this.state != State.GATHERING || !this.container.acceptsMessages()) {
			return false;
		}
		batch.add(message);
		return true;
	}

	/** Ends the gathering of a batch: hands it to the executor, unless a stop took it back meanwhile. */
	void endGathering(Hold batch) {
		synchronized (this) {
			if (this.hold != batch || this.state != State.GATHERING) {
				return;
			}
			this.receive = null;
			this.state = State.PROCESSING;
		}
		dispatch(batch);
	}

	/** Runs on the executor: processes the messages unless a stop took them back first. */
	void process(Hold messages) {
		synchronized (this) {
			if (this.hold != messages) {
				return;
			}
			this.worker = Thread.currentThread();
		}
		try {
			this.container.process(messages);
		}
		catch (InterruptedException ex) {
			// a stop that gave up on the messages took them first and sent them back; any still held were not given
			// up by a stop: the listener threw this on its own, and they go back rather than nowhere
			List<ObjectNode> left = messages.takeAll();
			if (!left.isEmpty()) {
				logger.warn("Listener '{}' was interrupted while no stop was under way; sending {} message(s) back to "
						+ "queue '{}'", this.container.getId(), left.size(), this.container.getQueue());
				left.forEach(this.container::returnToQueue);
			}
		}
		catch (ContainerFailedException ex) {
			try {
				this.container.failed(ex, messages);
			}
			finally {
				sendBack(messages);
			}
		}
		catch (Throwable error) {
			logger.error("Listener '{}' failed unexpectedly on messages from queue '{}'; sending them back",
					this.container.getId(), this.container.getQueue(), error);
			sendBack(messages);
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
		Hold taken = null;
		synchronized (this) {
			this.receive = null;
			if (received != null && this.container.acceptsMessages()) {
				taken = new Hold(received);
				this.hold = taken;
				this.state = (this.gatherer != null) ? State.GATHERING : State.PROCESSING;
				this.idle = new CompletableFuture<>();
			}
			else {
				this.state = State.IDLE;
			}
		}
		if (taken != null) {
			if (this.gatherer != null) {
				this.gatherer.gather(this, taken);
			}
			else {
				dispatch(taken);
			}
			return;
		}
		if (received != null) {
			// taken as the container was paused or stopped, before its receive could be cancelled
			this.container.returnToQueue(received);
		}
		receiveIfIdle();
	}

	private void dispatch(Hold messages) {
		this.container.dispatch(() -> process(messages), () -> holds(messages));
	}

	/** Sends back every message still held, after a failure that leaves them unprocessed. */
	private void sendBack(Hold messages) {
		for (ObjectNode message : messages.takeAll()) {
			this.container.returnToQueue(message);
		}
	}

	private void idleLocked() {
		this.state = State.IDLE;
		this.hold = null;
		this.idle.complete(null);
	}

}
