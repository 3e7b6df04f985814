package io.roomqueues.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.roomqueues.protocol.Content;
import io.roomqueues.protocol.ErrorCodes;
import io.roomqueues.protocol.JsonContent;
import io.roomqueues.protocol.MessageTooLargeException;
import io.roomqueues.protocol.ProtocolException;
import io.roomqueues.protocol.ProtocolMessage;
import io.roomqueues.protocol.WireCodec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Matches one session's responses to the callers waiting for them, on the callback executor, and keeps every message
 * a receive brought that reached no caller: held for the next receive of its queue, or handed to the owner to go back
 * to its queue; while the session closes, kept for the close to send back.
 */
final class ResponseDispatcher {

	private static final Logger logger = LoggerFactory.getLogger(ResponseDispatcher.class);

	private final WireCodec codec;

	private final ScheduledExecutorService scheduler;

	private final CallbackExecutor callbacks;

	private final RoomSession.Owner owner;

	private final AtomicLong ids = new AtomicLong();

	private final PendingRequests pending = new PendingRequests();

	/** Messages that arrived for receives while closing; guarded by {@code this}. */
	private final List<PendingRequests.Returned> closingOrphans = new ArrayList<>();

	private final Duration holdTime;

	private volatile boolean closing;

	private boolean orphansTaken;

	ResponseDispatcher(WireCodec codec, ScheduledExecutorService scheduler, CallbackExecutor callbacks, Duration holdTime,
			RoomSession.Owner owner) {
		this.codec = codec;
		this.holdTime = holdTime;
		this.scheduler = scheduler;
		this.callbacks = callbacks;
		this.owner = owner;
	}

	long nextId() {
		return this.ids.getAndIncrement();
	}

	/**
	 * Registers a request, or serves a receive without one: with a message held for its queue, or by taking over a
	 * receive of that queue whose caller gave up.
	 * @return the request to send, or {@code null} when it was served here
	 */
	@Nullable PendingRequest register(String type, JsonNode header, @Nullable String queue, boolean parks,
			Waiter<?> waiter, @Nullable Duration timeout) {
		PendingRequests.Served served = (queue != null) ? this.pending.serve(queue, parks, waiter) : null;
		if (served != null) {
			if (served.held() != null) {
				ObjectNode held = served.held();
				callback(() -> {
					if (!waiter.complete(new JsonContent(held))) {
						orphaned(queue, held);
					}
				});
			}
			else {
				watch(served.adopted(), waiter, timeout);
			}
			return null;
		}
		PendingRequest request = new PendingRequest(nextId(), RequestDescription.of(type, header), queue, parks,
				waiter);
		this.pending.add(request);
		watch(request, waiter, timeout);
		return request;
	}

	/** Fails a request that could not be sent; false if it was answered or failed already. */
	boolean failUnsent(PendingRequest request, RoomException cause) {
		if (this.pending.remove(request.id()) == null) {
			return false;
		}
		fail(request.waiter(), cause);
		return true;
	}

	void response(ProtocolMessage message) {
		PendingRequest request = this.pending.remove(message.id());
		if (request == null) {
			logger.debug("Dropped a response to unknown request {}", message.id());
			return;
		}
		Content content;
		try {
			content = this.codec.decodeResponse(message);
		}
		catch (ProtocolException ex) {
			fail(request.waiter(), new RoomException("unreadable response from the room server to "
					+ request.description() + ": " + ex.getMessage(), ErrorCodes.UNEXPECTED_RESPONSE_TYPE, ex));
			return;
		}
		ObjectNode received = (request.queue() != null && content instanceof JsonContent json
				&& json.json() instanceof ObjectNode object) ? object : null;
		if (request.isAbandoned()) {
			if (received != null) {
				orphaned(request.queue(), received);
			}
			else {
				released(request);
			}
			return;
		}
		Waiter<?> waiter = request.waiter();
		callback(() -> {
			if (!waiter.complete(content) && received != null) {
				// the caller gave up at the same moment
				orphaned(request.queue(), received);
			}
		});
	}

