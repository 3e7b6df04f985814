package io.roomqueues.client.transport;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * An open WebSocket that writes whole protocol messages.
 */
public interface WebSocketSession {

	/**
	 * Writes the frames of one message, each as one binary WebSocket message, never interleaved with the frames of
	 * another; safe to call from any thread.
	 * @param frames the frames in order
	 * @return completes once the frames are written
	 */
	CompletableFuture<Void> send(ByteBuffer[] frames);

	/**
	 * Sends a WebSocket ping; the pong is reported through {@link WebSocketHandler#onPong()}. A transport that cannot
	 * ping answers with a failed future, and the client then runs without keepalive.
	 */
	default CompletableFuture<Void> ping() {
		return CompletableFuture.failedFuture(new UnsupportedOperationException(
				getClass().getSimpleName() + " cannot send WebSocket pings"));
	}

	/**
	 * Starts the close handshake once the message being written, if any, is whole: a close frame must never cut a
	 * message between two of its frames. Messages that arrive before the server's close frame must still reach the
	 * handler, and {@link WebSocketHandler#onClose} must come only once the server has closed (or the connection is
	 * lost): a closing client still reads the responses the server sent before it saw the close.
	 */
	void close(int code, String reason);

	/** Drops the connection at once and reports it to the handler as {@code 1006}, exactly once. */
	void abort();

}
