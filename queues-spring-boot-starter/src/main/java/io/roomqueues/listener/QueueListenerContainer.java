package io.roomqueues.listener;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import io.roomqueues.client.QueuesClient;
import io.roomqueues.client.RoomClient;
import io.roomqueues.client.RoomClosedException;
import io.roomqueues.client.RoomException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Receives from one queue for one listener: {@code concurrency} slots, each with one {@code receive(wait: true)}
 * outstanding or one message in processing on the executor, so a message is taken from the room only when there is
 * room to process it.
 *
 * <p>
 * Stopping issues no new receives and waits up to the shutdown timeout for messages in processing; messages still in
 * processing after it, and messages that arrive for receives outstanding when the stop began, are sent back to their
 * queue. Pausing issues no new receives either, and sends back what arrives meanwhile.
 */
public final class QueueListenerContainer {

	private static final Logger logger = LoggerFactory.getLogger(QueueListenerContainer.class);

	private static final long RETURN_TIMEOUT_MILLIS = 10_000;

	private final String id;

	private final String queue;

	private final QueueListenerContainerOptions options;

	private final RoomClient room;

	private final QueuesClient queues;

	private final MessageProcessor processor;

	private final ListenerStatistics statistics;

	private final @Nullable Executor sharedExecutor;

	private final ApplicationEventPublisher events;

	private final List<ReceiveSlot> slots = new ArrayList<>();

	private final List<CompletableFuture<Void>> returns = new ArrayList<>();

	private final AtomicInteger receiveFailures = new AtomicInteger();

	private volatile boolean running;

	private volatile boolean paused;

	private volatile Executor executor = Runnable::run;

	private @Nullable ExecutorService ownExecutor;