	/** Fails the request whose answer was too large to read; false if it is not one of ours. */
	boolean tooLarge(MessageTooLargeException tooLarge, int maxMessageSize) {
		PendingRequest request = this.pending.remove(tooLarge.messageId());
		if (request == null) {
			return false;
		}
		logger.error("Discarded the answer to {}: {}", request.description(), tooLarge.getMessage());
		fail(request.waiter(), new ResponseTooLargeException(request.description(), maxMessageSize));
		released(request);
		return true;
	}

	/** The session closes: receives fail at once, and what still arrives for them is kept. */
	void closing(RoomException cause) {
		this.closing = true;
		for (PendingRequest receive : this.pending.abandonReceives()) {
			fail(receive.waiter(), cause);
		}
	}

	/**
	 * The session ends: held messages go on their way back unless a close takes them. Called before the client hears
	 * of the end, so that a close the application makes meanwhile finds them among the messages to send back.
	 */
	void ending() {
		if (!this.closing) {
			for (PendingRequests.Returned held : this.pending.takeAllHeld()) {
				this.owner.returnMessages(held.queue(), held.messages());
			}
		}
	}

	/** The session ended: what still waits fails, and held messages go back unless a close takes them. */
	void ended(RoomException cause) {
		for (PendingRequest request : this.pending.removeLive()) {
			fail(request.waiter(), cause);
		}
		ending();
	}

	/** Messages to send back after a close: those held for later receives and those that arrived while closing. */
	synchronized List<PendingRequests.Returned> takeClosingOrphans() {
		this.orphansTaken = true;
		List<PendingRequests.Returned> all = new ArrayList<>(this.pending.takeAllHeld());
		all.addAll(this.closingOrphans);
		this.closingOrphans.clear();
		return all;
	}

	int liveCount() {
		return this.pending.liveCount();
	}

	int unclaimedCount() {
		return this.pending.abandonedCount() + this.pending.heldCount();
	}

	void fail(Waiter<?> waiter, Throwable cause) {
		callback(() -> waiter.fail(cause));
	}

	/** Abandons the request when its caller's future completes some other way, such as a cancel or a timeout. */
	private void watch(PendingRequest request, Waiter<?> waiter, @Nullable Duration timeout) {
		if (timeout != null) {
			var expiry = this.scheduler.schedule(() -> callback(() -> waiter.fail(new RoomTimeoutException(
					"no response to " + request.description() + " within " + timeout.toMillis() + " ms"))),
					timeout.toNanos(), TimeUnit.NANOSECONDS);
			waiter.future().whenComplete((value, error) -> expiry.cancel(false));
		}
		waiter.future().whenComplete((value, error) -> {
			if (error != null) {
				waiter.report(null, error);
			}
			this.pending.abandonIfWaiting(request, waiter);
		});
	}

	private void orphaned(String queue, ObjectNode message) {
		if (this.closing) {
			synchronized (this) {
				if (!this.orphansTaken) {
					this.closingOrphans.add(new PendingRequests.Returned(queue, List.of(message)));
					return;
				}
			}
			this.owner.returnMessages(queue, List.of(message));
			return;
		}
		PendingRequests.Returned returned = this.pending.orphaned(queue, message, System.nanoTime() + this.holdTime.toNanos());
		if (returned != null) {
			this.owner.returnMessages(returned.queue(), returned.messages());
			return;
		}
		try {
			this.scheduler.schedule(() -> giveBack(this.pending.expired(queue, System.nanoTime())),
					this.holdTime.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (RejectedExecutionException ex) {
			// the client is closing, and its close sends held messages back
		}
	}

	/** An abandoned receive of a queue answered without a message: what it held back may go now. */
	private void released(PendingRequest request) {
		if (request.isAbandoned() && request.queue() != null) {
			giveBack(this.pending.releaseIfUnparked(request.queue()));
		}
	}

	private void giveBack(PendingRequests.@Nullable Returned returned) {
		if (returned != null) {
			this.owner.returnMessages(returned.queue(), returned.messages());
		}
	}

	/** Runs a task on the callback executor, which runs a task it refuses on a thread of its own. */
	private void callback(Runnable task) {
		this.callbacks.execute(task);
	}

}
