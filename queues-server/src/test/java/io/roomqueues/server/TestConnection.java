package io.roomqueues.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.roomqueues.protocol.Content;
import io.roomqueues.protocol.Frames;
import io.roomqueues.protocol.MessageAssembler;
import io.roomqueues.protocol.MessageTypes;
import io.roomqueues.protocol.ProtocolException;
import io.roomqueues.protocol.ProtocolMessage;
import io.roomqueues.protocol.WireCodec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A bare WebSocket client for server tests, built on the JDK's client and the shared codec: sends requests, matches
 * responses by id and records pushes and the close.
 */
final class TestConnection implements AutoCloseable {

	static final WireCodec CODEC = new WireCodec(JsonMapper.builder().build());

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	/** A client that trusts the test certificate, for {@code wss:} tests; set once per test class. */
	static volatile HttpClient tlsClient = HTTP;

	/** The close a server sent. */
	record Close(int code, String reason) {
	}

	final List<ProtocolMessage> pushes = new CopyOnWriteArrayList<>();

	final CompletableFuture<Close> closed = new CompletableFuture<>();

	final CompletableFuture<Void> pong = new CompletableFuture<>();

	final CompletableFuture<Void> ready = new CompletableFuture<>();

	final AtomicInteger pings = new AtomicInteger();

	/** The room of the URL connected to. */
	String room = "";

	private boolean paused;

	private int owed;

	private final Map<Long, CompletableFuture<Content>> pending = new ConcurrentHashMap<>();

	private final AtomicLong ids = new AtomicLong();

	private final MessageAssembler assembler = new MessageAssembler(64 * 1024 * 1024);

	private WebSocket socket;

	private TestConnection() {
	}

	static TestConnection open(RoomServer server, String room, String participant) {
		return open(URI.create(server.roomUrl(room) + "?token=" + server.token(participant, room)), Map.of(), List.of());
	}

	static TestConnection open(URI uri, Map<String, String> headers, List<String> subprotocols) {
		TestConnection connection = new TestConnection();
		connection.room = uri.getPath().substring(uri.getPath().lastIndexOf('/') + 1);
		connection.socket = connect(uri, headers, subprotocols, connection.listener()).join();
		connection.ready.orTimeout(5, TimeUnit.SECONDS).join();
		return connection;
	}

