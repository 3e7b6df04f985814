package io.roomqueues.client;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.roomqueues.protocol.ErrorCodes;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sends messages back to their queue, one at a time and in order, through lost connections: what cannot be sent now
 * waits for the next connection. A refusal that cannot change (no grant to send there) hands the message to the
 * {@link UnreturnedMessageHandler}; a full queue is tried again later.
 */
final class MessageReturns implements RoomConnectionListener {

	private static final Duration RETRY_DELAY = Duration.ofSeconds(1);

	/** A message on its way back and the future that says when it arrived. */
	record Returning(String queue, ObjectNode message, CompletableFuture<Void> done) {
	}

	/** Sends one message back on the current connection. */
	interface Sender {

		CompletableFuture<Void> send(String queue, ObjectNode message);

		boolean isConnected();

	}

	private final Sender sender;

	private final ScheduledExecutorService scheduler;

	private final UnreturnedMessageHandler unreturned;

	private final ArrayDeque<Returning> waiting = new ArrayDeque<>();

	private final AtomicLong returned = new AtomicLong();

	private boolean sending;

	private @Nullable CompletableFuture<?> inFlight;

	private boolean closed;

	MessageReturns(Sender sender, ScheduledExecutorService scheduler, UnreturnedMessageHandler unreturned) {
		this.sender = sender;
		this.scheduler = scheduler;
		this.unreturned = unreturned;
	}

	/** Queues messages for their way back, after any still waiting. */
	List<CompletableFuture<Void>> add(String queue, List<ObjectNode> messages) {
		List<CompletableFuture<Void>> results = new ArrayList<>();
		List<Returning> tooLate = new ArrayList<>();
		synchronized (this) {
			for (ObjectNode message : messages) {
				Returning returning = new Returning(queue, message, new CompletableFuture<>());
				results.add(returning.done());
				(this.closed ? tooLate : this.waiting).add(returning);
			}
		}
		for (Returning returning : tooLate) {
			unreturned(returning, new RoomClosedException("room client closed before the message could go back"));
		}
		pump();
		return results;
	}

	/** Counts a message the room has taken back. */
	void recordReturned() {
		this.returned.incrementAndGet();
	}

	/** Messages sent back to their queue so far. */
	long returned() {
		return this.returned.get();
	}

	/** Messages not sent back yet. */
	synchronized int size() {
		return this.waiting.size();
	}

	/**
	 * Stops sending and takes what is still waiting, for the close to send over its own connection. The message being
	 * sent right now is not among them: the caller waits for {@code inFlight} and takes it only if that send failed,
	 * so it is not sent twice.
	 */
	synchronized Closing close() {
		this.closed = true;
		List<Returning> rest = new ArrayList<>(this.waiting);
		this.waiting.clear();
		Returning head = null;
		if (this.sending && !rest.isEmpty()) {
			head = rest.remove(0);
		}
		return new Closing(rest, head, (this.inFlight != null) ? this.inFlight : CompletableFuture.completedFuture(null));
	}

	/**
	 * What a close takes over.
	 * @param waiting messages not sent yet
	 * @param sending the message being sent when the client closed, or {@code null}
	 * @param inFlight completes when that send has succeeded or failed
	 */
	record Closing(List<Returning> waiting, @Nullable Returning sending, CompletableFuture<?> inFlight) {
	}

	@Override
	public void connected(RoomClient client, boolean reconnect) {
		pump();
	}

	/** Gives up on a message the room will not take back. */
	void unreturned(Returning returning, Throwable cause) {
		try {
			this.unreturned.unreturned(returning.queue(), returning.message(), cause);
		}
		finally {
			returning.done().completeExceptionally(cause);
		}
	}

	private void pump() {
		Returning next;
		CompletableFuture<Void> settled = new CompletableFuture<>();
		synchronized (this) {
			if (this.sending || this.closed || this.waiting.isEmpty() || !this.sender.isConnected()) {
				return;
			}
			this.sending = true;
			// set before the send, so a close always waits for the send in flight, never for an earlier one
			this.inFlight = settled;
			next = this.waiting.peekFirst();
		}
		CompletableFuture<Void> sent;
		try {
			sent = this.sender.send(next.queue(), next.message());
		}
		catch (RuntimeException ex) {
			sent = CompletableFuture.failedFuture(ex);
		}
		sent.whenComplete((ignored, error) -> {
			try {
				sent(next, SessionOpener.unwrap(error));
			}
			finally {
				settled.complete(null);
			}
		});
	}

	private void sent(Returning returning, @Nullable Throwable error) {
		boolean retry = error != null && isTemporary(error);
		synchronized (this) {
			this.sending = false;
			if (this.closed) {
				// the close left this one out; it takes it over if the send failed
				if (error == null) {
					recordReturned();
					returning.done().complete(null);
				}
				return;
			}
			if (!retry) {
				this.waiting.remove(returning);
			}
		}
		if (error == null) {
			recordReturned();
			returning.done().complete(null);
		}
		else if (!retry) {
			unreturned(returning, error);
		}
		if (retry) {
			try {
				this.scheduler.schedule(this::pump, RETRY_DELAY.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (RejectedExecutionException ex) {
				// closing: the close sends what is still waiting
			}
		}
		else {
			pump();
		}
	}

	private static boolean isTemporary(Throwable error) {
		if (!(error instanceof RoomException room)) {
			return true;
		}
		Integer code = room.code();
		return room.isRetryable() || (code != null && code == ErrorCodes.OPERATION_FAILED);
	}

}
