package io.roomqueues.client;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection state machine of a {@link RoomClient}: attempts, readiness, loss, retries with backoff, and the
 * listeners told of each step. Its closing is the client's: {@link #close} hands over what was open.
 */
final class ConnectionLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(RoomClient.class);

	/** What was open when the client closed, for the client to close. */
	record Closed(@Nullable RoomSession session, @Nullable RoomSession attempt,
			CompletableFuture<RoomClient> waiting) {
	}

	private final RoomClient client;

	private final RoomClientSettings settings;

	private final SessionOpener opener;

	private final ScheduledExecutorService scheduler;

	private final RoomSession.Owner sessionOwner;

	private final CallbackExecutor callbacks;

	private final BiConsumer<RoomException, Boolean> shutdown;

	private final ConnectionEvents events;

	private final CompletableFuture<RoomClient> firstAttempt = new CompletableFuture<>();

	/**
	 * Whether the first attempt's outcome is decided: decided here, at once, because the completions themselves run
	 * later on the callback executor, in no fixed order (a failed attempt and the close that follows it would race).
	 */
	private final AtomicBoolean firstDecided = new AtomicBoolean();

	private final AtomicLong reconnects = new AtomicLong();

	private CompletableFuture<RoomClient> nextReady = new CompletableFuture<>();

	private ConnectionState state = ConnectionState.NEW;

	private @Nullable RoomSession current;

	private @Nullable RoomSession connecting;

	private @Nullable Greeting greeting;

	private @Nullable ScheduledFuture<?> pendingAttempt;

	private volatile @Nullable Throwable lastError;

	private int failedAttempts;

	private boolean everConnected;

	/**
	 * @param shutdown closes the client for good: the cause, and whether its owner asked
	 */
	ConnectionLifecycle(RoomClient client, RoomClientSettings settings, SessionOpener opener,
			ScheduledExecutorService scheduler, CallbackExecutor callbacks, RoomSession.Owner sessionOwner,
			BiConsumer<RoomException, Boolean> shutdown) {
		this.callbacks = callbacks;
		this.events = new ConnectionEvents(callbacks, settings.room());
		this.client = client;
		this.settings = settings;
		this.opener = opener;
		this.scheduler = scheduler;
		this.sessionOwner = sessionOwner;
		this.shutdown = shutdown;
	}

	CompletableFuture<RoomClient> connect() {
		synchronized (this) {
			if (this.state == ConnectionState.NEW) {
				this.state = ConnectionState.CONNECTING;
				attempt();
			}
		}
		return this.firstAttempt.copy();
	}

	synchronized CompletableFuture<RoomClient> whenConnected() {
		if (this.state == ConnectionState.CONNECTED) {
			return CompletableFuture.completedFuture(this.client);
		}
		return this.nextReady.copy();
	}

	synchronized ConnectionState state() {
		return this.state;
	}

	@Nullable Throwable lastError() {
		return this.lastError;
	}

	long reconnects() {
		return this.reconnects.get();
	}

	synchronized @Nullable String participantId() {
		return (this.greeting != null) ? this.greeting.participantId() : null;
	}

	/** The session requests go on, or {@code null} while there is none. */
	synchronized @Nullable RoomSession openSession() {
		if (this.state == ConnectionState.NEW) {
			throw new IllegalStateException("room client for '" + this.settings.room()
					+ "' is not connected yet: call connect() first");
		}
		RoomSession session = this.current;
		return (session != null && session.isOpen()) ? session : null;
	}

	synchronized @Nullable RoomSession currentSession() {
		return this.current;
	}

	void addListener(RoomConnectionListener listener) {
		this.events.add(listener);
	}

	void removeListener(RoomConnectionListener listener) {
		this.events.remove(listener);
	}

	/** Why no request can be sent right now. */
	synchronized RoomException notConnected() {
		if (this.state == ConnectionState.CLOSED) {
			return new RoomClosedException("room client for '" + this.settings.room() + "' is closed");
		}
		Throwable last = this.lastError;
		return new RoomConnectionException("not connected to room '" + this.settings.room() + "' (" + this.state
				+ ((last != null) ? ", last error: " + last.getMessage() : "") + ")", last);
	}

	/**
	 * Moves to {@code CLOSED} once.
	 * @return what was open, or {@code null} if it was closed already
	 */
	synchronized @Nullable Closed close() {
		if (this.state == ConnectionState.CLOSED) {
			return null;
		}
		this.state = ConnectionState.CLOSED;
		Closed closed = new Closed(this.current, this.connecting, this.nextReady);
		this.current = null;
		this.connecting = null;
		this.greeting = null;
		if (this.pendingAttempt != null) {
			this.pendingAttempt.cancel(false);
		}
		return closed;
	}

	/** Fails the futures waiting for a connection. */
	void failWaiting(Closed closed, RoomException cause) {
		boolean first = this.firstDecided.compareAndSet(false, true);
		complete(() -> {
			if (first) {
				this.firstAttempt.completeExceptionally(cause);
			}
			closed.waiting().completeExceptionally(cause);
		});
	}

	/** A session of this client ended. */
	void sessionClosed(RoomSession session, RoomException cause) {
		synchronized (this) {
			if (this.current != session || this.state == ConnectionState.CLOSED) {
				return;
			}
			this.current = null;
			this.greeting = null;
			this.state = ConnectionState.RECONNECTING;
			this.lastError = cause;
		}
		logger.warn("Lost the connection to room '{}': {}", this.settings.room(), cause.getMessage());
		tell("disconnected", (listener) -> listener.disconnected(this.client, cause));
		scheduleRetry(cause);
	}

	private void attempt() {
		RoomSession session = this.opener.newSession(this.sessionOwner);
		synchronized (this) {
			this.connecting = session;
		}
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
		boolean reconnect;
		CompletableFuture<RoomClient> waiting;
		synchronized (this) {
			if (this.connecting == session) {
				this.connecting = null;
			}
			if (this.state == ConnectionState.CLOSED || this.current != null || !session.isOpen()) {
				session.abort(new RoomClosedException("room client was closed"));
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
		}
		logger.info("Connected to room '{}' at {} as participant {}", this.settings.room(), this.settings.baseUrl(),
				greeting.participantId());
		if (reconnect) {
			this.reconnects.incrementAndGet();
		}
		tell("connected", (listener) -> listener.connected(this.client, reconnect));
		boolean first = this.firstDecided.compareAndSet(false, true);
		complete(() -> {
			if (first) {
				this.firstAttempt.complete(this.client);
			}
			waiting.complete(this.client);
		});
	}

	/** Completes futures callers wait on where they may block: on the callback executor, never the reader thread. */
	private void complete(Runnable completion) {
		this.callbacks.execute(completion);
	}

	/** Tells every listener of an event, in order, off the connection's threads (see {@link ConnectionEvents}). */
	void tell(String event, Consumer<RoomConnectionListener> call) {
		this.events.tell(event, call);
	}

	private void attemptFailed(RoomSession session, RoomException cause) {
		session.abort(cause);
		synchronized (this) {
			if (this.connecting == session) {
				this.connecting = null;
			}
			if (this.state == ConnectionState.CLOSED || this.current != null) {
				return;
			}
		}
		this.lastError = cause;
		if (cause instanceof RoomHandshakeException) {
			logger.error("Room '{}' refused this client for good: {}", this.settings.room(), cause.getMessage());
			this.shutdown.accept(cause, false);
			return;
		}
		logger.warn("Could not connect to room '{}': {}", this.settings.room(), cause.getMessage());
		synchronized (this) {
			if (this.state == ConnectionState.CONNECTING) {
				this.state = ConnectionState.RECONNECTING;
			}
		}
		if (this.firstDecided.compareAndSet(false, true)) {
			complete(() -> this.firstAttempt.completeExceptionally(cause));
		}
		tell("disconnected", (listener) -> listener.disconnected(this.client, cause));
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
		this.shutdown.accept(new RoomClosedException("gave up on room '" + this.settings.room() + "' after "
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

}
