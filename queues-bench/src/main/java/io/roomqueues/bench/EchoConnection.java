package io.roomqueues.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * The ceiling's client: one JDK {@code java.net.http} WebSocket to the echo server, sending protocol-shaped messages
 * (a 32-byte header frame, then a 100-byte data frame, each its own binary WebSocket message) and completing each
 * message's future when its data frame comes back. The JDK allows one outstanding send, so a message's header is
 * sent once the previous message's data frame is written, and its data frame once its header is (chained on the
 * thread that completes the write). Sends come from one thread.
 */
final class EchoConnection implements WebSocket.Listener, AutoCloseable {

	/** A header frame as the protocol lays it out: id, packet 0 of 1, then the type; 32 bytes. */
	static final ByteBuffer HEADER = header();

	/** A data frame: id, packet 1, then an 8-byte length and JSON-like bytes; 100 bytes in all. */
	static final ByteBuffer DATA = data(100);

	private final ArrayDeque<CompletableFuture<Void>> waiting = new ArrayDeque<>();

	private final WebSocket socket;

	private CompletableFuture<?> lastSend = CompletableFuture.completedFuture(null);

	private long framesBack;

	private EchoConnection(URI uri) {
		this.socket = HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.connectTimeout(Duration.ofSeconds(10))
			.buildAsync(uri, this)
			.orTimeout(10, TimeUnit.SECONDS)
			.join();
	}

	static EchoConnection open(URI uri) {
		return new EchoConnection(uri);
	}

	/** Sends one two-frame message; completes when its data frame has come back. */
	CompletableFuture<Void> echo() {
		CompletableFuture<Void> back = new CompletableFuture<>();
		synchronized (this.waiting) {
			this.waiting.addLast(back);
		}
		this.lastSend.join();
		this.lastSend = this.socket.sendBinary(HEADER.duplicate(), true)
			.thenCompose((ws) -> ws.sendBinary(DATA.duplicate(), true));
		return back;
	}

	@Override
	public void onOpen(WebSocket webSocket) {
		webSocket.request(Long.MAX_VALUE);
	}

	@Override
	public @Nullable CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
		if (last && (++this.framesBack % 2 == 0)) {
			CompletableFuture<Void> back;
			synchronized (this.waiting) {
				back = this.waiting.pollFirst();
			}
			if (back != null) {
				back.complete(null);
			}
		}
		return null;
	}

	@Override
	public void onError(WebSocket webSocket, Throwable error) {
		failAll(error);
	}

	@Override
	public @Nullable CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
		failAll(new IllegalStateException("echo connection closed: " + statusCode + " " + reason));
		return null;
	}

	int waiting() {
		synchronized (this.waiting) {
			return this.waiting.size();
		}
	}

	@Override
	public void close() {
		try {
			this.lastSend.get(5, TimeUnit.SECONDS);
			this.socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			this.socket.abort();
		}
	}

	private void failAll(Throwable error) {
		synchronized (this.waiting) {
			CompletableFuture<Void> back;
			while ((back = this.waiting.pollFirst()) != null) {
				back.completeExceptionally(error);
			}
		}
	}

	private static ByteBuffer header() {
		byte[] type = "room.invoke_tool".getBytes(StandardCharsets.UTF_8);
		ByteBuffer header = ByteBuffer.allocate(16 + type.length);
		header.putInt(0).putInt(1).putInt(0).putInt(1).put(type).flip();
		return header.asReadOnlyBuffer();
	}

	private static ByteBuffer data(int size) {
		ByteBuffer data = ByteBuffer.allocate(size);
		data.putInt(0).putInt(1).putInt(1).putLong(size - 20);
		while (data.hasRemaining()) {
			data.put((byte) 'x');
		}
		data.flip();
		return data.asReadOnlyBuffer();
	}

}
