package io.roomqueues.client.transport;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Opens WebSocket sessions for a room client.
 */
public interface WebSocketTransport extends AutoCloseable {

	/**
	 * Opens a session.
	 * @param uri the {@code ws:} or {@code wss:} URI
	 * @param headers extra handshake headers, such as {@code Authorization}
	 * @param timeout how long the opening handshake may take
	 * @param handler receives frames and the close
	 * @return the open session, or a future failed with {@link HandshakeRejectedException} when the server answered
	 * the upgrade with an HTTP status; failure messages must not quote the URI, whose query may hold a token.
	 * Cancelling the future gives up the opening handshake and its connection.
	 */
	CompletableFuture<WebSocketSession> connect(URI uri, Map<String, String> headers, Duration timeout,
			WebSocketHandler handler);

	/** Releases what the transport holds, such as its HTTP client; called when the room client that built it closes. */
	@Override
	default void close() {
	}

}
