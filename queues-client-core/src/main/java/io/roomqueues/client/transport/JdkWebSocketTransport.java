package io.roomqueues.client.transport;

import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.jspecify.annotations.Nullable;

/**
 * The transport on the JDK's {@code java.net.http} WebSocket client: no dependency, {@code wss:} through the
 * client's {@code SSLContext}, and a handshake status that can be read.
 */
public final class JdkWebSocketTransport implements WebSocketTransport {

	/** The largest WebSocket message accepted unless set: a 16 MiB payload plus room for frame headers. */
	public static final int DEFAULT_MAX_FRAME_SIZE = 16 * 1024 * 1024 + 64 * 1024;

	/** {@code HttpClient.shutdownNow()}, which exists on Java 21+. */
	private static final @Nullable Method SHUTDOWN_NOW = shutdownNow();

	private final HttpClient httpClient;

	private final int maxFrameSize;

	private final boolean ownsClient;

	/** A transport with its own {@link HttpClient}, closed with the transport, and frames of up to 16 MiB. */
	public JdkWebSocketTransport() {
		this(HttpClient.newHttpClient(), DEFAULT_MAX_FRAME_SIZE, true);
	}

	/**
	 * A transport on a given client, for proxies or TLS settings.
	 * @param httpClient the client that opens the sockets
	 * @param maxFrameSize the largest single WebSocket message accepted from the server
	 */
	public JdkWebSocketTransport(HttpClient httpClient, int maxFrameSize) {
		this(httpClient, maxFrameSize, false);
	}

	/**
	 * A transport on a given client.
	 * @param ownsClient whether {@link #close()} closes the client (on Java 21+, where {@code HttpClient} can be
	 * closed; before that its threads end once it is no longer referenced)
	 */
	public JdkWebSocketTransport(HttpClient httpClient, int maxFrameSize, boolean ownsClient) {
		this.httpClient = httpClient;
		this.maxFrameSize = maxFrameSize;
		this.ownsClient = ownsClient;
	}

	@Override
	public CompletableFuture<WebSocketSession> connect(URI uri, Map<String, String> headers, Duration timeout,
			WebSocketHandler handler) {
		JdkWebSocketSession session = new JdkWebSocketSession(handler, this.maxFrameSize);
		WebSocket.Builder builder = this.httpClient.newWebSocketBuilder().connectTimeout(timeout);
		headers.forEach(builder::header);
		CompletableFuture<WebSocket> build = builder.buildAsync(uri, session);
		CompletableFuture<WebSocketSession> result = new CompletableFuture<>();
		build.whenComplete((socket, error) -> {
			if (error != null) {
				result.completeExceptionally(translate(error));
				return;
			}
			session.attach(socket);
			if (!result.complete(session)) {
				// the caller gave up on this connection while it opened
				socket.abort();
			}
		});
		// cancelling the JDK's handshake closes its connection
		result.whenComplete((opened, error) -> {
			if (result.isCancelled()) {
				build.cancel(true);
			}
		});
		return result;
	}

	/** Stops the client's selector thread at once where the JDK can (21+); never waits for open WebSockets. */
	@Override
	public void close() {
		if (this.ownsClient && SHUTDOWN_NOW != null) {
			try {
				SHUTDOWN_NOW.invoke(this.httpClient);
			}
			catch (ReflectiveOperationException ex) {
				// nothing more to release: before Java 21 the threads end once the client is unreferenced
			}
		}
	}

	private static @Nullable Method shutdownNow() {
		try {
			return HttpClient.class.getMethod("shutdownNow");
		}
		catch (NoSuchMethodException ex) {
			return null;
		}
	}

	private static RuntimeException translate(Throwable error) {
		Throwable cause = (error instanceof CompletionException && error.getCause() != null) ? error.getCause() : error;
		if (cause instanceof WebSocketHandshakeException handshake) {
			return new HandshakeRejectedException(handshake.getResponse().statusCode());
		}
		return (cause instanceof RuntimeException runtime) ? runtime : new CompletionException(cause);
	}

}
