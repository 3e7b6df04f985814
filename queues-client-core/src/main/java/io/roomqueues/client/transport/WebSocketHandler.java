package io.roomqueues.client.transport;

import java.nio.ByteBuffer;

/**
 * Receives what arrives on a {@link WebSocketSession}, on one thread at a time and in order.
 */
public interface WebSocketHandler {

	/** One whole binary WebSocket message; the buffer is only valid during the call. */
	void onFrame(ByteBuffer frame);

	/** The peer answered a {@linkplain WebSocketSession#ping() ping}. */
	default void onPong() {
	}

	/** The peer closed the connection, or it was lost or aborted ({@code 1006}); called exactly once. */
	void onClose(int code, String reason);

}