	QueueListenerContainer(String id, String queue, QueueListenerContainerOptions options, RoomClient room,
			MessageProcessor processor, ListenerStatistics statistics, @Nullable Executor sharedExecutor,
			ApplicationEventPublisher events) {
		this.id = id;
		this.queue = queue;
		this.options = options;
		this.room = room;
		this.queues = room.queues();
		this.processor = processor;
		this.statistics = statistics;
		this.sharedExecutor = sharedExecutor;
		this.events = events;
		for (int i = 0; i < options.concurrency(); i++) {
			this.slots.add(new ReceiveSlot(this));
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

	public boolean isRunning() {
		return this.running;
	}

	public boolean isPaused() {
		return this.paused;
	}

	/** Messages being processed right now. */
	public int getInFlight() {
		return (int) this.slots.stream().filter(ReceiveSlot::isProcessing).count();
	}

	/** Starts receiving; does nothing if running. */
	public synchronized void start() {
		if (this.running) {
			return;
		}
		if (this.sharedExecutor != null) {
			this.executor = this.sharedExecutor;
		}
		else {
			ExecutorService pool = Executors.newFixedThreadPool(this.options.concurrency(),
					new CustomizableThreadFactory(this.id + "-"));
			this.ownExecutor = pool;
			this.executor = pool;
		}
		this.running = true;
		this.slots.forEach(ReceiveSlot::receiveIfIdle);
		logger.info("Started listener '{}' on queue '{}' with concurrency {}", this.id, this.queue,
				this.options.concurrency());
		this.events.publishEvent(new QueueListenerContainerStartedEvent(this));
	}

	/**
	 * Stops receiving and waits for messages in processing up to the shutdown timeout; returns to their queue what
	 * is not processed by then.
	 */
	public synchronized void stop() {
		if (!this.running) {
			return;
		}
		this.running = false;
		long returnedBefore = this.statistics.getReturned();
		CompletableFuture<?> processing = CompletableFuture
			.allOf(this.slots.stream().map(ReceiveSlot::whenIdle).toArray(CompletableFuture[]::new));
		try {
			processing.get(this.options.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			for (ReceiveSlot slot : this.slots) {
				ObjectNode abandoned = slot.abandon();
				if (abandoned != null) {
					logger.warn("Listener '{}' did not finish a message within the shutdown timeout of {}; "
							+ "sending it back to queue '{}'", this.id, this.options.shutdownTimeout(), this.queue);
					returnToQueue(abandoned);
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException ex) {
			logger.debug("Listener '{}' slot failed while stopping", this.id, ex);
		}
		awaitReturns();
		if (this.ownExecutor != null) {
			this.ownExecutor.shutdownNow();
			this.ownExecutor = null;
		}
		int returned = (int) (this.statistics.getReturned() - returnedBefore);
		logger.info("Stopped listener '{}' on queue '{}'{}", this.id, this.queue,
				(returned > 0) ? "; " + returned + " message(s) sent back to the queue" : "");
		this.events.publishEvent(new QueueListenerContainerStoppedEvent(this, returned));
	}

	/** Issues no new receives; what arrives for receives already outstanding goes back to the queue. */
	public void pause() {
		this.paused = true;
	}

	/** Undoes {@link #pause()}. */
	public void resume() {
		this.paused = false;
		if (this.running) {
			this.slots.forEach(ReceiveSlot::receiveIfIdle);
		}
	}

	boolean acceptsMessages() {
		return this.running && !this.paused;
	}

	CompletableFuture<@Nullable ObjectNode> receive() {
		return this.queues.receive(this.queue, this.options.create(), true);
	}

	void received() {
		this.receiveFailures.set(0);
	}

	boolean execute(Runnable task) {
		try {
			this.executor.execute(task);
			return true;
		}
		catch (RejectedExecutionException ex) {
			return false;
		}
	}

	void process(ObjectNode message) throws InterruptedException {
		this.processor.process(message);
	}

	/** Sends a message back to its queue; a failure is logged with the message, so it is not lost silently. */
	void returnToQueue(ObjectNode message) {
		this.statistics.recordReturned();
		CompletableFuture<Void> sent = this.queues.send(this.queue, message).exceptionally((ex) -> {
			logger.error("Could not send a message back to queue '{}' for listener '{}'; it is logged here so it is "
					+ "not lost: {}", this.queue, this.id, message, ex);
			return null;
		});
		synchronized (this.returns) {
			this.returns.removeIf(CompletableFuture::isDone);
			this.returns.add(sent);
		}
	}

	/** Decides what a slot does after a failed receive: wait for the connection, or back off. */
	void receiveFailed(ReceiveSlot slot, Throwable error) {
		Throwable cause = (error instanceof CompletionException && error.getCause() != null) ? error.getCause() : error;
		if (!this.running) {
			logger.debug("Receive of stopped listener '{}' ended: {}", this.id, cause.getMessage());
			return;
		}
		if (cause instanceof RoomClosedException) {
			logger.error("Listener '{}' stops receiving: {}", this.id, cause.getMessage());
			this.events.publishEvent(new QueueListenerContainerFailedEvent(this, cause));
			return;
		}
		int failures = this.receiveFailures.incrementAndGet();
		long delay = Math.min(30_000, 1000L << Math.min(5, failures - 1));
		if (cause instanceof RoomException room && room.isRetryable()) {
			logger.debug("Listener '{}' waits for the room connection: {}", this.id, cause.getMessage());
			// never synchronously: the failure may be reported on the connection's reader thread
			long pause = Math.min(1000, 50L * failures);
			this.room.whenConnected().whenComplete((client, closed) -> {
				if (closed == null) {
					CompletableFuture.delayedExecutor(pause, TimeUnit.MILLISECONDS).execute(slot::receiveIfIdle);
				}
				else {
					receiveFailed(slot, closed);
				}
			});
			return;
		}
		if (failures == 1) {
			logger.error("Listener '{}' could not receive from queue '{}'; retrying with backoff: {}", this.id,
					this.queue, cause.getMessage());
			this.events.publishEvent(new QueueListenerContainerFailedEvent(this, cause));
		}
		CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS).execute(slot::receiveIfIdle);
	}

	private void awaitReturns() {
		CompletableFuture<?> all;
		synchronized (this.returns) {
			all = CompletableFuture.allOf(this.returns.toArray(CompletableFuture[]::new));
			this.returns.clear();
		}
		try {
			all.get(RETURN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			logger.error("Listener '{}' could not confirm that every message went back to queue '{}'", this.id,
					this.queue, ex);
		}
	}

	@Override
	public String toString() {
		return "QueueListenerContainer[id=" + this.id + ", queue=" + this.queue + ", running=" + this.running
				+ ", paused=" + this.paused + "]";
	}

}
