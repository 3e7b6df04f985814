package io.roomqueues.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.roomqueues.protocol.Content;
import io.roomqueues.protocol.MessageAssembler;
import io.roomqueues.protocol.MessageTypes;
import io.roomqueues.protocol.ProtocolException;
import io.roomqueues.protocol.ProtocolMessage;
import org.jspecify.annotations.Nullable;

/**
 * A fuzzing client on the JDK's WebSocket: sends what {@link FuzzCases} makes, reads everything the server writes,
 * checks each response against what its request expects, and records the server's close. Every response it cannot
 * account for is reported as a violation.
 */
final class FuzzClient {

	/** The close frame a server sent. */
	record Close(int code, String reason) {
	}

	private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

	final CompletableFuture<Close> closed = new CompletableFuture<>();

	private final CompletableFuture<Void> ready = new CompletableFuture<>();

	/** Requests still open, by id; ids only grow, so an answer must come before a later sentinel's. */
	private final ConcurrentSkipListMap<Long, FuzzCase.Expectation> open = new ConcurrentSkipListMap<>();

	private final Map<Long, CompletableFuture<Content>> sentinels = new ConcurrentHashMap<>();

	private final MessageAssembler assembler = new MessageAssembler(64 * 1024 * 1024);

	private final Consumer<String> violations;

	private final String name;

	private final AtomicLong responses;

	/** Set once a frame was mangled at random: answers to ids it never sent may then come. */
	private volatile boolean lenient;

	private WebSocket socket;

	private CompletableFuture<WebSocket> sending;

	private volatile long lastRead = System.nanoTime();

	private FuzzClient(String name, Consumer<String> violations, AtomicLong responses) {
		this.name = name;
		this.violations = violations;
		this.responses = responses;
	}

	/** Connects and waits for the server's greeting. */
	static FuzzClient open(HttpClient http, RoomServer server, String room, String participant,
			Consumer<String> violations, AtomicLong responses) {
		FuzzClient client = new FuzzClient(participant, violations, responses);
		URI uri = URI.create(server.roomUrl(room) + "?token=" + server.token(participant, room));
		client.socket = http.newWebSocketBuilder()
			.connectTimeout(Duration.ofSeconds(10))
			.buildAsync(uri, client.listener())
			.orTimeout(20, TimeUnit.SECONDS)
			.join();
		client.sending = CompletableFuture.completedFuture(client.socket);
		client.ready.orTimeout(20, TimeUnit.SECONDS).join();
		return client;
	}

	/**
	 * Registers what a case expects and queues its frames behind those sent before; they go out while the caller
	 * makes the next case, see {@link #flush()}.
	 */
	void send(FuzzCase fuzzCase) {
		if (fuzzCase.mangled()) {
			this.lenient = true;
		}
		fuzzCase.expected().forEach(this.open::put);
		for (FuzzCase.Send send : fuzzCase.sends()) {
			this.sending = this.sending.thenCompose((socket) -> send(socket, send));
		}
	}

