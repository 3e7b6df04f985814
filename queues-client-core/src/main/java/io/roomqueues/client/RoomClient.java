package io.roomqueues.client;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.roomqueues.protocol.Content;
import io.roomqueues.protocol.ErrorContent;
import io.roomqueues.protocol.MessageTypes;
import io.roomqueues.protocol.WireCodec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One WebSocket to a MeshAgent room, shared by any number of requests in flight. It becomes ready once the server
 * has sent {@code room_ready} and {@code connected}, and reconnects by itself with backoff when the connection is
 * lost; requests pending at that moment fail with the retryable {@link RoomConnectionException}.
 *
 * <pre>{@code
 * RoomClient room = RoomClient.builder().url("ws://127.0.0.1:8765").room("demo").token(jwt).build();
 * room.connect().join();
 * room.queues().send("jobs", Map.of("id", 1)).join();
 * }</pre>
 */
public final class RoomClient implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(RoomClient.class);

	private final RoomClientSettings settings;

	private final WireCodec codec;

	private final ScheduledExecutorService scheduler;

	private final QueuesClient queues;

	private final SessionOpener opener;

	private final List<RoomConnectionListener> listeners = new CopyOnWriteArrayList<>();

	private final CompletableFuture<RoomClient> firstAttempt = new CompletableFuture<>();

	private CompletableFuture<RoomClient> nextReady = new CompletableFuture<>();

	private ConnectionState state = ConnectionState.NEW;

	private @Nullable RoomSession current;

	private @Nullable Greeting greeting;

	private @Nullable ScheduledFuture<?> pendingAttempt;

	private volatile @Nullable Throwable lastError;

	private final java.util.concurrent.atomic.AtomicLong reconnects = new java.util.concurrent.atomic.AtomicLong();

	private int failedAttempts;

	private boolean everConnected;

	RoomClient(RoomClientSettings settings) {
		this.settings = settings;
		this.codec = new WireCodec(settings.jsonMapper());
		ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, (task) -> {
			Thread thread = new Thread(task, "room-client-" + settings.room());
			thread.setDaemon(true);
			return thread;
		});
		executor.setRemoveOnCancelPolicy(true);
		this.scheduler = executor;
		this.opener = new SessionOpener(settings, this.codec, executor);
		this.queues = new QueuesClient(this, settings.jsonMapper());
	}

	public static RoomClientBuilder builder() {
		return new RoomClientBuilder();
	}

	/**
	 * Opens the connection.
	 * @return completes when the first attempt is ready, or fails with its error: {@link RoomHandshakeException} for a
	 * refused token or path (final), {@link RoomTimeoutException} or {@link RoomConnectionException} otherwise, after
	 * which the client keeps retrying in the background as its {@link ReconnectPolicy} allows
	 */
	public CompletableFuture<RoomClient> connect() {
		synchronized (this) {
			if (this.state == ConnectionState.NEW) {
				this.state = ConnectionState.CONNECTING;
				attempt();
			}
		}
		return this.firstAttempt.copy();
	}

	/** Completes the next time the client is ready (at once if it is), or fails if it closes first. */
	public synchronized CompletableFuture<RoomClient> whenConnected() {
		if (this.state == ConnectionState.CONNECTED) {
			return CompletableFuture.completedFuture(this);
		}
		return this.nextReady.copy();
	}

	/** The queues of this room. */
	public QueuesClient queues() {
		return this.queues;
	}

	/**
	 * Sends a request and completes with its response content, using the default request timeout; an error content
	 * fails it with a {@link RoomException} carrying the server's code.
	 */
	public CompletableFuture<Content> request(String type, JsonNode header) {
		return request(type, header, this.settings.requestTimeout());
	}

	/**
	 * Sends a request and completes with its response content.
	 * @param timeout how long to wait for the response, or {@code null} for as long as the connection lasts
	 */
	public CompletableFuture<Content> request(String type, JsonNode header, @Nullable Duration timeout) {
		RequestInterceptor interceptor = this.settings.interceptor();
		RequestInterceptor.Completion completion = (interceptor != null && header instanceof ObjectNode object)
				? interceptor.beforeRequest(type, object) : null;
		RoomSession session;
		RoomException notConnected = null;
		synchronized (this) {
			session = this.current;
			if (session == null || !session.isOpen()) {
				session = null;
				notConnected = notConnected();
			}
		}
		CompletableFuture<Content> response = (session != null) ? session.request(type, header, timeout)
				: CompletableFuture.failedFuture(notConnected);
		if (completion != null) {
			response.whenComplete((content, failure) -> completion.completed(content, SessionOpener.unwrap(failure)));
		}
		// an error content rejects the request, as in MeshAgent's SDKs
		return response.thenApply((content) -> {
			if (content instanceof ErrorContent error) {
				throw new RoomException(error.text(), error.code());
			}
			return content;
		});
	}

	/** Calls a tool of a toolkit with JSON arguments ({@code room.invoke_tool}). */
	public CompletableFuture<Content> invokeTool(String toolkit, String tool, JsonNode arguments,
			@Nullable Duration timeout) {
		ObjectNode header = this.codec.jsonMapper().createObjectNode();
		header.put("toolkit", toolkit).put("tool", tool);
		header.putObject("arguments").put("type", "json").set("json", arguments);
		return request(MessageTypes.INVOKE_TOOL, header, timeout);
	}

	/** Sets this participant's attributes ({@code set_attributes}, which gets no response). */
	public CompletableFuture<Void> setAttributes(ObjectNode attributes) {
		RoomSession session;
		synchronized (this) {
			session = this.current;
		}
		return (session != null) ? session.sendOneWay(MessageTypes.SET_ATTRIBUTES, attributes)
				: CompletableFuture.failedFuture(notConnected());
	}

	public synchronized ConnectionState state() {
		return this.state;
	}

	/** The reason of the last failed attempt or lost connection, or {@code null}. */
	public @Nullable Throwable lastError() {
		return this.lastError;
	}

	public String room() {
		return this.settings.room();
	}

	/** The base URL, without any token. */
	public String baseUrl() {
		return this.settings.baseUrl();
	}

	/** The participant id the server gave the current connection, or {@code null} when not connected. */
	public synchronized @Nullable String participantId() {
		return (this.greeting != null) ? this.greeting.participantId() : null;
	}

	/** How many times the connection was re-established after a loss. */
	public long reconnects() {
		return this.reconnects.get();
	}

	/** The number of requests waiting for a response. */
	public synchronized int pendingRequests() {
		return (this.current != null) ? this.current.pendingCount() : 0;
	}

	public JsonMapper jsonMapper() {
		return this.settings.jsonMapper();
	}

	/** The default request timeout, or {@code null} for none. */
	public @Nullable Duration requestTimeout() {
		return this.settings.requestTimeout();
	}

	public void addConnectionListener(RoomConnectionListener listener) {
		this.listeners.add(listener);
	}

	public void removeConnectionListener(RoomConnectionListener listener) {
		this.listeners.remove(listener);
	}

	/** Closes the connection; pending requests fail with {@link RoomClosedException}. */
	@Override
	public void close() {
		shutdown(new RoomClosedException("room client was closed before request completed"), true);
	}

	private void attempt() {
		RoomSession session = this.opener.newSession(this::sessionClosed);
		this.opener.open(session).whenComplete((greeting, error) -> {
			if (error != null) {
				attemptFailed(session, (error instanceof RoomException room) ? room
						: new RoomConnectionException(String.valueOf(error.getMessage()), error));
			}
			else {
				ready(session, greeting);
			}
		});
	}

	private void ready(RoomSession session, Greeting greeting) {
		List<RoomConnectionListener> toNotify;
		boolean reconnect;
		CompletableFuture<RoomClient> waiting;
		synchronized (this) {
			if (this.state == ConnectionState.CLOSED || this.current != null || !session.isOpen()) {
				session.close(1000, "closing", new RoomClosedException("room client was closed"));
				return;
			}
			this.current = session;
			this.greeting = greeting;
			this.state = ConnectionState.CONNECTED;
			this.failedAttempts = 0;
			reconnect = this.everConnected;
			this.everConnected = true;
			waiting = this.nextReady;
			this.nextReady = new CompletableFuture<>();
			toNotify = List.copyOf(this.listeners);
		}
		logger.info("Connected to room '{}' at {} as participant {}", this.settings.room(), this.settings.baseUrl(),
				greeting.participantId());
		this.firstAttempt.complete(this);
		waiting.complete(this);
		if (reconnect) {
			this.reconnects.incrementAndGet();
		}
		toNotify.forEach((listener) -> listener.connected(this, reconnect));
	}

	private void attemptFailed(RoomSession session, RoomException cause) {
		synchronized (this) {
			if (this.state == ConnectionState.CLOSED || this.current != null) {
				session.abort(cause);
				return;
			}
		}
		session.abort(cause);
		this.lastError = cause;
		if (cause instanceof RoomHandshakeException) {
			logger.error("Room '{}' refused this client for good: {}", this.settings.room(), cause.getMessage());
			shutdown(cause, false);
			return;
		}
		logger.warn("Could not connect to room '{}': {}", this.settings.room(), cause.getMessage());
		synchronized (this) {
			if (this.state == ConnectionState.CONNECTING) {
				this.state = ConnectionState.RECONNECTING;
			}
		}
		this.firstAttempt.completeExceptionally(cause);
		listeners().forEach((listener) -> listener.disconnected(this, cause));
		scheduleRetry(cause);
	}

	private void sessionClosed(RoomSession session, int code, String reason) {
		RoomConnectionException cause = new RoomConnectionException(
				"room connection lost: " + code + (reason.isEmpty() ? "" : " " + reason), null);
		synchronized (this) {
			if (this.current != session || this.state == ConnectionState.CLOSED) {
				return;
			}
			this.current = null;
			this.greeting = null;
			this.state = ConnectionState.RECONNECTING;
			this.lastError = cause;
		}
		logger.warn("Lost the connection to room '{}': {} {}", this.settings.room(), code, reason);
		listeners().forEach((listener) -> listener.disconnected(this, cause));
		scheduleRetry(cause);
	}

	private void scheduleRetry(RoomException cause) {
		synchronized (this) {
			if (this.state == ConnectionState.CLOSED || this.current != null) {
				return;
			}
			this.failedAttempts++;
			if (this.failedAttempts <= this.settings.reconnect().maxAttempts()) {
				Duration delay = this.settings.reconnect().delay(this.failedAttempts);
				this.state = ConnectionState.RECONNECTING;
				this.pendingAttempt = this.scheduler.schedule(this::retry, delay.toMillis(), TimeUnit.MILLISECONDS);
				return;
			}
		}
		shutdown(new RoomClosedException("gave up on room '" + this.settings.room() + "' after "
				+ this.settings.reconnect().maxAttempts() + " reconnect attempts: " + cause.getMessage()), false);
	}

	private void retry() {
		synchronized (this) {
			if (this.state == ConnectionState.CLOSED) {
				return;
			}
			this.state = ConnectionState.CONNECTING;
		}
		attempt();
	}

	private void shutdown(RoomException cause, boolean byOwner) {
		RoomSession session;
		CompletableFuture<RoomClient> waiting;
		synchronized (this) {
			if (this.state == ConnectionState.CLOSED) {
				return;
			}
			this.state = ConnectionState.CLOSED;
			session = this.current;
			this.current = null;
			this.greeting = null;
			waiting = this.nextReady;
			if (this.pendingAttempt != null) {
				this.pendingAttempt.cancel(false);
			}
		}
		if (session != null && byOwner) {
			MessageReturningClose.close(session, this.opener, this.codec, cause);
		}
		else if (session != null) {
			session.close(1000, "client closing", cause);
		}
		RoomClosedException closed = (cause instanceof RoomClosedException c) ? c
				: new RoomClosedException("room client closed: " + cause.getMessage());
		this.firstAttempt.completeExceptionally(byOwner ? closed : cause);
		waiting.completeExceptionally(byOwner ? closed : cause);
		this.scheduler.shutdownNow();
		listeners().forEach((listener) -> listener.closed(this, byOwner ? null : cause));
	}

	private List<RoomConnectionListener> listeners() {
		return List.copyOf(this.listeners);
	}

	private RoomException notConnected() {
		if (this.state == ConnectionState.CLOSED) {
			return new RoomClosedException("room client for '" + this.settings.room() + "' is closed");
		}
		Throwable last = this.lastError;
		return new RoomConnectionException("not connected to room '" + this.settings.room() + "' (" + this.state
				+ ((last != null) ? ", last error: " + last.getMessage() : "") + ")", last);
	}

}
