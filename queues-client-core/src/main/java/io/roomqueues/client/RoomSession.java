package io.roomqueues.client;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.roomqueues.client.transport.WebSocketHandler;
import io.roomqueues.client.transport.WebSocketSession;
import io.roomqueues.protocol.Content;
import io.roomqueues.protocol.ErrorCodes;
import io.roomqueues.protocol.JsonContent;
import io.roomqueues.protocol.MessageAssembler;
import io.roomqueues.protocol.MessageTooLargeException;
import io.roomqueues.protocol.MessageTypes;
import io.roomqueues.protocol.ProtocolException;
import io.roomqueues.protocol.ProtocolMessage;
import io.roomqueues.protocol.WireCodec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One WebSocket session of a {@link RoomClient}: ids counted from 0, pending requests matched to responses by id,
 * readiness once both {@code room_ready} and {@code connected} have arrived, keepalive pings.
 *
 * <p>
 * Responses are read on the transport's reader thread and handed to the callers on the client's callback executor,
 * so a caller that blocks in a callback never stalls the connection. A receive's message that reaches no caller
 * (abandoned, or answered while the session closes) is kept, see {@link PendingRequests}.
 */
final class RoomSession implements WebSocketHandler, MessageAssembler.Listener {

	private static final Logger logger = LoggerFactory.getLogger(RoomSession.class);

	/** What a session needs from the client that owns it. */
	interface Owner {

		/** The session ended; its pending requests have been failed with {@code cause}. */
		void sessionClosed(RoomSession session, RoomException cause);

		/** Messages that reached nobody and must go back to their queue, in order. */
		void returnMessages(String queue, List<ObjectNode> messages);

	}

	private final WireCodec codec;

	private final MessageAssembler assembler;

	private final ScheduledExecutorService scheduler;

	private final Executor callbacks;

	private final Owner owner;

	private final KeepaliveMonitor keepalive;

	private final int maxMessageSize;

	private final AtomicLong ids = new AtomicLong();

	private final PendingRequests pending = new PendingRequests();

	private final CompletableFuture<JsonNode> roomReady = new CompletableFuture<>();

	private final CompletableFuture<JsonNode> connected = new CompletableFuture<>();

	private final CompletableFuture<Greeting> ready;

	private final CompletableFuture<Void> closed = new CompletableFuture<>();

	/** Messages that arrived for receives while closing; guarded by {@code this}. */
	private final List<PendingRequests.Returned> closingOrphans = new ArrayList<>();

	private volatile @Nullable WebSocketSession socket;

	private volatile @Nullable CompletableFuture<WebSocketSession> opening;

	private volatile @Nullable RoomException closedWith;

	private volatile boolean closing;

	private boolean orphansTaken;

	RoomSession(WireCodec codec, int maxMessageSize, Keepalive keepalive, ScheduledExecutorService scheduler,
			Executor callbacks, Owner owner) {
		this.codec = codec;
		this.maxMessageSize = maxMessageSize;
		this.assembler = new MessageAssembler(maxMessageSize);
		this.scheduler = scheduler;
		this.callbacks = callbacks;
		this.owner = owner;
		this.keepalive = new KeepaliveMonitor(keepalive, scheduler, this::ping, this::abort);
		this.ready = this.roomReady.thenCombine(this.connected, (room, init) -> new Greeting(
				room.path("room_name").asString(""), room.path("session_id").asString(""),
				init.get("participantId").stringValue()));
	}

	/** The transport's opening of this session's socket, given up if the session is aborted first. */
	void connecting(CompletableFuture<WebSocketSession> opening) {
		this.opening = opening;
		if (this.closedWith != null) {
			opening.cancel(true);
		}
	}

	void attach(WebSocketSession socket) {
		this.socket = socket;
		if (this.closedWith != null) {
			// the attempt was given up before the socket arrived
			socket.abort();
			return;
		}
		this.keepalive.start();
	}

	/** Whether requests can still be sent on this session. */
	boolean isOpen() {
		return this.closedWith == null && !this.closing && this.socket != null;
	}

	/** Completes once {@code room_ready} and {@code connected} have both arrived, in either order. */
	CompletableFuture<Greeting> ready() {
		return this.ready;
	}

	/** Requests whose callers still wait for an answer. */
	int pendingCount() {
		return this.pending.liveCount();
	}

