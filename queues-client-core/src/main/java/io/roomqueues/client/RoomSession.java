package io.roomqueues.client;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

import io.roomqueues.client.transport.WebSocketHandler;
import io.roomqueues.client.transport.WebSocketSession;
import io.roomqueues.protocol.Content;
import io.roomqueues.protocol.ErrorCodes;
import io.roomqueues.protocol.JsonContent;
import io.roomqueues.protocol.MessageAssembler;
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
 * readiness once both {@code room_ready} and {@code connected} have arrived.
 */
final class RoomSession implements WebSocketHandler, MessageAssembler.Listener {

	private static final Logger logger = LoggerFactory.getLogger(RoomSession.class);

	/** Told when the session ends. */
	interface Owner {

		void sessionClosed(RoomSession session, int code, String reason);

	}

	private final WireCodec codec;

	private final MessageAssembler assembler;

	private final ScheduledExecutorService scheduler;

	private final Owner owner;

	private final AtomicLong ids = new AtomicLong();

	private final Map<Long, CompletableFuture<Content>> pending = new ConcurrentHashMap<>();

	/** The queue of each pending receive, so a message arriving while closing can be sent back. */
	private final Map<Long, String> receives = new ConcurrentHashMap<>();

	private final CompletableFuture<Void> closed = new CompletableFuture<>();

	private volatile @Nullable BiConsumer<String, ObjectNode> orphans;

	private final CompletableFuture<JsonNode> roomReady = new CompletableFuture<>();

	private final CompletableFuture<JsonNode> connected = new CompletableFuture<>();

	private final CompletableFuture<Greeting> ready;

	private volatile @Nullable WebSocketSession socket;

	private volatile @Nullable RoomException closedWith;

	RoomSession(WireCodec codec, int maxMessageSize, ScheduledExecutorService scheduler, Owner owner) {
		this.codec = codec;
		this.assembler = new MessageAssembler(maxMessageSize);
		this.scheduler = scheduler;
		this.owner = owner;
		this.ready = this.roomReady.thenCombine(this.connected, (room, init) -> new Greeting(
				room.path("room_name").asString(""), room.path("session_id").asString(""),
				init.get("participantId").stringValue()));
	}

	void attach(WebSocketSession socket) {
		this.socket = socket;
		if (this.closedWith != null) {
			// the attempt was given up before the socket arrived
			socket.abort();
		}
	}

	/** Whether requests can still be sent on this session. */
	boolean isOpen() {
		return this.closedWith == null && this.socket != null;
	}

	/** Completes once {@code room_ready} and {@code connected} have both arrived, in either order. */
	CompletableFuture<Greeting> ready() {
		return this.ready;
	}

	int pendingCount() {
		return this.pending.size();
	}

	CompletableFuture<Content> request(String type, JsonNode header, @Nullable Duration timeout) {
		CompletableFuture<Content> response = new CompletableFuture<>();
		RoomException closed = this.closedWith;
		WebSocketSession open = this.socket;
		if (closed != null || open == null) {
			response.completeExceptionally((closed != null) ? closed
					: new RoomConnectionException("room connection is not open yet", null));
			return response;
		}
		long id = this.ids.getAndIncrement();
		String receiveQueue = receiveQueue(header);
		if (receiveQueue != null) {
			this.receives.put(id, receiveQueue);
		}
		this.pending.put(id, response);
		if (this.closedWith != null) {
			fail(id, this.closedWith);
			return response;
		}
		if (timeout != null) {
			var expiry = this.scheduler.schedule(() -> fail(id, new RoomTimeoutException(
					"no response to " + describe(type, header) + " within " + timeout.toMillis() + " ms")),
					timeout.toNanos(), TimeUnit.NANOSECONDS);
			response.whenComplete((content, error) -> expiry.cancel(false));
		}
		ByteBuffer[] frames = this.codec.encode(id, type, header);
		open.send(frames).whenComplete((ignored, error) -> {
			if (error != null) {
				fail(id, new RoomConnectionException("could not send " + describe(type, header) + ": " + error.getMessage(),
						error));
			}
		});
		return response;
	}

	/** Sends a message that gets no response, such as {@code set_attributes}. */
	CompletableFuture<Void> sendOneWay(String type, JsonNode header) {
		WebSocketSession open = this.socket;
		if (open == null || this.closedWith != null) {
			return CompletableFuture.failedFuture(new RoomConnectionException("room connection is not open", null));
		}
		return open.send(this.codec.encode(this.ids.getAndIncrement(), type, header));
	}

	/** Receives waiting for their response. */
	int pendingReceives() {
		return this.receives.size();
	}

