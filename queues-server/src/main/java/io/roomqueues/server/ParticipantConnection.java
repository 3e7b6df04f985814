package io.roomqueues.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.roomqueues.protocol.Content;
import io.roomqueues.protocol.EmptyContent;
import io.roomqueues.protocol.ErrorCodes;
import io.roomqueues.protocol.ErrorContent;
import io.roomqueues.protocol.FrameAccumulator;
import io.roomqueues.protocol.JsonContent;
import io.roomqueues.protocol.MessageAssembler;
import io.roomqueues.protocol.MessageTooLargeException;
import io.roomqueues.protocol.MessageTypes;
import io.roomqueues.protocol.ProtocolException;
import io.roomqueues.protocol.ProtocolMessage;
import io.roomqueues.protocol.WireCodec;
import io.roomqueues.token.ParticipantToken;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One participant's connection: reassembles its frames, routes its requests, writes its responses and owns the
 * receives it has parked, which leave their queues when it closes.
 */
final class ParticipantConnection implements MessageAssembler.Listener {

	private static final Logger logger = LoggerFactory.getLogger(ParticipantConnection.class);

	private static final int MAX_CLOSE_REASON_BYTES = 123;

	private final Session session;

	private final ParticipantToken participant;

	private final Room room;

	private final WireCodec codec;

	private final MessageRouter router;

	private final ConnectionWriter writer;

	private final MessageAssembler assembler;

	private final FrameAccumulator frames;

	private final Set<ParkedReceive> parked = ConcurrentHashMap.newKeySet();

	private final AtomicLong pushIds = new AtomicLong();

	private final AtomicBoolean closed = new AtomicBoolean();

	private final Executor deliveries;

	ParticipantConnection(Session session, ParticipantToken participant, Room room, WireCodec codec,
			MessageRouter router, ServerLimits limits, Executor deliveries) {
		this.deliveries = deliveries;
		this.session = session;
		this.participant = participant;
		this.room = room;
		this.codec = codec;
		this.router = router;
		this.writer = new ConnectionWriter(session.getBasicRemote(), limits.maxPendingOutboundBytes(),
				(cause) -> closeWith(CloseReason.CloseCodes.UNEXPECTED_CONDITION, cause.getMessage()));
		this.assembler = new MessageAssembler(limits.maxMessageSize());
		this.frames = new FrameAccumulator(limits.maxMessageSize() + 64 * 1024);
	}

	ParticipantToken participant() {
		return this.participant;
	}

	Room room() {
		return this.room;
	}

	/** Sends {@code room_ready} and then {@code connected}, which clients wait for before they are ready. */
	void greet(String roomUrl) {
		ObjectNode ready = this.codec.jsonMapper().createObjectNode();
		ready.put("room_name", this.room.name()).put("room_url", roomUrl).put("session_id", this.session.getId());
		push(MessageTypes.ROOM_READY, ready);
		ObjectNode connected = this.codec.jsonMapper().createObjectNode();
		connected.put("type", "init").put("participantId", UUID.randomUUID().toString());
		connected.putObject("attributes").put("name", this.participant.name());
		push(MessageTypes.CONNECTED, connected);
	}

	/** Takes one part of a WebSocket message. */
	void onBinary(ByteBuffer part, boolean last) {
		ByteBuffer frame;
		try {
			frame = this.frames.add(part, last);
		}
		catch (IllegalStateException ex) {
			closeWith(CloseReason.CloseCodes.TOO_BIG, ex.getMessage());
			return;
		}
		if (frame != null) {
			this.assembler.accept(frame, this);
		}
	}

	@Override
	public void onMessage(ProtocolMessage message) {
		this.router.route(this, message);
	}

	@Override
	public void onError(ProtocolException error) {
		if (error instanceof MessageTooLargeException tooLarge) {
			if (!MessageTypes.SET_ATTRIBUTES.equals(tooLarge.messageType())) {
				respond(tooLarge.messageId(), new ErrorContent(tooLarge.getMessage(), ErrorCodes.INVALID_REQUEST));
			}
			return;
		}
		closeWith(CloseReason.CloseCodes.PROTOCOL_ERROR, "malformed frame: " + error.getMessage());
	}

	void respond(long requestId, Content content) {
		this.writer.send(this.codec.encodeResponse(requestId, content), () -> {
		});
	}

	/**
	 * Answers a receive of this connection with a message, on the calling thread; if the write fails, the message
	 * goes back to the head of its queue.
	 */
	void deliver(long requestId, String queue, JsonNode message) {
		this.writer.send(this.codec.encodeResponse(requestId, new JsonContent(message)),
				() -> redeliver(queue, message));
	}

	/**
	 * Answers a parked receive with a message. Called from another connection's request, so the write runs on the
	 * delivery executor: a consumer that does not read never blocks the producer.
	 */
	void deliver(ParkedReceive receive, JsonNode message) {
		this.parked.remove(receive);
		elsewhere(() -> deliver(receive.requestId(), receive.queue(), message));
	}

	/** Answers a parked receive with empty, because its queue was closed; runs on the delivery executor. */
	void release(ParkedReceive receive) {
		this.parked.remove(receive);
		elsewhere(() -> respond(receive.requestId(), EmptyContent.INSTANCE));
	}

	private void elsewhere(Runnable write) {
		try {
			this.deliveries.execute(write);
		}
		catch (RejectedExecutionException ex) {
			// the server is stopping: write here rather than lose the message
			write.run();
		}
	}

	void park(ParkedReceive receive) {
		this.parked.add(receive);
	}

	void unpark(ParkedReceive receive) {
		this.parked.remove(receive);
	}

	/** Closes this connection only, telling the client why. */
	void closeWith(CloseReason.CloseCode code, String reason) {
		if (this.closed.get()) {
			return;
		}
		logger.warn("Closing connection {} of participant '{}' in room '{}': {}", this.session.getId(),
				this.participant.name(), this.room.name(), reason);
		try {
			this.session.close(new CloseReason(code, truncate(reason)));
		}
		catch (IOException | IllegalStateException ex) {
			logger.debug("Close of connection {} failed", this.session.getId(), ex);
		}
		finally {
			closed();
		}
	}

	/** Releases what the connection holds once its socket is gone. */
	void closed() {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		for (ParkedReceive receive : this.parked) {
			if (receive.claim()) {
				this.room.forget(receive);
			}
		}
		this.parked.clear();
		this.writer.close();
	}

	private void push(String type, JsonNode header) {
		this.writer.send(this.codec.encode(this.pushIds.getAndIncrement(), type, header), () -> {
		});
	}

	private void redeliver(String queue, JsonNode message) {
		ParkedReceive next = this.room.requeueFirst(queue, message);
		if (next != null) {
			next.connection().deliver(next, message);
		}
	}

	private static String truncate(String reason) {
		byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
		if (bytes.length <= MAX_CLOSE_REASON_BYTES) {
			return reason;
		}
		String cut = new String(bytes, 0, MAX_CLOSE_REASON_BYTES - 3, StandardCharsets.UTF_8);
		return cut.substring(0, cut.length() - 1) + "...";
	}

}