	/** Receives whose callers gave up but that are still parked on the server, and messages held for later ones. */
	int abandonedCount() {
		return this.pending.abandonedCount() + this.pending.heldCount();
	}

	/**
	 * Sends a request; its answer completes the waiter's future, on the callback executor.
	 * @param queue the queue of a receive, whose message must never be lost, or {@code null}
	 * @param parks whether it is a receive that waits on the server for a message
	 * @param timeout how long the caller waits, or {@code null}; after it the request is abandoned, not forgotten
	 */
	void request(String type, JsonNode header, @Nullable String queue, boolean parks, Waiter<?> waiter,
			@Nullable Duration timeout) {
		RoomException notOpen = notOpen();
		if (notOpen != null) {
			fail(waiter, notOpen);
			return;
		}
		if (queue != null && (takeHeld(queue, waiter) || (parks && adopt(queue, waiter, timeout)))) {
			return;
		}
		PendingRequest request = new PendingRequest(this.ids.getAndIncrement(), describe(type, header), queue, parks,
				waiter);
		this.pending.add(request);
		watch(request, waiter, timeout);
		RoomException closedMeanwhile = this.closedWith;
		if (closedMeanwhile != null && this.pending.remove(request.id()) != null) {
			fail(waiter, closedMeanwhile);
			return;
		}
		ByteBuffer[] frames = this.codec.encode(request.id(), type, header);
		WebSocketSession open = this.socket;
		open.send(frames).whenComplete((ignored, error) -> {
			if (error != null && this.pending.remove(request.id()) != null) {
				fail(request.waiter(), new RoomConnectionException(
						"could not send " + request.description() + ": " + error.getMessage(), error));
			}
		});
	}

	/** Sends a message that gets no response, such as {@code set_attributes}. */
	CompletableFuture<Void> sendOneWay(String type, JsonNode header) {
		WebSocketSession open = this.socket;
		RoomException notOpen = notOpen();
		if (open == null || notOpen != null) {
			return CompletableFuture.failedFuture((notOpen != null) ? notOpen
					: new RoomConnectionException("room connection is not open", null));
		}
		return open.send(this.codec.encode(this.ids.getAndIncrement(), type, header));
	}

	/**
	 * Starts the close handshake but goes on reading until the server's close: requests answered meanwhile complete;
	 * receives fail with the cause at once, and a message that still arrives for one is kept for
	 * {@link #takeClosingOrphans()}, to be sent back over another connection.
	 * @return completes when the server has closed the connection
	 */
	CompletableFuture<Void> closeReturningMessages(RoomException cause) {
		this.closing = true;
		this.keepalive.stop();
		for (PendingRequest receive : this.pending.abandonReceives()) {
			fail(receive.waiter(), cause);
		}
		WebSocketSession open = this.socket;
		if (open != null) {
			open.close(1000, "client closing");
		}
		else {
			end(cause);
		}
		return this.closed;
	}

	/** Messages to send back after a close: those held for later receives and those that arrived while closing. */
	synchronized List<PendingRequests.Returned> takeClosingOrphans() {
		this.orphansTaken = true;
		List<PendingRequests.Returned> all = new ArrayList<>(this.pending.takeAllHeld());
		all.addAll(this.closingOrphans);
		this.closingOrphans.clear();
		return all;
	}

	/** Drops the connection at once; pending requests fail with the cause. */
	void abort(RoomException cause) {
		if (this.closedWith == null) {
			this.closedWith = cause;
		}
		this.keepalive.stop();
		WebSocketSession open = this.socket;
		CompletableFuture<WebSocketSession> pending = this.opening;
		if (open != null) {
			open.abort();
		}
		else {
			if (pending != null) {
				pending.cancel(true);
			}
			end(cause);
		}
	}

	@Override
	public void onFrame(ByteBuffer frame) {
		this.keepalive.heard();
		this.assembler.accept(frame, this);
	}

	@Override
	public void onPong() {
		this.keepalive.heard();
	}

	@Override
	public void onClose(int code, String reason) {
		RoomException cause = this.closedWith;
		if (cause == null) {
			cause = new RoomConnectionException("room connection closed before request completed: " + code
					+ (reason.isEmpty() ? "" : " " + reason), null);
		}
		end(cause);
	}

