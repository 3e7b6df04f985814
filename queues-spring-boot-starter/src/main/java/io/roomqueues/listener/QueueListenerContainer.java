package io.roomqueues.listener;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

import io.roomqueues.client.QueuesClient;
import io.roomqueues.client.RoomClient;
import io.roomqueues.client.RoomClosedException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import tools.jackson.databind.node.ObjectNode;

/**
 * Receives from one queue for one listener: {@code concurrency} slots, each with one {@code receive(wait: true)}
 * outstanding or one message (or batch) held until it is processed, so a message is taken from the room only when
 * there is room to process it. A batch listener's slot fills its batch after the first message with non-waiting
 * receives ({@link BatchGatherer}).
 *
 * <p>
 * Pausing and stopping cancel the outstanding receives: a message the server still hands to one of them is kept by
 * the room client for the next receive on the queue, or sent back in order. Stopping waits up to the shutdown timeout
 * for messages in processing and sends back those still in processing after it. When the room refuses the recovery
 * of a failed message for good, the container stops by itself and reports a {@link ListenerFailure}.
 */
public final class QueueListenerContainer {

	private static final Logger logger = LoggerFactory.getLogger(QueueListenerContainer.class);

	private enum State {

		STOPPED, RUNNING, STOPPING, FAILED

	}

	private final String id;

	private final String queue;

	private final QueueListenerContainerOptions options;

	private final QueuesClient queues;

	private final HoldProcessor processor;

	private final ListenerStatistics statistics;

	private final ApplicationEventPublisher events;

	private final MessageLog log;

	private final List<ReceiveSlot> slots = new ArrayList<>();

	private final Dispatcher dispatcher;

	private final ReceiveRetry receiveRetry;

	private final ReturnedMessages returns;

	private volatile State state = State.STOPPED;

	private volatile boolean paused;

	private volatile @Nullable ListenerFailure failure;

	private @Nullable ContainerStop stopping;

	/** How many stops were asked for, so a start deferred by a listener's own stop yields to a later one. */
	private long stopRequests;

	/**
	 * @param batch how a batch listener fills its batches, or {@code null} for a listener of single messages
	 */
	QueueListenerContainer(String id, String queue, QueueListenerContainerOptions options, RoomClient room,
			HoldProcessor processor, @Nullable BatchSettings batch, ListenerStatistics statistics,
			@Nullable Executor sharedExecutor, ApplicationEventPublisher events, MessageLog log) {
		this.id = id;
		this.queue = queue;
		this.options = options;
		this.queues = room.queues();
		this.processor = processor;
		this.statistics = statistics;
		this.events = events;
		this.log = log;
		this.dispatcher = new Dispatcher(id, sharedExecutor);
		this.receiveRetry = new ReceiveRetry(this, room);
		this.returns = new ReturnedMessages(this.queues, queue, id, statistics, log);
		BatchGatherer gatherer = (batch != null && batch.size() > 1) ? new BatchGatherer(this, batch) : null;
		for (int i = 0; i < options.concurrency(); i++) {
			this.slots.add(new ReceiveSlot(this, gatherer));
		}
	}

	public String getId() {
		return this.id;
	}

	public String getQueue() {
		return this.queue;
	}

	public int getConcurrency() {
		return this.options.concurrency();
	}

	public QueueListenerContainerOptions getOptions() {
		return this.options;
	}

	public ListenerStatistics getStatistics() {
		return this.statistics;
	}

	/** Whether the container receives: started, not stopping, and not stopped by a failure. */
	public boolean isRunning() {
		return this.state == State.RUNNING;
	}

	public boolean isPaused() {
		return this.paused;
	}

	/** Why the container stopped by itself, until it is started again; {@code null} if it did not. */
	public @Nullable ListenerFailure getFailure() {
		return this.failure;
	}

	/** Messages held right now: being processed, recovered, gathered into a batch, or waiting for the executor. */
	public int getInFlight() {
		return this.slots.stream().mapToInt(ReceiveSlot::heldCount).sum();
	}

	/** Starts receiving, after any stop under way has finished; does nothing if running. */
	public void start() {
		ContainerStop pending;
		long requested;
		synchronized (this) {
			pending = this.stopping;
			requested = this.stopRequests;
		}
		if (pending != null) {
			if (runsListener(Thread.currentThread())) {
				// the stop waits for this very thread: start once it is over, unless a stop was asked for since
				pending.whenDone().thenRun(() -> {
					synchronized (this) {
						if (this.stopRequests != requested) {
							return;
						}
					}
					start();
				});
				return;
			}
			pending.await();
		}
		synchronized (this) {
			if (this.state == State.RUNNING) {
				return;
			}
			this.dispatcher.start(this.options.concurrency());
			this.failure = null;
			this.state = State.RUNNING;
		}
		this.slots.forEach(ReceiveSlot::receiveIfIdle);
		logger.info("Started listener '{}' on queue '{}' with concurrency {}", this.id, this.queue,
				this.options.concurrency());
		publish(new QueueListenerContainerStartedEvent(this));
	}

	/**
	 * Stops receiving and waits for messages in processing up to the shutdown timeout; sends back to their queue the
	 * messages not processed by then. Called from the container's own listener (or an event listener on its thread),
	 * it returns at once: the stop waits for that listener too, in the background, as for any other.
	 */
	public void stop() {
		beginStop().await();
	}

