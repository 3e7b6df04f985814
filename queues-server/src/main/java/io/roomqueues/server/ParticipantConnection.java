package io.roomqueues.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.roomqueues.protocol.Content;
import io.roomqueues.protocol.EmptyContent;
import io.roomqueues.protocol.ErrorCodes;
import io.roomqueues.protocol.ErrorContent;
import io.roomqueues.protocol.FrameAccumulator;
import io.roomqueues.protocol.MessageAssembler;
import io.roomqueues.protocol.MessageTooLargeException;
import io.roomqueues.protocol.MessageTypes;
import io.roomqueues.protocol.ProtocolException;
import io.roomqueues.protocol.ProtocolMessage;
import io.roomqueues.protocol.WireCodec;
import io.roomqueues.token.ParticipantToken;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import org.jspecify.annotations.Nullable;
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

	private static final Executor HERE = Runnable::run;

	private static final Runnable NOTHING = () -> {
	};

	private final Session session;

	private final ParticipantToken participant;

	private final Room room;

	private final WireCodec codec;

	private final MessageRouter router;

	private final ConnectionWriter writer;

	private final MessageAssembler assembler;

	private final FrameAccumulator frames;

	private final ParkedReceives parked;

	private final Liveness liveness = new Liveness(System.nanoTime());

	private final AtomicLong pushIds = new AtomicLong();

	private final AtomicBoolean closed = new AtomicBoolean();

	private final Executor deliveries;

	private final Consumer<ParticipantConnection> onClosed;

	/**
	 * Creates the connection of an open session.
	 * @param deliveries runs writes for other connections' requests and anything that may block on the socket
	 * @param onClosed run once, when the connection closes for whatever reason
	 */
	ParticipantConnection(Session session, ParticipantToken participant, Room room, WireCodec codec,
			MessageRouter router, ServerLimits limits, Executor deliveries, Consumer<ParticipantConnection> onClosed) {
		this.session = session;
		this.participant = participant;
		this.room = room;
		this.codec = codec;
		this.router = router;
		this.deliveries = deliveries;
		this.onClosed = onClosed;
		this.writer = new ConnectionWriter(session.getBasicRemote(), limits.maxPendingOutboundBytes(), this::writeFailed,
				this::refill);
		this.assembler = new MessageAssembler(limits.maxMessageSize());
		this.frames = new FrameAccumulator(limits.maxMessageSize() + 64 * 1024);
		this.parked = new ParkedReceives(room, limits.maxParkedReceivesPerConnection());
	}

	ParticipantToken participant() {
		return this.participant;
	}

	Room room() {
		return this.room;
	}

	Liveness liveness() {
		return this.liveness;
	}

	/**
	 * Sends {@code room_ready} and then {@code connected}, which clients wait for before they are ready, and a ping,
	 * whose automatic pong is the first frame of a client that has nothing to say yet.
	 */
	void greet(String roomUrl) {
		ObjectNode ready = this.codec.jsonMapper().createObjectNode();
		ready.put("room_name", this.room.name()).put("room_url", roomUrl).put("session_id", this.session.getId());
		push(MessageTypes.ROOM_READY, ready);
		ObjectNode connected = this.codec.jsonMapper().createObjectNode();
		connected.put("type", "init").put("participantId", UUID.randomUUID().toString());
		connected.putObject("attributes").put("name", this.participant.name());
		push(MessageTypes.CONNECTED, connected);
		ping();
	}

	/**
	 * Takes one part of a WebSocket message. Once the connection is closed, what the client sent before it heard of
	 * the close is dropped: it is never carried out, as its answer could not be written.
	 */
	void onBinary(ByteBuffer part, boolean last) {
		if (this.closed.get()) {
			return;
		}
		heard();
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

	/** Records that the client was heard from, by any frame. */
	void heard() {
		this.liveness.heard(System.nanoTime());
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
		this.writer.respond(this.codec.encodeResponse(requestId, content));
	}

	/** Whether another queue message may be handed to this connection now; see {@link ConnectionWriter}. */
	boolean hasDeliveryRoom() {
		return this.writer.hasRoom();
	}

	/** Answers a receive of this connection with a message, on the calling thread. */
	void deliver(long requestId, String queue, QueuedMessage message) {
		deliver(requestId, queue, message, HERE);
	}

	/** Answers a parked receive with a message; called from another connection's request. */
	void deliver(ParkedReceive receive, QueuedMessage message) {
		this.parked.remove(receive);
		deliver(receive.requestId(), receive.queue(), message, this.deliveries);
	}

	/** Answers a parked receive with empty, because its queue was closed; runs on the delivery executor. */
	void release(ParkedReceive receive) {
		this.parked.remove(receive);
		elsewhere(() -> respond(receive.requestId(), EmptyContent.INSTANCE));
	}

	/**
	 * Counts a receive that is about to park.
	 * @throws QueueException (1008) at the per-connection limit of parked receives
	 */
	void park(ParkedReceive receive) {
		this.parked.add(receive);
	}

	void unpark(ParkedReceive receive) {
		this.parked.remove(receive);
	}

	int parkedCount() {
		return this.parked.size();
	}

	/** Pings the client; the write runs on the delivery executor, as a dead peer may block it. */
	void ping() {
		elsewhere(() -> {
			try {
				this.session.getBasicRemote().sendPing(ByteBuffer.allocate(0));
			}
			catch (IOException | IllegalStateException ex) {
				logger.debug("Ping of connection {} failed", this.session.getId(), ex);
			}
		});
	}

	/**
	 * Closes this connection only, telling the client why. The close frame goes out once a batch being written has
	 * gone out whole, never on the thread that reads the connection (it may wait for a write in progress), and the
	 * session waits for the client's close frame for the pong timeout.
	 */
	void closeWith(CloseReason.CloseCode code, String reason) {
		release(reason, true, () -> elsewhere(() -> SessionCloser.close(this.session, code, reason)));
	}

	/**
	 * Closes a connection whose peer is gone, silent or not reading: what it holds is released at once; the close
	 * runs on the delivery executor, as the socket may not take it, and does not wait for the peer's answer.
	 */
	void abandon(CloseReason.CloseCode code, String reason) {
		release(reason, false, closeNowElsewhere(code, reason));
	}

	/**
	 * Releases what the connection holds once it closes, in an order that loses nothing: first its parked receives,
	 * so no message can be handed to it any more, then its unwritten messages, which go back to their queues.
	 */
	void closed() {
		release(null, false, NOTHING);
	}

	/**
	 * The container reports an error on the session, which it then closes: the connection is released first, so that
	 * the close frame the container writes is never held in a batch of this connection's writer.
	 */
	void failed(Throwable error) {
		if (release(null, false,
				closeNowElsewhere(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "session error: " + error.getMessage()))) {
			logger.debug("Connection {} released on a session error: {}", this.session.getId(), error.toString());
		}
	}

	/**
	 * Releases what the connection holds, once, and has its writer close the session after the batch it may be
	 * writing, so that no frame of ours follows the start of the close.
	 * @param reason logged as a close of ours, or {@code null} for a close that is no news
	 * @param answersFirst whether the answers still waiting are written before the close (a client that reads)
	 * @return whether this call did it
	 */
	private boolean release(@Nullable String reason, boolean answersFirst, Runnable closeSession) {
		if (!this.closed.compareAndSet(false, true)) {
			return false;
		}
		if (reason != null) {
			logClose(reason);
		}
		try {
			this.parked.releaseAll();
			this.writer.close(closeSession, answersFirst);
		}
		finally {
			this.onClosed.accept(this);
		}
		return true;
	}

	/**
	 * A write failed: the connection is closed at once. A write the container refused because its session is closing
	 * already (its close frame went out) is no news, and is not logged as a close of ours.
	 */
	private void writeFailed(Throwable cause) {
		if (cause instanceof IllegalStateException) {
			if (release(null, false,
					closeNowElsewhere(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "write refused: " + cause.getMessage()))) {
				logger.debug("Write to connection {} refused, its session is closing: {}", this.session.getId(),
						cause.getMessage());
			}
			return;
		}
		if (!(cause instanceof IOException)) {
			logger.warn("Write to connection {} failed unexpectedly", this.session.getId(), cause);
		}
		abandon(CloseReason.CloseCodes.UNEXPECTED_CONDITION, String.valueOf(cause.getMessage()));
	}

	/** A close at once, without waiting for the peer, run on the delivery executor. */
	private Runnable closeNowElsewhere(CloseReason.CloseCode code, String reason) {
		return () -> elsewhere(() -> SessionCloser.closeNow(this.session, code, reason));
	}

	private void deliver(long requestId, String queue, QueuedMessage message, Executor writes) {
		this.writer.deliver(this.codec.encodeResponse(requestId, message.toContent()),
				() -> this.room.released(message), () -> redeliver(queue, message), writes);
	}

	/** Serves the parked receives from their queues once the connection has room again; runs on the writing thread. */
	private void refill() {
		this.parked.refill(this::hasDeliveryRoom,
				(receive, message) -> deliver(receive.requestId(), receive.queue(), message, HERE));
	}

	private void push(String type, JsonNode header) {
		this.writer.respond(this.codec.encode(this.pushIds.getAndIncrement(), type, header));
	}

	private void redeliver(String queue, QueuedMessage message) {
		ParkedReceive next = this.room.requeueFirst(queue, message);
		if (next != null) {
			next.connection().deliver(next, message);
		}
	}

	private void elsewhere(Runnable task) {
		try {
			this.deliveries.execute(task);
		}
		catch (RejectedExecutionException ex) {
			// the server is stopping: run it here rather than drop it
			task.run();
		}
	}

	private void logClose(String reason) {
		logger.warn("Closing connection {} of participant '{}' in room '{}': {}", this.session.getId(),
				this.participant.name(), this.room.name(), reason);
	}

	@Override
	public String toString() {
		return "ParticipantConnection[" + this.session.getId() + ", participant '" + this.participant.name()
				+ "', room '" + this.room.name() + "']";
	}

}