	@Override
	public void onMessage(ProtocolMessage message) {
		switch (message.type()) {
			case MessageTypes.RESPONSE -> response(message);
			case MessageTypes.ROOM_READY -> header(message).ifPresent(this.roomReady::complete);
			case MessageTypes.CONNECTED -> header(message).filter(RoomSession::isInit).ifPresent(this.connected::complete);
			default -> logger.debug("No handler for message type '{}'", message.type());
		}
	}

	@Override
	public void onError(ProtocolException error) {
		if (error instanceof MessageTooLargeException tooLarge
				&& MessageTypes.RESPONSE.equals(tooLarge.messageType())) {
			PendingRequest request = this.pending.remove(tooLarge.messageId());
			if (request != null) {
				logger.error("Discarded the answer to {}: {}", request.description(), tooLarge.getMessage());
				fail(request.waiter(), new ResponseTooLargeException(request.description(), this.maxMessageSize));
				return;
			}
		}
		logger.warn("Dropped a malformed message from the room server: {}", error.getMessage());
	}

	/** Ends the session once: fails what still waits, hands held messages back, tells the owner. */
	private void end(RoomException cause) {
		if (this.closed.isDone()) {
			return;
		}
		this.keepalive.stop();
		if (this.closedWith == null) {
			this.closedWith = cause;
		}
		RoomConnectionException notReady = new RoomConnectionException(
				"room connection closed before it was ready: " + cause.getMessage(), null);
		this.roomReady.completeExceptionally(notReady);
		this.connected.completeExceptionally(notReady);
		// the owner first, so that whoever retries a failed request below sees the connection as lost
		this.owner.sessionClosed(this, cause);
		for (PendingRequest request : this.pending.removeLive()) {
			fail(request.waiter(), cause);
		}
		if (!this.closing) {
			for (PendingRequests.Returned held : this.pending.takeAllHeld()) {
				this.owner.returnMessages(held.queue(), held.messages());
			}
		}
		this.closed.complete(null);
	}

	private void response(ProtocolMessage message) {
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

	private boolean takeHeld(String queue, Waiter<?> waiter) {
		ObjectNode held = this.pending.takeHeld(queue);
		if (held == null) {
			return false;
		}
		callback(() -> {
			if (!waiter.complete(new JsonContent(held))) {
				orphaned(queue, held);
			}
		});
		return true;
	}

	private boolean adopt(String queue, Waiter<?> waiter, @Nullable Duration timeout) {
		PendingRequest adopted = this.pending.adopt(queue, waiter);
		if (adopted == null) {
			return false;
		}
		watch(adopted, waiter, timeout);
		return true;
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
		PendingRequests.Returned returned = this.pending.orphaned(queue, message);
		if (returned != null) {
			this.owner.returnMessages(returned.queue(), returned.messages());
		}
	}

	private void fail(Waiter<?> waiter, Throwable cause) {
		callback(() -> waiter.fail(cause));
	}

	private void callback(Runnable task) {
		try {
			this.callbacks.execute(task);
		}
		catch (RejectedExecutionException ex) {
			task.run();
		}
	}

	private CompletableFuture<Void> ping() {
		WebSocketSession open = this.socket;
		return (open != null) ? open.ping() : CompletableFuture.completedFuture(null);
	}

	private @Nullable RoomException notOpen() {
		RoomException closed = this.closedWith;
		if (closed != null) {
			return closed;
		}
		if (this.closing) {
			return new RoomClosedException("room client is closing");
		}
		return (this.socket == null) ? new RoomConnectionException("room connection is not open yet", null) : null;
	}

	private Optional<JsonNode> header(ProtocolMessage message) {
		try {
			return Optional.of(this.codec.decodePayload(message).header());
		}
		catch (ProtocolException ex) {
			logger.warn("Dropped an unreadable '{}' message: {}", message.type(), ex.getMessage());
			return Optional.empty();
		}
	}

	private static boolean isInit(JsonNode connected) {
		return "init".equals(connected.path("type").asString("")) && connected.path("participantId").isString()
				&& connected.path("attributes").isObject();
	}

	private static String describe(String type, JsonNode header) {
		JsonNode tool = header.get("tool");
		if (tool == null || !tool.isString()) {
			return type;
		}
		JsonNode queue = header.path("arguments").path("json").path("name");
		return header.path("toolkit").asString("") + "." + tool.stringValue()
				+ (queue.isString() ? " on '" + queue.stringValue() + "'" : "");
	}

}