	/** Waits until every frame queued so far is out; a send refused because the server closed is no fault. */
	void flush() {
		try {
			this.sending.get(SEND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			if (awaitClose(SEND_TIMEOUT) == null) {
				this.violations.accept(this.name + ": a send failed on an open connection: " + ex.getCause());
			}
		}
		catch (TimeoutException ex) {
			this.violations.accept(this.name + ": frames were not sent within " + SEND_TIMEOUT.toSeconds()
					+ " s: the server stopped reading");
			this.closed.complete(new Close(-1, "send timed out"));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static CompletionStage<WebSocket> send(WebSocket socket, FuzzCase.Send send) {
		if (send instanceof FuzzCase.Text text) {
			return socket.sendText(text.text(), true);
		}
		if (send instanceof FuzzCase.Ping ping) {
			return socket.sendPing(ByteBuffer.wrap(ping.data()));
		}
		FuzzCase.Frame frame = (FuzzCase.Frame) send;
		CompletableFuture<WebSocket> sent = CompletableFuture.completedFuture(socket);
		int from = 0;
		for (int cut : frame.cuts()) {
			int start = from;
			sent = sent.thenCompose((ws) -> ws.sendBinary(ByteBuffer.wrap(frame.bytes(), start, cut - start), false));
			from = cut;
		}
		int start = from;
		return sent.thenCompose((ws) -> ws.sendBinary(ByteBuffer.wrap(frame.bytes(), start, frame.bytes().length - start),
				true));
	}

	/**
	 * Sends a {@code list} request and waits for its answer; by then every earlier request that must be answered has
	 * been, as a connection's requests are answered in order.
	 * @return whether it was answered; {@code false} if the connection closed first
	 */
	boolean sentinel(long id, Duration timeout) {
		CompletableFuture<Content> answer = new CompletableFuture<>();
		this.sentinels.put(id, answer);
		send(FuzzCases.sentinel(id));
		flush();
		long started = System.nanoTime();
		CompletableFuture.anyOf(answer, this.closed)
			.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
			.exceptionally((ex) -> {
				this.violations.accept(this.name + ": neither an answer to sentinel " + id + " nor a close came within "
						+ timeout.toSeconds() + " s; last read " + millisSinceLastRead() + " ms ago");
				FuzzDiagnostics.dumpThreadsOnce(this.name);
				return null;
			})
			.join();
		long millis = (System.nanoTime() - started) / 1_000_000;
		if (millis > 2000) {
			System.out.printf("slow sentinel: %s %d after %d ms, %s%n", this.name, id, millis,
					answer.isDone() ? "answered" : "closed " + this.closed.getNow(null));
		}
		if (!answer.isDone()) {
			return false;
		}
		this.open.headMap(id).forEach((request, expectation) -> {
			if (expectation.required()) {
				this.violations.accept(this.name + ": request " + request + " (" + expectation + ") was never answered");
				this.open.remove(request);
			}
		});
		return true;
	}

	/** Closes politely, if the server has not closed already. */
	void close() {
		flush();
		long started = System.nanoTime();
		if (!this.socket.isOutputClosed()) {
			this.socket.sendClose(WebSocket.NORMAL_CLOSURE, "done")
				.orTimeout(10, TimeUnit.SECONDS)
				.exceptionally((ex) -> null)
				.join();
		}
		Close close = awaitClose(Duration.ofSeconds(10));
		long millis = (System.nanoTime() - started) / 1_000_000;
		if (millis > 2000) {
			System.out.printf("slow close (polite): %s after %d ms, closed with %s%n", this.name, millis, close);
		}
		this.socket.abort();
	}

	/** Waits for the server's close. */
	@Nullable Close awaitClose(Duration timeout) {
		try {
			return this.closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
		catch (ExecutionException | TimeoutException ex) {
			return null;
		}
	}

	/** How long ago the last message from the server arrived. */
	long millisSinceLastRead() {
		return (System.nanoTime() - this.lastRead) / 1_000_000;
	}

	private void received(ProtocolMessage message) {
		this.lastRead = System.nanoTime();
		if (!MessageTypes.RESPONSE.equals(message.type())) {
			if (MessageTypes.CONNECTED.equals(message.type())) {
				this.ready.complete(null);
			}
			return;
		}
		this.responses.incrementAndGet();
		Content content;
		try {
			content = FuzzFrames.CODEC.decodeResponse(message);
		}
		catch (ProtocolException ex) {
			this.violations.accept(this.name + ": unreadable response to " + message.id() + ": " + ex.getMessage());
			return;
		}
		String internal = FuzzCase.Expectation.internalError(content);
		if (internal != null) {
			this.violations.accept(this.name + ": response to " + message.id() + ": " + internal);
		}
		CompletableFuture<Content> sentinel = this.sentinels.remove(message.id());
		if (sentinel != null) {
			sentinel.complete(content);
			return;
		}
		FuzzCase.Expectation expectation = this.open.remove(message.id());
		if (expectation == null) {
			if (!this.lenient) {
				this.violations.accept(this.name + ": response to id " + message.id() + ", which nothing awaits: " + content);
			}
			return;
		}
		String wrong = expectation.check(content);
		if (wrong != null) {
			this.violations.accept(this.name + ": response to " + message.id() + " (" + expectation + "): " + wrong);
		}
	}

	private WebSocket.Listener listener() {
		return new WebSocket.Listener() {

			private @Nullable ByteBuffer partial;

			@Override
			public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
				ByteBuffer frame = data;
				if (this.partial != null || !last) {
					ByteBuffer joined = ByteBuffer.allocate(((this.partial != null) ? this.partial.remaining() : 0)
							+ data.remaining());
					if (this.partial != null) {
						joined.put(this.partial);
					}
					frame = joined.put(data).flip();
				}
				this.partial = last ? null : frame;
				if (last) {
					FuzzClient.this.assembler.accept(frame, new MessageAssembler.Listener() {
						@Override
						public void onMessage(ProtocolMessage message) {
							received(message);
						}

						@Override
						public void onError(ProtocolException error) {
							FuzzClient.this.violations.accept(FuzzClient.this.name + ": the server sent a bad frame: "
									+ error.getMessage());
						}
					});
				}
				webSocket.request(1);
				return null;
			}

			@Override
			public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
				FuzzClient.this.violations.accept(FuzzClient.this.name + ": the server sent a text message");
				webSocket.request(1);
				return null;
			}

			@Override
			public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
				FuzzClient.this.closed.complete(new Close(statusCode, reason));
				return null;
			}

			@Override
			public void onError(WebSocket webSocket, Throwable error) {
				FuzzClient.this.closed.complete(new Close(-1, "client error: " + error));
			}
		};
	}

}
