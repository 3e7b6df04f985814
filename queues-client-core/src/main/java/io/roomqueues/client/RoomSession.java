package io.roomqueues.client;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;

import io.roomqueues.client.transport.WebSocketHandler;
import io.roomqueues.client.transport.WebSocketSession;
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
 * One WebSocket session of a {@link RoomClient}: readiness once both {@code room_ready} and {@code connected} have
 * arrived, requests written with ids counted from 0 and their answers handed to the {@link ResponseDispatcher},
 * keepalive pings, and a close that reads on until the server has closed.
 */
final class RoomSession implements WebSocketHandler, MessageAssembler.Listener {

	private static final Logger logger = LoggerFactory.getLogger(RoomSession.class);

	/** What a session needs from the client that owns it. */
	interface Owner {

		/** The session ended; its pending requests are being failed with {@code cause}. */
		void sessionClosed(RoomSession session, RoomException cause);

		/** Messages that reached nobody and must go back to their queue, in order. */
		void returnMessages(String queue, List<ObjectNode> messages);

	}

	private final WireCodec codec;

	private final MessageAssembler assembler;

	private final Owner owner;

	private final KeepaliveMonitor keepalive;

	private final ResponseDispatcher responses;

	private final int maxMessageSize;

	private final CompletableFuture<JsonNode> roomReady = new CompletableFuture<>();

	private final CompletableFuture<JsonNode> connected = new CompletableFuture<>();

	private final CompletableFuture<Greeting> ready;

	private final CompletableFuture<Void> closed = new CompletableFuture<>();

	private final CallbackExecutor callbacks;

	private volatile @Nullable WebSocketSession socket;

	private volatile @Nullable CompletableFuture<WebSocketSession> opening;

	private volatile @Nullable RoomException closedWith;

	private volatile boolean closing;

	RoomSession(WireCodec codec, int maxMessageSize, Keepalive keepalive, Duration holdTime,
			ScheduledExecutorService scheduler, CallbackExecutor callbacks, Owner owner) {
		this.codec = codec;
		this.maxMessageSize = maxMessageSize;
		this.assembler = new MessageAssembler(maxMessageSize);
		this.owner = owner;
		this.callbacks = callbacks;
		this.keepalive = new KeepaliveMonitor(keepalive, scheduler, this::ping, this::abort);
		this.responses = new ResponseDispatcher(codec, scheduler, callbacks, holdTime, owner);
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
		return notOpen() == null;
	}

	/** Completes once {@code room_ready} and {@code connected} have both arrived, in either order. */
	CompletableFuture<Greeting> ready() {
		return this.ready;
	}

	/** Requests whose callers still wait for an answer. */
	int pendingCount() {
		return this.responses.liveCount();
	}

	/** Receives whose callers gave up but that are still parked on the server, and messages held for later ones. */
	int abandonedCount() {
		return this.responses.unclaimedCount();
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
			this.responses.fail(waiter, notOpen);
			return;
		}
		PendingRequest request = this.responses.register(type, header, queue, parks, waiter, timeout);
		if (request == null) {
			return;
		}
		// the session may have ended between the check and the registration, past the failing of its requests
		RoomException closedMeanwhile = this.closedWith;
		if (closedMeanwhile != null && this.responses.failUnsent(request, closedMeanwhile)) {
			return;
		}
		this.socket.send(this.codec.encode(request.id(), type, header)).whenComplete((ignored, error) -> {
			if (error != null) {
				this.responses.failUnsent(request, new RoomConnectionException(
						"could not send " + request.description() + ": " + error.getMessage(), error));
			}
		});
	}

	/**
	 * Sends a message that gets no response, such as {@code set_attributes}. The future completes on the callback
	 * executor, never on the thread that writes and reads the connection, so a caller may block in its callbacks.
	 */
	CompletableFuture<Void> sendOneWay(String type, JsonNode header) {
		RoomException notOpen = notOpen();
		if (notOpen != null) {
			return CompletableFuture.failedFuture(notOpen);
		}
		CompletableFuture<Void> sent = new CompletableFuture<>();
		this.socket.send(this.codec.encode(this.responses.nextId(), type, header))
			.whenComplete((ignored, error) -> this.callbacks.execute(() -> {
				if (error != null) {
					sent.completeExceptionally(error);
				}
				else {
					sent.complete(null);
				}
			}));
		return sent;
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
		this.responses.closing(cause);
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
	List<PendingRequests.Returned> takeClosingOrphans() {
		return this.responses.takeClosingOrphans();
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
			cause = new RoomConnectionClosedException(code, reason);
		}
		end(cause);
	}

	@Override
	public void onMessage(ProtocolMessage message) {
		switch (message.type()) {
			case MessageTypes.RESPONSE -> this.responses.response(message);
			case MessageTypes.ROOM_READY -> header(message).ifPresent(this.roomReady::complete);
			case MessageTypes.CONNECTED -> header(message).filter(RoomSession::isInit).ifPresent(this.connected::complete);
			default -> logger.debug("No handler for message type '{}'", message.type());
		}
	}

	@Override
	public void onError(ProtocolException error) {
		if (error instanceof MessageTooLargeException tooLarge && MessageTypes.RESPONSE.equals(tooLarge.messageType())
				&& this.responses.tooLarge(tooLarge, this.maxMessageSize)) {
			return;
		}
		logger.warn("Dropped a malformed message from the room server: {}", error.getMessage());
	}

	/** Ends the session once: fails what still waits, hands held messages back, tells the owner. */
	private void end(RoomException cause) {
		synchronized (this.closed) {
			if (this.closed.isDone()) {
				return;
			}
			if (this.closedWith == null) {
				this.closedWith = cause;
			}
		}
		this.keepalive.stop();
		RoomConnectionException notReady = new RoomConnectionException(
				"room connection closed before it was ready: " + cause.getMessage(), null);
		this.roomReady.completeExceptionally(notReady);
		this.connected.completeExceptionally(notReady);
		try {
			this.responses.ending();
			// the owner before the requests fail, so that whoever retries a failed request sees the connection as lost
			this.owner.sessionClosed(this, cause);
		}
		finally {
			this.responses.ended(cause);
			this.closed.complete(null);
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

}
