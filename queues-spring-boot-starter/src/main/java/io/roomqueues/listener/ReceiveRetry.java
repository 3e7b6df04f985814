package io.roomqueues.listener;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.roomqueues.client.RoomClient;
import io.roomqueues.client.RoomClosedException;
import io.roomqueues.client.RoomException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides when a slot receives again after a failed receive: once the room client has reconnected for a lost
 * connection, after a growing backoff for a refusal, and never once the client closed.
 */
final class ReceiveRetry {

	private static final Logger logger = LoggerFactory.getLogger(ReceiveRetry.class);

	private static final long MAX_PAUSE_AFTER_RECONNECT_MILLIS = 500;

	private static final long MAX_BACKOFF_MILLIS = 30_000;

	private final QueueListenerContainer container;

	private final RoomClient room;

	private final AtomicInteger failures = new AtomicInteger();

	ReceiveRetry(QueueListenerContainer container, RoomClient room) {
		this.container = container;
		this.room = room;
	}

	/** A receive answered: the next failure starts the backoff again. */
	void succeeded() {
		this.failures.set(0);
	}

	void failed(ReceiveSlot slot, Throwable cause) {
		if (!this.container.acceptsMessages()) {
			// paused or stopping: resume or start issues the next receive
			logger.debug("Receive of listener '{}' ended: {}", this.container.getId(), cause.getMessage());
			return;
		}
		if (cause instanceof RoomClosedException) {
			logger.error("Listener '{}' stops receiving: {}", this.container.getId(), cause.getMessage());
			this.container.publishReceiveFailure(cause);
			return;
		}
		int count = this.failures.incrementAndGet();
		if (cause instanceof RoomException room && room.isRetryable()) {
			logger.debug("Listener '{}' waits for the room connection: {}", this.container.getId(), cause.getMessage());
			// never at once: a connection that drops again right away would make a busy loop
			long pause = Math.min(MAX_PAUSE_AFTER_RECONNECT_MILLIS, 50L * count);
			this.room.whenConnected().whenComplete((client, closed) -> {
				if (closed == null) {
					after(pause, slot);
				}
				else {
					failed(slot, Failures.unwrap(closed));
				}
			});
			return;
		}
		// the next receive is scheduled before the event, whose listeners run on this thread
		after(Math.min(MAX_BACKOFF_MILLIS, 1000L << Math.min(5, count - 1)), slot);
		if (count == 1) {
			logger.error("Listener '{}' could not receive from queue '{}'; retrying with backoff: {}",
					this.container.getId(), this.container.getQueue(), cause.getMessage());
			this.container.publishReceiveFailure(cause);
		}
	}

	private static void after(long millis, ReceiveSlot slot) {
		CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS).execute(slot::receiveIfIdle);
	}

}
