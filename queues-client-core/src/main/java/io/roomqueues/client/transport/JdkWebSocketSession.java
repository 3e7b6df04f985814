package io.roomqueues.client.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.net.http.WebSocket;

import io.roomqueues.protocol.FrameAccumulator;
import org.jspecify.annotations.Nullable;

/**
 * One JDK WebSocket. The JDK allows one outstanding send, so messages wait in a queue and one writer at a time sends
 * their frames in order, continuing on whichever thread completes the previous send. A close waits in the same queue,
 * so its close frame never cuts a message between two frames.
 */
final class JdkWebSocketSession implements WebSocketSession, WebSocket.Listener {

	/** A message to write, or a close frame when {@code closeReason} is set. */
	private record Outgoing(ByteBuffer[] frames, CompletableFuture<Void> done, int closeCode,
			@Nullable String closeReason) {

		Outgoing(ByteBuffer[] frames) {
			this(frames, new CompletableFuture<>(), 0, null);
		}

		static Outgoing close(int code, String reason) {
			return new Outgoing(new ByteBuffer[0], new CompletableFuture<>(), code, reason);
		}

		boolean isClose() {
			return this.closeReason != null;
		}

	}

	private final WebSocketHandler handler;

	private final int maxFrameSize;

	private final ConcurrentLinkedQueue<Outgoing> queue = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean writing = new AtomicBoolean();

	private final AtomicBoolean closeReported = new AtomicBoolean();

	private @Nullable Outgoing current;

	private int frameIndex;

	private volatile @Nullable Throwable failure;

	private volatile @Nullable WebSocket socket;

	private final FrameAccumulator frames;

	JdkWebSocketSession(WebSocketHandler handler, int maxFrameSize) {
		this.handler = handler;
		this.maxFrameSize = maxFrameSize;
		this.frames = new FrameAccumulator(maxFrameSize);
	}

	void attach(WebSocket socket) {
		this.socket = socket;
		pump();
	}

	@Override
	public CompletableFuture<Void> send(ByteBuffer[] frames) {
		Outgoing outgoing = new Outgoing(frames);
		Throwable failed = this.failure;
		if (failed != null) {
			outgoing.done().completeExceptionally(failed);
			return outgoing.done();
		}
		this.queue.add(outgoing);
		pump();
		return outgoing.done();
	}

	@Override
	public CompletableFuture<Void> ping() {
		WebSocket open = this.socket;
		if (open == null || open.isOutputClosed()) {
			return CompletableFuture.failedFuture(new IOException("connection is closed"));
		}
		return open.sendPing(ByteBuffer.allocate(0)).thenApply((ignored) -> null);
	}

	@Override
	public void close(int code, String reason) {
		if (this.failure == null) {
			this.queue.add(Outgoing.close(code, reason));
			pump();
		}
	}

	/** Drops the connection; the JDK then reports nothing, so the handler is told here. */
	@Override
	public void abort() {
		WebSocket open = this.socket;
		if (open != null) {
			open.abort();
		}
		closed(new IOException("connection aborted"));
		reportClose(1006, "connection aborted");
	}

	private void pump() {
		if (this.socket != null && this.writing.compareAndSet(false, true)) {
			writeLoop();
		}
	}

	/** Runs while this thread owns {@link #writing}; returns once a send is in flight or nothing is left. */
	private void writeLoop() {
		WebSocket open = this.socket;
		while (true) {
			Outgoing outgoing = this.current;
			if (outgoing == null) {
				outgoing = this.queue.poll();
				if (outgoing == null) {
					this.writing.set(false);
					if (this.queue.isEmpty() || !this.writing.compareAndSet(false, true)) {
						return;
					}
					continue;
				}
				this.current = outgoing;
				this.frameIndex = 0;
			}
			if (this.failure != null) {
				failQueued(this.failure);
				return;
			}
			if (outgoing.isClose()) {
				sendClose(open, outgoing);
				continue;
			}
			if (this.frameIndex == outgoing.frames().length) {
				this.current = null;
				outgoing.done().complete(null);
				continue;
			}
			CompletableFuture<WebSocket> sent = open.sendBinary(outgoing.frames()[this.frameIndex++], true);
			if (sent.isDone() && !sent.isCompletedExceptionally()) {
				continue;
			}
			sent.whenComplete((ignored, error) -> {
				if (error != null) {
					this.failure = error;
				}
				writeLoop();
			});
			return;
		}
	}

	/** Sends the close frame; messages queued after it are refused, since the output is then closed. */
	private void sendClose(WebSocket open, Outgoing close) {
		this.current = null;
		this.failure = new IOException("connection is closing");
		if (!open.isOutputClosed()) {
			open.sendClose(close.closeCode(), String.valueOf(close.closeReason())).exceptionally((ex) -> {
				open.abort();
				return null;
			});
		}
		close.done().complete(null);
	}

	private void failQueued(Throwable error) {
		Outgoing outgoing = this.current;
		this.current = null;
		if (outgoing != null) {
			outgoing.done().completeExceptionally(error);
		}
		while ((outgoing = this.queue.poll()) != null) {
			outgoing.done().completeExceptionally(error);
		}
		this.writing.set(false);
	}

	@Override
	public void onOpen(WebSocket webSocket) {
		webSocket.request(1);
	}

	@Override
	public @Nullable CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
		ByteBuffer frame;
		try {
			frame = this.frames.add(data, last);
		}
		catch (IllegalStateException ex) {
			webSocket.sendClose(1009, "message larger than " + this.maxFrameSize + " bytes");
			abort();
			return null;
		}
		if (frame != null) {
			this.handler.onFrame(frame);
		}
		webSocket.request(1);
		return null;
	}

	@Override
	public @Nullable CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		// MeshAgent's TypeScript client reads a text message as its UTF-8 bytes; so do we.
		return onBinary(webSocket, StandardCharsets.UTF_8.encode(data.toString()), last);
	}

	@Override
	public @Nullable CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
		closed(new IOException("connection closed: " + statusCode + " " + reason));
		reportClose(statusCode, reason);
		return null;
	}

	@Override
	public @Nullable CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
		this.handler.onPong();
		webSocket.request(1);
		return null;
	}

	@Override
	public void onError(WebSocket webSocket, Throwable error) {
		closed(error);
		reportClose(1006, String.valueOf(error.getMessage()));
	}

	private void reportClose(int code, String reason) {
		if (this.closeReported.compareAndSet(false, true)) {
			this.handler.onClose(code, reason);
		}
	}

	private void closed(Throwable cause) {
		this.failure = cause;
		if (this.writing.compareAndSet(false, true)) {
			failQueued(cause);
		}
	}

}
