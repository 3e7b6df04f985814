package io.roomqueues.server;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.roomqueues.token.InvalidTokenException;
import io.roomqueues.token.ParticipantToken;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks every upgrade request before it becomes a WebSocket: 404 for any path but {@code /rooms/{room}}, 403 for
 * any token failure (never 401, which makes MeshAgent's client retry forever), 503 at the connection or room limit.
 */
final class RoomUpgradeServlet extends HttpServlet {

	private static final long serialVersionUID = 1L;

	private static final Logger logger = LoggerFactory.getLogger(RoomUpgradeServlet.class);

	private static final String ROOMS_PATH = "/rooms/";

	private final transient RoomRegistry rooms;

	private final transient Endpoint endpoint;

	private final transient TokenCheck tokens;

	private final transient AtomicInteger connections;

	private final int maxConnections;

	RoomUpgradeServlet(RoomRegistry rooms, Endpoint endpoint, TokenCheck tokens, AtomicInteger connections,
			int maxConnections) {
		this.rooms = rooms;
		this.endpoint = endpoint;
		this.tokens = tokens;
		this.connections = connections;
		this.maxConnections = maxConnections;
	}

	@Override
	protected void service(HttpServletRequest request, HttpServletResponse response)
			throws ServletException, IOException {
		String path = request.getServletPath() + ((request.getPathInfo() != null) ? request.getPathInfo() : "");
		String roomName = path.startsWith(ROOMS_PATH) ? path.substring(ROOMS_PATH.length()) : "";
		if (roomName.isEmpty() || roomName.contains("/")) {
			refuse(response, HttpServletResponse.SC_NOT_FOUND, "no such path: rooms are at /rooms/{room}");
			return;
		}
		if (!"websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
			refuse(response, 426, "room " + roomName + " takes WebSocket connections only");
			return;
		}
		HandshakeToken token = HandshakeToken.find(request);
		if (token == null) {
			forbid(request, response, roomName, "no participant token: send it as ?token=, "
					+ "Authorization: Bearer or the meshagent-room.<jwt> subprotocol");
			return;
		}
		ParticipantToken participant;
		try {
			participant = this.tokens.verify(token.jwt());
		}
		catch (InvalidTokenException ex) {
			forbid(request, response, roomName, ex.getMessage());
			return;
		}
		if (participant.room() != null && !participant.room().equals(roomName)) {
			forbid(request, response, roomName,
					"token is for room '" + participant.room() + "', not '" + roomName + "'");
			return;
		}
		if (this.connections.get() >= this.maxConnections) {
			refuse(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE,
					"connection limit of " + this.maxConnections + " reached (the max-connections limit)");
			return;
		}
		try {
			this.rooms.checkCanJoin(roomName);
		}
		catch (RoomRegistry.RoomLimitException ex) {
			refuse(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, ex.getMessage());
			return;
		}
		upgrade(request, response, token, new Handshake(participant, roomName, roomUrl(request, path)));
	}

	private void upgrade(HttpServletRequest request, HttpServletResponse response, HandshakeToken token,
			Handshake handshake) throws ServletException, IOException {
		Endpoint shared = this.endpoint;
		ServerEndpointConfig config = ServerEndpointConfig.Builder.create(shared.getClass(), "/rooms/{room}")
			.subprotocols((token.subprotocol() != null) ? List.of(token.subprotocol()) : List.of())
			.configurator(new ServerEndpointConfig.Configurator() {
				@Override
				public <T> T getEndpointInstance(Class<T> endpointClass) {
					return endpointClass.cast(shared);
				}
			})
			.build();
		config.getUserProperties().put(Handshake.KEY, handshake);
		ServerContainer container = (ServerContainer) getServletContext()
			.getAttribute(ServerContainer.class.getName());
		try {
			container.upgradeHttpToWebSocket(request, response, config, Map.of("room", handshake.room()));
		}
		catch (DeploymentException ex) {
			throw new ServletException("WebSocket upgrade failed", ex);
		}
	}

	private static String roomUrl(HttpServletRequest request, String path) {
		String scheme = request.isSecure() ? "wss" : "ws";
		return scheme + "://" + request.getServerName() + ":" + request.getServerPort() + path;
	}

	/** Refuses with 403 and logs why, with the room and the peer address but never the token. */
	private static void forbid(HttpServletRequest request, HttpServletResponse response, String room, String reason)
			throws IOException {
		logger.info("Refused a connection to room '{}' from {}: {}", room, request.getRemoteAddr(), reason);
		refuse(response, HttpServletResponse.SC_FORBIDDEN, reason);
	}

	private static void refuse(HttpServletResponse response, int status, String reason) throws IOException {
		response.setStatus(status);
		response.setContentType("text/plain;charset=UTF-8");
		response.getWriter().write(reason);
	}

}
