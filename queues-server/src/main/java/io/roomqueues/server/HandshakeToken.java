package io.roomqueues.server;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * Finds the participant token of an upgrade request in any of the three places MeshAgent's SDKs put it: the
 * {@code token} query parameter, an {@code Authorization: Bearer} header, or a {@code meshagent-room.<jwt>}
 * subprotocol, which the server must echo.
 *
 * @param jwt the token
 * @param subprotocol the subprotocol that carried it, to echo back, or {@code null}
 */
record HandshakeToken(String jwt, @Nullable String subprotocol) {

	static final String SUBPROTOCOL_PREFIX = "meshagent-room.";

	private static final String BEARER = "bearer ";

	static @Nullable HandshakeToken find(HttpServletRequest request) {
		String query = request.getParameter("token");
		if (query != null && !query.isBlank()) {
			return new HandshakeToken(query.trim(), subprotocol(request));
		}
		String authorization = request.getHeader("Authorization");
		if (authorization != null && authorization.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
			return new HandshakeToken(authorization.substring(BEARER.length()).trim(), subprotocol(request));
		}
		String subprotocol = subprotocol(request);
		if (subprotocol != null) {
			return new HandshakeToken(subprotocol.substring(SUBPROTOCOL_PREFIX.length()), subprotocol);
		}
		return null;
	}

	private static @Nullable String subprotocol(HttpServletRequest request) {
		var headers = request.getHeaders("Sec-WebSocket-Protocol");
		while (headers != null && headers.hasMoreElements()) {
			for (String value : headers.nextElement().split(",")) {
				String protocol = value.trim();
				if (protocol.startsWith(SUBPROTOCOL_PREFIX) && protocol.length() > SUBPROTOCOL_PREFIX.length()) {
					return protocol;
				}
			}
		}
		return null;
	}

	@Override
	public String toString() {
		return "HandshakeToken[<hidden>]";
	}

}
