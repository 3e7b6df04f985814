package io.roomqueues.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.roomqueues.client.transport.WebSocketHandler;
import io.roomqueues.client.transport.WebSocketSession;
import io.roomqueues.protocol.FrameAccumulator;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import org.apache.tomcat.websocket.WsSession;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One session of {@link TomcatWebSocketTransport}: blocking writes, parts joined into messages, a late close. */
final class TomcatSession implements WebSocketSession {

	/** Under the transport's name: that is the logger a user turns up to see what this transport does. */
	private static final Logger logger = LoggerFactory.getLogger(TomcatWebSocketTransport.class);

	/** How long a close started here waits for the server's close before the socket is dropped. */
	static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

	private final WebSocketHandler handler;

	private final int maxFrameSize;

	private final boolean batched;

	private final ScheduledExecutorService closeWatcher;

	private volatile boolean closingLocally;

	private final Object writeLock = new Object();

	private final AtomicBoolean closeReported = new AtomicBoolean();

	private volatile @Nullable Session session;

	private final FrameAccumulator frames;

	TomcatSession(WebSocketHandler handler, int maxFrameSize, boolean batched,
			ScheduledExecutorService closeWatcher) {
		this.handler = handler;
		this.maxFrameSize = maxFrameSize;
		this.frames = new FrameAccumulator(maxFrameSize);
		this.batched = batched;
		this.closeWatcher = closeWatcher;
	}

	void opened(Session session) {
		this.session = session;
	}

	Endpoint endpoint() {
		return new Endpoint() {
			@Override
			public void onOpen(Session session, EndpointConfig config) {
				TomcatSession.this.session = session;
				session.addMessageHandler(ByteBuffer.class, (MessageHandler.Partial<ByteBuffer>) TomcatSession.this::onPart);
				// MeshAgent's TypeScript client reads a text message as its UTF-8 bytes; so does the JDK transport.
				session.addMessageHandler(String.class, (MessageHandler.Partial<String>) (text, last) -> onPart(
						StandardCharsets.UTF_8.encode(text), last));
			}

			@Override
			public void onClose(Session session, CloseReason closeReason) {
				if (TomcatSession.this.closingLocally) {
					return; // Tomcat reports our own close at once; the watcher reports the server's
				}
				reportClose(closeReason.getCloseCode().getCode(),
						(closeReason.getReasonPhrase() != null) ? closeReason.getReasonPhrase() : "");
			}

			@Override
			public void onError(Session session, Throwable error) {
				logger.debug("Tomcat WebSocket session failed", error);
			}
		};
	}

	@Override
	public CompletableFuture<Void> send(ByteBuffer[] frames) {
		Session open = this.session;
		if (open == null) {
			return CompletableFuture.failedFuture(new IOException("WebSocket is not open"));
		}
		try {
			synchronized (this.writeLock) {
				var remote = open.getBasicRemote();
				if (this.batched && frames.length > 1) {
					// Batch only inside one message: between messages batching is off, so Tomcat's automatic
					// pong replies are never held back.
					remote.setBatchingAllowed(true);
					try {
						for (ByteBuffer frame : frames) {
							remote.sendBinary(frame);
						}
					}
					finally {
						remote.setBatchingAllowed(false); // flushes
					}
				}
				else {
					for (ByteBuffer frame : frames) {
						remote.sendBinary(frame);
					}
				}
			}
			return CompletableFuture.completedFuture(null);
		}
		catch (IOException | RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	@Override
	public void close(int code, String reason) {
		Session open = this.session;
		if (open == null || !open.isOpen()) {
			return;
		}
		this.closingLocally = true;
		try {
			open.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
		}
		catch (IOException | RuntimeException ex) {
			abort();
			return;
		}
		watchClose(open, code, reason, System.nanoTime() + CLOSE_WAIT.toNanos());
	}

	/** Reports the close once Tomcat has the server's close (state CLOSED); aborts after {@link #CLOSE_WAIT}. */
	private void watchClose(Session open, int code, String reason, long deadline) {
		if (this.closeReported.get()) {
			return;
		}
		if (!(open instanceof WsSession ws) || ws.isClosed()) {
			reportClose(code, reason);
			return;
		}
		if (System.nanoTime() - deadline > 0) {
			abort();
			return;
		}
		try {
			this.closeWatcher.schedule(() -> watchClose(open, code, reason, deadline), 5, TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			reportClose(code, reason); // transport destroyed
		}
	}

	@Override
	public void abort() {
		Session open = this.session;
		CloseReason reason = new CloseReason(CloseReason.CloseCodes.CLOSED_ABNORMALLY, "connection aborted");
		if (open instanceof WsSession ws) {
			if (ws.isOpen()) {
				ws.doClose(reason, reason, true); // sends a close frame (1002 on the wire), then drops the socket
			}
			else if (!ws.isClosed()) {
				ws.onClose(reason); // a close is under way: drop the socket without waiting for the server
			}
		}
		else if (open != null) {
			try {
				open.close();
			}
			catch (IOException ex) {
				logger.debug("Close failed", ex);
			}
		}
		reportClose(1006, "connection aborted");
	}

	private void reportClose(int code, String reason) {
		if (this.closeReported.compareAndSet(false, true)) {
			this.handler.onClose(code, reason);
		}
	}

	/** Tomcat calls this on one thread at a time, in order. */
	private void onPart(ByteBuffer data, boolean last) {
		ByteBuffer frame;
		try {
			frame = this.frames.add(data, last);
		}
		catch (IllegalStateException ex) {
			logger.warn("Server sent a WebSocket message larger than {} bytes; dropping the connection",
					this.maxFrameSize);
			abort();
			return;
		}
		if (frame != null) {
			this.handler.onFrame(frame);
		}
	}

}
