package io.roomqueues.listener;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.roomqueues.client.QueuesClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Messages a container sends back through the room client ({@link QueuesClient#returnToQueue}), which keeps each
 * until the room takes it, through reconnects, or hands it to its {@code UnreturnedMessageHandler}. A stop waits a
 * moment for them, no longer: the client goes on sending them, and its close sends what is left.
 */
final class ReturnedMessages {

	private static final Logger logger = LoggerFactory.getLogger(ReturnedMessages.class);

	private static final Duration STOP_WAIT = Duration.ofSeconds(1);

	private final QueuesClient queues;

	private final String queue;

	private final String listenerId;

	private final ListenerStatistics statistics;

	private final MessageLog log;

	private final List<CompletableFuture<Void>> pending = new ArrayList<>();

	ReturnedMessages(QueuesClient queues, String queue, String listenerId, ListenerStatistics statistics,
			MessageLog log) {
		this.queues = queues;
		this.queue = queue;
		this.listenerId = listenerId;
		this.statistics = statistics;
		this.log = log;
	}

	/** Sends a message back to a queue: its own, or the reply queue for a reply. */
	CompletableFuture<Void> send(String target, ObjectNode message) {
		if (target.equals(this.queue)) {
			this.statistics.recordReturned();
		}
		CompletableFuture<Void> back = this.queues.returnToQueue(target, message);
		back.whenComplete((sent, failure) -> {
			if (failure != null) {
				logger.error("Could not send the {} back to queue '{}': {}; the room client's UnreturnedMessageHandler has it",
						this.log.describe(this.queue, this.listenerId, message), target,
						Failures.unwrap(failure).getMessage());
			}
		});
		synchronized (this.pending) {
			this.pending.removeIf(CompletableFuture::isDone);
			this.pending.add(back);
		}
		return back;
	}

	/** Sends a message back and waits until the room has it, or refused it too (logged; the client's handler has it). */
	void sendAndWait(String target, ObjectNode message) {
		try {
			send(target, message).get();
		}
		catch (InterruptedException ex) {
			// a stop gave up waiting; the client still sends the message back
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException ex) {
			// logged by send
		}
	}

	/** Waits a moment for the messages still on their way back. */
	void awaitAll() {
		CompletableFuture<?> all;
		int count;
		synchronized (this.pending) {
			this.pending.removeIf(CompletableFuture::isDone);
			count = this.pending.size();
			all = CompletableFuture.allOf(this.pending.toArray(CompletableFuture[]::new));
			this.pending.clear();
		}
		try {
			all.get(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException ex) {
			// each failure is logged where it happened
		}
		catch (TimeoutException ex) {
			logger.info("{} message(s) of listener '{}' are still on their way back to queue '{}'; the room client "
					+ "keeps sending them until it closes", count, this.listenerId, this.queue);
		}
	}

}
