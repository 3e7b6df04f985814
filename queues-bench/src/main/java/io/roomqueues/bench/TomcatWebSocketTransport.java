package io.roomqueues.bench;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.channels.AsynchronousSocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.roomqueues.client.transport.HandshakeRejectedException;
import io.roomqueues.client.transport.WebSocketHandler;
import io.roomqueues.client.transport.WebSocketSession;
import io.roomqueues.client.transport.WebSocketTransport;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import org.apache.tomcat.websocket.WsSession;
import org.apache.tomcat.websocket.WsWebSocketContainer;

/**
 * A {@link WebSocketTransport} on Tomcat's JSR-356 client ({@link WsWebSocketContainer}), for comparison with the
 * default JDK transport.
 *
 * <p>
 * Writes are blocking: {@link WebSocketSession#send} writes every frame of one message with the Basic remote inside
 * one lock per session and returns an already completed future, so the caller's thread does the write. Reads go
 * through a {@link MessageHandler.Partial} handler whose parts are joined into whole messages (Tomcat hands over
 * parts when a message is larger than its 8 KiB binary buffer, or arrives fragmented).
 *
 * <p>
 * Tomcat's client never sets {@code TCP_NODELAY}, and a protocol message is two or more WebSocket messages; with
 * one socket write per frame, Nagle's algorithm holds the second frame until the first is acknowledged, while the
 * server (waiting for the whole message) delays its ACK, so a lone request waits ~40 ms. {@link Variant#PLAIN} keeps
 * that behaviour (one {@code sendBinary} per frame, as specified); {@link Variant#BATCHED} turns on Tomcat's batching
 * for the frames of one message and flushes them as one write; {@link Variant#NODELAY} sets {@code TCP_NODELAY} on
 * Tomcat's socket by reflection (a diagnostic, bound to Tomcat internals).
 *
 * <p>
 * Closing: JSR-356 reports a locally started close to the endpoint at once, while the room client expects
 * {@link WebSocketHandler#onClose} only once the server has closed (it goes on reading responses until then). So a
 * close started here is not reported when Tomcat fires it; the session is watched until Tomcat has received the
 * server's close (or gave up), and reported then. {@link WebSocketSession#abort} reports {@code 1006} itself, as the
 * JDK transport does.
 *
 * <p>
 * Caveat of the blocking design: a caller that sends from a response callback runs on Tomcat's read thread, and a
 * blocked write there stops reading; against a server that also writes with blocking sends, two full TCP buffers can
 * then wait on each other. The benchmark sends from its own thread only.
 */
public final class TomcatWebSocketTransport implements WebSocketTransport {

	/** How the frames of one message reach the socket. */
	public enum Variant {

		/** One blocking {@code sendBinary} per frame, Tomcat's socket options untouched. */
		PLAIN,

		/** The frames of one message batched by Tomcat and flushed as one socket write. */
		BATCHED,

		/** Like {@link #PLAIN}, with {@code TCP_NODELAY} set on the socket by reflection. */
		NODELAY

	}

	private static final String IO_TIMEOUT_MS = "org.apache.tomcat.websocket.IO_TIMEOUT_MS";

	private static final Pattern QUERY = Pattern.compile("\\?[^\\]\\s]*");

	private static final Pattern STATUS = Pattern.compile("\\[(\\d{3})\\]");

	private final WsWebSocketContainer container;

	private final int maxFrameSize;

	private final Executor connectExecutor;

	private final ScheduledExecutorService closeWatcher;

	private final Variant variant;

	/** A plain transport with its own container and messages of up to 16 MiB plus 64 KiB. */
	public TomcatWebSocketTransport() {
		this(Variant.PLAIN);
	}

	/** A transport of the given variant with messages of up to 16 MiB plus 64 KiB. */
	public TomcatWebSocketTransport(Variant variant) {
		this(variant, 16 * 1024 * 1024 + 64 * 1024);
	}

	/** @param maxFrameSize the largest single WebSocket message accepted from the server */
	public TomcatWebSocketTransport(Variant variant, int maxFrameSize) {
		this.variant = variant;
		this.container = new WsWebSocketContainer();
		this.container.setDefaultMaxSessionIdleTimeout(0);
		this.maxFrameSize = maxFrameSize;
		// connectToServer blocks, so it runs on a thread of its own, never on the caller's.
		this.connectExecutor = (task) -> {
			Thread thread = new Thread(task, "tomcat-ws-connect");
			thread.setDaemon(true);
			thread.start();
		};
		this.closeWatcher = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "tomcat-ws-close-watch");
			thread.setDaemon(true);
			return thread;
		});
	}

	@Override
	public CompletableFuture<WebSocketSession> connect(URI uri, Map<String, String> headers, Duration timeout,
			WebSocketHandler handler) {
		ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
			.configurator(new ClientEndpointConfig.Configurator() {
				@Override
				public void beforeRequest(Map<String, List<String>> requestHeaders) {
					headers.forEach((name, value) -> requestHeaders.put(name, new ArrayList<>(List.of(value))));
				}
			})
			.build();
		config.getUserProperties().put(IO_TIMEOUT_MS, Long.toString(Math.max(1, timeout.toMillis())));
		TomcatSession session = new TomcatSession(handler, this.maxFrameSize, this.variant == Variant.BATCHED,
				this.closeWatcher);
		return CompletableFuture.supplyAsync(() -> {
			try {
				Session opened = this.container.connectToServer(session.endpoint(), config, uri);
				if (this.variant == Variant.NODELAY) {
					setTcpNoDelay(opened);
				}
				session.opened(opened);
				return session;
			}
			catch (DeploymentException ex) {
				throw translate(ex);
			}
		}, this.connectExecutor);
	}

	/** Closes every session this transport opened and releases the container's threads. */
	public void destroy() {
		this.container.destroy();
		this.closeWatcher.shutdownNow();
	}

	/** Reaches Tomcat's socket: WsSession.wsRemoteEndpoint → WsRemoteEndpointImplClient.channel → socketChannel. */
	private static void setTcpNoDelay(Session session) {
		try {
			Object remote = field(session, WsSession.class, "wsRemoteEndpoint");
			Object wrapper = field(remote, remote.getClass(), "channel");
			AsynchronousSocketChannel channel = (AsynchronousSocketChannel) field(wrapper, wrapper.getClass(),
					"socketChannel");
			channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
		}
		catch (ReflectiveOperationException | IOException | RuntimeException ex) {
			throw new IllegalStateException("could not set TCP_NODELAY on Tomcat's client socket", ex);
		}
	}

	private static Object field(Object target, Class<?> type, String name) throws ReflectiveOperationException {
		Field field = type.getDeclaredField(name);
		field.setAccessible(true);
		return field.get(target);
	}

	private static RuntimeException translate(DeploymentException ex) {
		// "The HTTP response from the server [403] did not permit the HTTP upgrade to WebSocket"
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			String message = cause.getMessage();
			if (cause instanceof DeploymentException && message != null
					&& message.contains("did not permit the HTTP upgrade")) {
				Matcher matcher = STATUS.matcher(message);
				if (matcher.find()) {
					return new HandshakeRejectedException(Integer.parseInt(matcher.group(1)));
				}
			}
		}
		// Tomcat's messages name the whole URI, query and token included: keep them out of exceptions and logs.
		String message = QUERY.matcher(String.valueOf(ex.getMessage())).replaceAll("");
		IOException failure = new IOException(message, (ex.getCause() != null) ? ex.getCause() : null);
		return new CompletionException(failure);
	}

}