	/** The HTTP status of a refused handshake. */
	static int refusedStatus(URI uri, Map<String, String> headers) {
		try {
			connect(uri, headers, List.of(), new WebSocket.Listener() {
			}).join().abort();
			return 101;
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof WebSocketHandshakeException refused) {
				return refused.getResponse().statusCode();
			}
			throw ex;
		}
	}

	private static CompletableFuture<WebSocket> connect(URI uri, Map<String, String> headers,
			List<String> subprotocols, WebSocket.Listener listener) {
		HttpClient client = "wss".equals(uri.getScheme()) ? tlsClient : HTTP;
		WebSocket.Builder builder = client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
		headers.forEach(builder::header);
		if (!subprotocols.isEmpty()) {
			builder.subprotocols(subprotocols.get(0), subprotocols.subList(1, subprotocols.size()).toArray(String[]::new));
		}
		return builder.buildAsync(uri, listener);
	}

	String subprotocol() {
		return this.socket.getSubprotocol();
	}

	ObjectNode args(Object... keyValues) {
		ObjectNode node = CODEC.jsonMapper().createObjectNode();
		for (int i = 0; i < keyValues.length; i += 2) {
			node.set((String) keyValues[i], CODEC.jsonMapper().valueToTree(keyValues[i + 1]));
		}
		return node;
	}

	CompletableFuture<Content> invoke(String tool, ObjectNode arguments) {
		ObjectNode header = CODEC.jsonMapper().createObjectNode();
		header.put("toolkit", "queues").put("tool", tool);
		header.putObject("arguments").put("type", "json").set("json", arguments);
		return request(MessageTypes.INVOKE_TOOL, header);
	}

	CompletableFuture<Content> request(String type, JsonNode header) {
		long id = this.ids.getAndIncrement();
		CompletableFuture<Content> response = new CompletableFuture<>();
		this.pending.put(id, response);
		sendFrames(CODEC.encode(id, type, header));
		return response.orTimeout(10, TimeUnit.SECONDS);
	}

	/** Sends a message and returns its id without waiting for any answer. */
	long send(String type, JsonNode header) {
		long id = this.ids.getAndIncrement();
		sendFrames(CODEC.encode(id, type, header));
		return id;
	}

	/** Sends a message with a payload given as bytes and returns its id without waiting for any answer. */
	long sendPayload(String type, byte[] payload) {
		long id = this.ids.getAndIncrement();
		sendFrames(Frames.encode(id, type, payload));
		return id;
	}

	/** Registers interest in the response to an id sent with {@link #send}. */
	CompletableFuture<Content> responseTo(long id) {
		return this.pending.computeIfAbsent(id, (key) -> new CompletableFuture<>()).orTimeout(10, TimeUnit.SECONDS);
	}

	synchronized void sendFrames(ByteBuffer... frames) {
		CompletableFuture<WebSocket> sent = CompletableFuture.completedFuture(this.socket);
		for (ByteBuffer frame : frames) {
			sent = sent.thenCompose((socket) -> socket.sendBinary(frame, true));
		}
		sent.join();
	}

	/** Stops reading: the server's writes back up into the socket, as with a client that does not keep up. */
	synchronized void pauseReading() {
		this.paused = true;
	}

	synchronized void resumeReading() {
		this.paused = false;
		if (this.owed > 0) {
			this.socket.request(this.owed);
			this.owed = 0;
		}
	}

	private synchronized void requestNext(WebSocket webSocket) {
		if (this.paused) {
			this.owed++;
		}
		else {
			webSocket.request(1);
		}
	}

	void ping() {
		this.socket.sendPing(ByteBuffer.wrap(new byte[] { 1 })).join();
	}

	@Override
	public void close() {
		if (!this.socket.isOutputClosed()) {
			this.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally((ex) -> null).join();
		}
		this.socket.abort();
	}

	/** Drops the TCP connection without a close handshake. */
	void abort() {
		this.socket.abort();
	}

	private WebSocket.Listener listener() {
		return new WebSocket.Listener() {

			private ByteBuffer partial = ByteBuffer.allocate(0);

			@Override
			public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
				ByteBuffer joined = ByteBuffer.allocate(this.partial.remaining() + data.remaining());
				joined.put(this.partial).put(data).flip();
				this.partial = last ? ByteBuffer.allocate(0) : joined;
				if (last) {
					TestConnection.this.assembler.accept(joined, new MessageAssembler.Listener() {
						@Override
						public void onMessage(ProtocolMessage message) {
							received(message);
						}

						@Override
						public void onError(ProtocolException error) {
							throw new IllegalStateException(error);
						}
					});
				}
				requestNext(webSocket);
				return null;
			}

			@Override
			public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
				TestConnection.this.pings.incrementAndGet();
				requestNext(webSocket);
				return null;
			}

			@Override
			public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
				TestConnection.this.pong.complete(null);
				webSocket.request(1);
				return null;
			}

			@Override
			public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
				TestConnection.this.closed.complete(new Close(statusCode, reason));
				return null;
			}

			@Override
			public void onError(WebSocket webSocket, Throwable error) {
				TestConnection.this.closed.completeExceptionally(error);
			}
		};
	}

	private void received(ProtocolMessage message) {
		if (MessageTypes.RESPONSE.equals(message.type())) {
			try {
				this.pending.computeIfAbsent(message.id(), (key) -> new CompletableFuture<>())
					.complete(CODEC.decodeResponse(message));
			}
			catch (ProtocolException ex) {
				this.pending.get(message.id()).completeExceptionally(ex);
			}
			return;
		}
		this.pushes.add(message);
		if (MessageTypes.CONNECTED.equals(message.type())) {
			this.ready.complete(null);
		}
	}

}