	/**
	 * Stops receiving at once and starts the shutdown timeout; the returned stop waits for the rest. Lets a registry
	 * stop all its containers in parallel from one thread.
	 */
	ContainerStop beginStop() {
		ContainerStop stop;
		synchronized (this) {
			this.stopRequests++;
			if (this.stopping != null) {
				return this.stopping;
			}
			if (this.state == State.STOPPED) {
				return ContainerStop.DONE;
			}
			this.state = State.STOPPING;
			stop = new ContainerStop(this, this.options.shutdownTimeout(), this.statistics.getReturned());
			this.stopping = stop;
		}
		this.slots.forEach(ReceiveSlot::cancelReceive);
		return stop;
	}

	/** Issues no new receives and gives up the outstanding ones; messages already held are still processed. */
	public void pause() {
		this.paused = true;
		this.slots.forEach(ReceiveSlot::cancelReceive);
	}

	/** Undoes {@link #pause()}. */
	public void resume() {
		this.paused = false;
		if (isRunning()) {
			this.slots.forEach(ReceiveSlot::receiveIfIdle);
		}
	}

	List<ReceiveSlot> slots() {
		return this.slots;
	}

	/** Whether the given thread runs this container's listener right now (in one of its slots). */
	boolean runsListener(Thread thread) {
		return this.slots.stream().anyMatch((slot) -> slot.runsOn(thread));
	}

	/** Ends a stop: called by {@link ContainerStop} once messages in processing are finished or given back. */
	void stopped(long returnedBefore) {
		// still stopping while the returns settle and the pool ends, so a start meanwhile waits and gets a new pool
		this.returns.awaitAll();
		this.dispatcher.stop();
		synchronized (this) {
			this.stopping = null;
			this.state = State.STOPPED;
		}
		int returned = (int) (this.statistics.getReturned() - returnedBefore);
		logger.info("Stopped listener '{}' on queue '{}'{}", this.id, this.queue,
				(returned > 0) ? "; " + returned + " message(s) sent back to the queue" : "");
		publish(new QueueListenerContainerStoppedEvent(this, returned));
	}

	boolean acceptsMessages() {
		return this.state == State.RUNNING && !this.paused;
	}

	CompletableFuture<@Nullable ObjectNode> receive() {
		return this.queues.receive(this.queue, this.options.create(), true);
	}

	/** A non-waiting receive, for the rest of a batch. */
	CompletableFuture<@Nullable ObjectNode> tryReceive() {
		return this.queues.receive(this.queue, this.options.create(), false);
	}

	void received() {
		this.receiveRetry.succeeded();
	}

	void receiveFailed(ReceiveSlot slot, Throwable failure) {
		this.receiveRetry.failed(slot, failure);
	}

	void dispatch(Runnable task, BooleanSupplier wanted) {
		this.dispatcher.dispatch(task, wanted);
	}

	void process(Hold messages) throws InterruptedException, ContainerFailedException {
		this.processor.process(messages);
	}

	/** Sends a message back to its queue through the client, which keeps it until the room takes it. */
	CompletableFuture<Void> returnToQueue(ObjectNode message) {
		return this.returns.send(this.queue, message);
	}

	/**
	 * Stops receiving because the room refused a recovery for good, sends back what the failure carries, then
	 * reports the failure.
	 * @param messages the slot's messages; one that goes back to its own queue is released here
	 */
	void failed(ContainerFailedException failed, Hold messages) {
		ListenerFailure cause = failed.failure();
		boolean closed = cause.cause() instanceof RoomClosedException;
		if (!closed) {
			synchronized (this) {
				this.failure = cause;
				if (this.state == State.RUNNING) {
					this.state = State.FAILED;
				}
			}
			this.slots.forEach(ReceiveSlot::cancelReceive);
		}
		ObjectNode message = failed.returnMessage();
		String returnQueue = failed.returnQueue();
		if (message != null && returnQueue != null) {
			// a message of the hold goes back only if a stop has not taken it back already; a reply always does
			boolean held = returnQueue.equals(this.queue) && messages.received(message);
			if (!held || messages.release(message)) {
				this.returns.sendAndWait(returnQueue, message);
			}
		}
		if (!closed) {
			logger.error("Listener '{}' on queue '{}' stopped: {}", this.id, this.queue, cause.description());
			publish(new QueueListenerContainerFailedEvent(this, cause.cause(), cause));
		}
	}

	void publishReceiveFailure(Throwable cause) {
		publish(new QueueListenerContainerFailedEvent(this, cause));
	}

	/**
	 * Publishes an event on the calling thread, a listener's or the room client's: an application listener of it that
	 * throws is logged, and never skips what the container does after it.
	 */
	private void publish(QueueListenerContainerEvent event) {
		try {
			this.events.publishEvent(event);
		}
		catch (VirtualMachineError ex) {
			throw ex;
		}
		catch (Throwable ex) {
			logger.error("An application listener of {} for listener '{}' failed; the container goes on",
					event.getClass().getSimpleName(), this.id, ex);
		}
	}

	String describe(ObjectNode message) {
		return this.log.describe(this.queue, this.id, message);
	}

	@Override
	public String toString() {
		return "QueueListenerContainer[id=" + this.id + ", queue=" + this.queue + ", state=" + this.state
				+ ", paused=" + this.paused + "]";
	}

}