	/**
	 * Starts the close handshake but goes on reading until the server's close: requests answered meanwhile complete,
	 * except receives answered with a message, which fail with the cause while the message is handed to
	 * {@code orphans} to be sent back to its queue.
	 * @return completes when the server has closed the connection
	 */
	CompletableFuture<Void> closeReturningMessages(RoomException cause, BiConsumer<String, ObjectNode> orphans) {
		this.orphans = orphans;
		this.closedWith = cause;
		WebSocketSession open = this.socket;
		if (open != null) {
			open.close(1000, "client closing");
		}
		else {
			failAll(cause);
			this.closed.complete(null);
		}
		return this.closed;
	}

	/** Fails every pending request and closes the socket. */
	void close(int code, String reason, RoomException cause) {
		failAll(cause);
		WebSocketSession open = this.socket;
		if (open != null) {
			open.close(code, reason);
		}
	}

	void abort(RoomException cause) {
		failAll(cause);
		WebSocketSession open = this.socket;
		if (open != null) {
			open.abort();
		}
	}

	@Override
	public void onFrame(ByteBuffer frame) {
		this.assembler.accept(frame, this);
	}

	@Override
	public void onClose(int code, String reason) {
		String text = "room connection closed before request completed: " + code
				+ (reason.isEmpty() ? "" : " " + reason);
		RoomConnectionException notReady = new RoomConnectionException(
				"room connection closed before it was ready: " + code + (reason.isEmpty() ? "" : " " + reason), null);
		this.roomReady.completeExceptionally(notReady);
		this.connected.completeExceptionally(notReady);
		// the owner first, so that whoever retries a failed request below sees the connection as lost
		if (this.closedWith == null) {
			this.closedWith = new RoomConnectionException(text, null);
		}
		this.owner.sessionClosed(this, code, reason);
		RoomException closing = this.closedWith;
		failAll((this.orphans != null && closing != null) ? closing : new RoomConnectionException(text, null));
		this.closed.complete(null);
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
		logger.warn("Dropped a malformed message from the room server: {}", error.getMessage());
	}

	private void response(ProtocolMessage message) {
		String receiveQueue = this.receives.remove(message.id());
		CompletableFuture<Content> response = this.pending.remove(message.id());
		if (response == null) {
			logger.debug("Dropped a response to unknown request {}", message.id());
			return;
		}
		try {
			Content content = this.codec.decodeResponse(message);
			BiConsumer<String, ObjectNode> orphaned = this.orphans;
			if (orphaned != null && receiveQueue != null && content instanceof JsonContent json
					&& json.json() instanceof ObjectNode received) {
				orphaned.accept(receiveQueue, received);
				response.completeExceptionally(this.closedWith);
				return;
			}
			response.complete(content);
		}
		catch (ProtocolException ex) {
			response.completeExceptionally(new RoomException("unreadable response from the room server: "
					+ ex.getMessage(), ErrorCodes.UNEXPECTED_RESPONSE_TYPE, ex));
		}
	}

	private java.util.Optional<JsonNode> header(ProtocolMessage message) {
		try {
			return java.util.Optional.of(this.codec.decodePayload(message).header());
		}
		catch (ProtocolException ex) {
			logger.warn("Dropped an unreadable '{}' message: {}", message.type(), ex.getMessage());
			return java.util.Optional.empty();
		}
	}

	private static boolean isInit(JsonNode connected) {
		return "init".equals(connected.path("type").asString("")) && connected.path("participantId").isString()
				&& connected.path("attributes").isObject();
	}

	private void fail(long id, RoomException cause) {
		this.receives.remove(id);
		CompletableFuture<Content> response = this.pending.remove(id);
		if (response != null) {
			response.completeExceptionally(cause);
		}
	}

	private void failAll(RoomException cause) {
		if (this.closedWith == null) {
			this.closedWith = cause;
		}
		List<Long> ids = new ArrayList<>(this.pending.keySet());
		for (Long id : ids) {
			fail(id, cause);
		}
	}

	private static @Nullable String receiveQueue(JsonNode header) {
		if (!"queues".equals(header.path("toolkit").asString("")) || !"receive".equals(header.path("tool").asString(""))) {
			return null;
		}
		JsonNode name = header.path("arguments").path("json").path("name");
		return name.isString() ? name.stringValue() : null;
	}

	private static String describe(String type, JsonNode header) {
		JsonNode tool = header.get("tool");
		return (tool != null && tool.isString()) ? header.path("toolkit").asString("") + "." + tool.stringValue() : type;
	}

}
