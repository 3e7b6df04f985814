package io.roomqueues.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import io.roomqueues.protocol.WireCodec;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket endpoint behind {@code /rooms/{room}}: one {@link ParticipantConnection} per session.
 */
final class RoomEndpoint extends Endpoint {

	private static final Logger logger = LoggerFactory.getLogger(RoomEndpoint.class);

	private static final String CONNECTION_KEY = ParticipantConnection.class.getName();

	private final WireCodec codec;

	private final MessageRouter router;

	private final ServerLimits limits;

	private final AtomicInteger connections;

	private final Executor deliveries;

	RoomEndpoint(WireCodec codec, MessageRouter router, ServerLimits limits, AtomicInteger connections,
			Executor deliveries) {
		this.deliveries = deliveries;
		this.codec = codec;
		this.router = router;
		this.limits = limits;
		this.connections = connections;
	}

	@Override
	public void onOpen(Session session, EndpointConfig config) {
		Handshake handshake = (Handshake) config.getUserProperties().get(Handshake.KEY);
		if (this.connections.incrementAndGet() > this.limits.maxConnections()) {
			this.connections.decrementAndGet();
			closeQuietly(session, new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER,
					"connection limit of " + this.limits.maxConnections() + " reached"));
			return;
		}
		session.setMaxIdleTimeout(0);
		ParticipantConnection connection = new ParticipantConnection(session, handshake.participant(),
				handshake.room(), this.codec, this.router, this.limits, this.deliveries);
		session.getUserProperties().put(CONNECTION_KEY, connection);
		session.addMessageHandler(ByteBuffer.class, (MessageHandler.Partial<ByteBuffer>) connection::onBinary);
		session.addMessageHandler(String.class, (MessageHandler.Whole<String>) (text) -> connection.closeWith(
				CloseReason.CloseCodes.CANNOT_ACCEPT, "text messages are not part of the room protocol; frames are binary"));
		logger.debug("Participant '{}' connected to room '{}' as session {}", handshake.participant().name(),
				handshake.room().name(), session.getId());
		connection.greet(handshake.roomUrl());
	}

	@Override
	public void onClose(Session session, CloseReason closeReason) {
		ParticipantConnection connection = (ParticipantConnection) session.getUserProperties().remove(CONNECTION_KEY);
		if (connection != null) {
			connection.closed();
			this.connections.decrementAndGet();
			logger.debug("Session {} closed: {}", session.getId(), closeReason);
		}
	}

	@Override
	public void onError(Session session, Throwable error) {
		logger.debug("Session {} failed", session.getId(), error);
	}

	private static void closeQuietly(Session session, CloseReason reason) {
		try {
			session.close(reason);
		}
		catch (IOException ex) {
			logger.debug("Close of session {} failed", session.getId(), ex);
		}
	}

}
