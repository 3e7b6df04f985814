package io.roomqueues.server;

import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import io.roomqueues.protocol.WireCodec;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import org.apache.tomcat.websocket.Constants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket endpoint behind {@code /rooms/{room}}: one {@link ParticipantConnection} per session, joined to its
 * room and watched by the keepalive until it closes.
 */
final class RoomEndpoint extends Endpoint {

	private static final Logger logger = LoggerFactory.getLogger(RoomEndpoint.class);

	private static final String CONNECTION_KEY = ParticipantConnection.class.getName();

	private final WireCodec codec;

	private final MessageRouter router;

	private final ServerLimits limits;

	private final RoomRegistry rooms;

	private final AtomicInteger connections;

	private final Executor deliveries;

	private final Keepalive keepalive;

	private final Long writeTimeoutMillis;

	private final Long closeTimeoutMillis;

	RoomEndpoint(WireCodec codec, MessageRouter router, ServerLimits limits, RoomRegistry rooms,
			AtomicInteger connections, Executor deliveries, Keepalive keepalive, ConnectionTimeouts timeouts) {
		this.codec = codec;
		this.router = router;
		this.limits = limits;
		this.rooms = rooms;
		this.connections = connections;
		this.deliveries = deliveries;
		this.keepalive = keepalive;
		this.writeTimeoutMillis = timeouts.write().toMillis();
		this.closeTimeoutMillis = timeouts.pongTimeout().toMillis();
	}

	@Override
	public void onOpen(Session session, EndpointConfig config) {
		Handshake handshake = (Handshake) config.getUserProperties().get(Handshake.KEY);
		session.getUserProperties().put(Constants.BLOCKING_SEND_TIMEOUT_PROPERTY, this.writeTimeoutMillis);
		// a close frame may wait for a write in progress as long as any write: Tomcat gives a close other than 1000
		// only 50 ms, then cuts the socket without it, so without its reason
		session.getUserProperties().put(Constants.ABNORMAL_SESSION_CLOSE_SEND_TIMEOUT_PROPERTY, this.writeTimeoutMillis);
		// a close the server starts waits for the client's answer as long as a ping does, not Tomcat's 30 s
		session.getUserProperties().put(Constants.SESSION_CLOSE_TIMEOUT_PROPERTY, this.closeTimeoutMillis);
		if (this.connections.incrementAndGet() > this.limits.maxConnections()) {
			this.connections.decrementAndGet();
			closeQuietly(session, "connection limit of " + this.limits.maxConnections() + " reached");
			return;
		}
		Room room;
		try {
			room = this.rooms.join(handshake.room());
		}
		catch (RoomRegistry.RoomLimitException ex) {
			this.connections.decrementAndGet();
			closeQuietly(session, ex.getMessage());
			return;
		}
		session.setMaxIdleTimeout(0);
		ParticipantConnection connection = new ParticipantConnection(session, handshake.participant(), room,
				this.codec, this.router, this.limits, this.deliveries, this::closed);
		session.getUserProperties().put(CONNECTION_KEY, connection);
		session.addMessageHandler(ByteBuffer.class, (MessageHandler.Partial<ByteBuffer>) connection::onBinary);
		// partial, so that a text message of any length is closed here, with the writer closed first, and not by
		// Tomcat for overflowing its text buffer
		session.addMessageHandler(String.class, (MessageHandler.Partial<String>) (text, last) -> connection.closeWith(
				CloseReason.CloseCodes.CANNOT_ACCEPT, "text messages are not part of the room protocol; frames are binary"));
		session.addMessageHandler(PongMessage.class, (MessageHandler.Whole<PongMessage>) (pong) -> connection.heard());
		logger.debug("Participant '{}' connected to room '{}' as session {}", handshake.participant().name(),
				room.name(), session.getId());
		this.keepalive.watch(connection);
		connection.greet(handshake.roomUrl());
	}

	@Override
	public void onClose(Session session, CloseReason closeReason) {
		ParticipantConnection connection = (ParticipantConnection) session.getUserProperties().remove(CONNECTION_KEY);
		if (connection != null) {
			connection.closed();
			logger.debug("Session {} closed: {}", session.getId(), closeReason);
		}
	}

	@Override
	public void onError(Session session, Throwable error) {
		logger.debug("Session {} failed", session.getId(), error);
		ParticipantConnection connection = (ParticipantConnection) session.getUserProperties().get(CONNECTION_KEY);
		if (connection != null) {
			connection.failed(error);
		}
	}

	/** Runs once per connection, however it closed. */
	private void closed(ParticipantConnection connection) {
		this.keepalive.unwatch(connection);
		this.connections.decrementAndGet();
		this.rooms.leave(connection.room());
	}

	private static void closeQuietly(Session session, String reason) {
		SessionCloser.close(session, CloseReason.CloseCodes.TRY_AGAIN_LATER, reason);
	}

}
