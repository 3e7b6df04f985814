package io.roomqueues.listener;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A stop under way: it began when the container stopped receiving, and ends once the messages in processing are
 * finished, or at the shutdown timeout, when those still held are sent back to their queue.
 */
final class ContainerStop {

	private static final Logger logger = LoggerFactory.getLogger(ContainerStop.class);

	/** The stop of a container that is not running. */
	static final ContainerStop DONE = new ContainerStop(null, Duration.ZERO, 0);

	private final @Nullable QueueListenerContainer container;

	private final Duration timeout;

	private final long deadline;

	private final long returnedBefore;

	private final AtomicBoolean finishing = new AtomicBoolean();

	private final CompletableFuture<Void> done = new CompletableFuture<>();

	ContainerStop(@Nullable QueueListenerContainer container, Duration timeout, long returnedBefore) {
		this.container = container;
		this.timeout = timeout;
		this.deadline = System.nanoTime() + timeout.toNanos();
		this.returnedBefore = returnedBefore;
	}

	/**
	 * Waits until the stop is over; the first caller does the waiting and the sending back. A caller that is one of
	 * the container's listeners does not wait, since the stop waits for it: the stop then goes on in the background.
	 */
	void await() {
		QueueListenerContainer container = this.container;
		if (container == null) {
			return;
		}
		boolean listener = container.runsListener(Thread.currentThread());
		if (!this.finishing.compareAndSet(false, true)) {
			if (!listener) {
				this.done.join();
			}
			return;
		}
		if (listener) {
			Thread background = new Thread(() -> finishAndComplete(container), container.getId() + "-stop");
			// bounded by the shutdown timeout; a daemon, as the container's own pool, never holds up the JVM's exit
			background.setDaemon(true);
			background.start();
		}
		else {
			finishAndComplete(container);
		}
	}

	/** Completes once the stop is over. */
	CompletableFuture<Void> whenDone() {
		return (this.container != null) ? this.done : CompletableFuture.completedFuture(null);
	}

	private void finishAndComplete(QueueListenerContainer container) {
		try {
			finish(container);
		}
		finally {
			this.done.complete(null);
		}
	}

	private void finish(QueueListenerContainer container) {
		CompletableFuture<?> processing = CompletableFuture
			.allOf(container.slots().stream().map(ReceiveSlot::whenIdle).toArray(CompletableFuture[]::new));
		try {
			processing.get(Math.max(0, this.deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			giveBack(container, "did not finish a message within the shutdown timeout of " + this.timeout);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			giveBack(container, "was interrupted while stopping");
		}
		catch (ExecutionException ex) {
			logger.debug("Listener '{}' slot failed while stopping", container.getId(), ex);
		}
		container.stopped(this.returnedBefore);
	}

	private static void giveBack(QueueListenerContainer container, String why) {
		for (ReceiveSlot slot : container.slots()) {
			for (ObjectNode abandoned : slot.abandon()) {
				logger.warn("Listener '{}' {}; sending the {} back", container.getId(), why,
						container.describe(abandoned));
				container.returnToQueue(abandoned);
			}
		}
	}

}
