package io.roomqueues.client;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.roomqueues.protocol.Content;
import io.roomqueues.protocol.ErrorContent;
import io.roomqueues.protocol.MessageTypes;
import io.roomqueues.protocol.WireCodec;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One WebSocket to a MeshAgent room, shared by any number of requests in flight. It becomes ready once the server
 * has sent {@code room_ready} and {@code connected}, pings the server to find a dead connection, and reconnects by
 * itself with backoff when the connection is lost; requests pending at that moment fail with the retryable
 * {@link RoomConnectionException}.
 *
 * <p>
 * Futures complete on the client's callback executor, never on the thread that reads the connection, so a callback
 * may block, even on another request of this client. A future the caller completes itself (a cancel, or
 * {@code orTimeout}) is noticed: a message that later arrives for such a receive goes back to its queue.
 *
 * <pre>{@code
 * RoomClient room = RoomClient.builder().url("ws://127.0.0.1:8765").room("demo").token(jwt).build();
 * room.connect().join();
 * room.queues().send("jobs", Map.of("id", 1)).join();
 * }</pre>
 */
public final class RoomClient implements AutoCloseable {

	private final RoomClientSettings settings;

	private final WireCodec codec;

	private final ScheduledThreadPoolExecutor scheduler;

	private final CallbackExecutor callbacks;

	private final QueuesClient queues;

	private final SessionOpener opener;

	private final MessageReturns returns;

	private final ConnectionLifecycle connection;

	RoomClient(RoomClientSettings settings) {
		this.settings = settings;
		this.codec = new WireCodec(settings.jsonMapper());
		this.scheduler = new ScheduledThreadPoolExecutor(1, CallbackExecutor.daemonThreads("room-client-" + settings.room()));
		this.scheduler.setRemoveOnCancelPolicy(true);
		this.callbacks = new CallbackExecutor(settings.callbackExecutor(), "room-client-" + settings.room() + "-callback-");
		this.opener = new SessionOpener(settings, this.codec, this.scheduler, this.callbacks);
		this.returns = new MessageReturns(new ReturnSender(), this.scheduler, settings.unreturnedMessageHandler());
		this.connection = new ConnectionLifecycle(this, settings, this.opener, this.scheduler, this.callbacks,
				new SessionEvents(), this::shutdown);
		this.connection.addListener(this.returns);
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
		return this.connection.connect();
	}

	/** Completes the next time the client is ready (at once if it is), or fails if it closes first. */
	public CompletableFuture<RoomClient> whenConnected() {
		return this.connection.whenConnected();
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
		return call(type, header, null, false, timeout, Function.identity());
	}

	/** Calls a tool of a toolkit with JSON arguments ({@code room.invoke_tool}). */
	public CompletableFuture<Content> invokeTool(String toolkit, String tool, JsonNode arguments,
			@Nullable Duration timeout) {
		return request(MessageTypes.INVOKE_TOOL, toolHeader(toolkit, tool, arguments), timeout);
	}

	/** Sets this participant's attributes ({@code set_attributes}, which gets no response). */
	public CompletableFuture<Void> setAttributes(ObjectNode attributes) {
		RoomSession session = this.connection.openSession();
		return (session != null) ? session.sendOneWay(MessageTypes.SET_ATTRIBUTES, attributes)
				: CompletableFuture.failedFuture(this.connection.notConnected());
	}

	public ConnectionState state() {
		return this.connection.state();
	}

	/** The reason of the last failed attempt or lost connection, or {@code null}. */
	public @Nullable Throwable lastError() {
		return this.connection.lastError();
	}

	public String room() {
		return this.settings.room();
	}

	/** The base URL, without any token. */
	public String baseUrl() {
		return this.settings.baseUrl();
	}

	/** The participant id the server gave the current connection, or {@code null} when not connected. */
	public @Nullable String participantId() {
		return this.connection.participantId();
	}

	/** How many times the connection was re-established after a loss. */
	public long reconnects() {
		return this.connection.reconnects();
	}

	/** The number of requests whose callers wait for a response. */
	public int pendingRequests() {
		RoomSession session = this.connection.currentSession();
		return (session != null) ? session.pendingCount() : 0;
	}

	/**
	 * Messages this client holds for nobody right now: those on their way back to their queue, those held for the
	 * next receive, and receives given up by their callers but still parked on the server.
	 */
	public int unclaimedMessages() {
		RoomSession session = this.connection.currentSession();
		return this.returns.size() + ((session != null) ? session.abandonedCount() : 0);
	}

	/** Messages this client has sent back to their queue because they reached no receive, since it was built. */
	public long returnedMessages() {
		return this.returns.returned();
	}

	public JsonMapper jsonMapper() {
		return this.settings.jsonMapper();
	}

	/** The default request timeout, or {@code null} for none. */
	public @Nullable Duration requestTimeout() {
		return this.settings.requestTimeout();
	}

	/**
	 * Hears about connects, losses and the close: told in order on the callback executor, never on the thread that
	 * reads the connection, so a listener may call the client (a listener that blocks delays the events after it).
	 */
	public void addConnectionListener(RoomConnectionListener listener) {
		this.connection.addListener(listener);
	}

	public void removeConnectionListener(RoomConnectionListener listener) {
		this.connection.removeListener(listener);
	}

	/**
	 * Closes the connection; pending requests fail with {@link RoomClosedException}. Messages handed to this client's
	 * receives that reached nobody are sent back to their queue first, over a second connection if needed.
	 */
	@Override
	public void close() {
		shutdown(new RoomClosedException("room client was closed before request completed"), true);
	}

	/**
	 * Sends a request whose answer the decoder turns into the caller's value; the future returned is the one the
	 * client tracks, so completing it early abandons the request instead of forgetting it.
	 * @param queue the queue a receive takes from, so its message is never lost, or {@code null}
	 * @param parks whether it is a receive that waits on the server
	 */
	<T> CompletableFuture<T> call(String type, JsonNode header, @Nullable String queue, boolean parks,
			@Nullable Duration timeout, Function<Content, T> decoder) {
		RoomSession session = this.connection.openSession();
		RequestInterceptor interceptor = this.settings.interceptor();
		RequestInterceptor.Completion completion = (interceptor != null && header instanceof ObjectNode object)
				? interceptor.beforeRequest(type, object) : null;
		CompletableFuture<T> future = new CompletableFuture<>();
		Waiter<T> waiter = new Waiter<>(future, (content) -> {
			if (content instanceof ErrorContent error) {
				throw new RoomException(error.text(), error.code());
			}
			return decoder.apply(content);
		}, completion);
		if (session == null) {
			waiter.fail(this.connection.notConnected());
		}
		else {
			session.request(type, header, queue, parks, waiter, timeout);
		}
		return future;
	}

	/** Whether a {@link RequestInterceptor} sees the requests, and so needs every message as an {@code ObjectNode}. */
	boolean intercepts() {
		return this.settings.interceptor() != null;
	}

	ObjectNode toolHeader(String toolkit, String tool, JsonNode arguments) {
		ObjectNode header = this.codec.jsonMapper().createObjectNode();
		header.put("toolkit", toolkit).put("tool", tool);
		header.putObject("arguments").put("type", "json").set("json", arguments);
		return header;
	}

	/** Sends messages back to their queue, through reconnects. */
	List<CompletableFuture<Void>> returnToQueue(String queue, List<ObjectNode> messages) {
		return this.returns.add(queue, messages);
	}

	/** Runs a task after a delay on the client's callback executor, or on a thread of its own if that refuses it. */
	ScheduledFuture<?> schedule(Runnable task, Duration delay) {
		return this.scheduler.schedule(() -> this.callbacks.execute(task), delay.toNanos(), TimeUnit.NANOSECONDS);
	}

	private void shutdown(RoomException cause, boolean byOwner) {
		ConnectionLifecycle.Closed closed = this.connection.close();
		if (closed == null) {
			return;
		}
		RoomClosedException closedCause = (cause instanceof RoomClosedException c) ? c
				: new RoomClosedException("room client closed: " + cause.getMessage());
		if (closed.attempt() != null) {
			// an attempt in progress would otherwise wait for a timeout this shutdown cancels
			closed.attempt().abort(closedCause);
		}
		MessageReturningClose.close(closed.session(), this.opener, this.returns, byOwner, cause,
				this.settings.closeTimeout(), this.settings.unreturnedMessageHandler());
		this.connection.failWaiting(closed, byOwner ? closedCause : cause);
		this.scheduler.shutdownNow();
		this.callbacks.shutdown();
		this.settings.transport().close();
		this.connection.tell("closed", (listener) -> listener.closed(this, byOwner ? null : cause));
	}

	/** What the client's sessions tell it. */
	private final class SessionEvents implements RoomSession.Owner {

		@Override
		public void sessionClosed(RoomSession session, RoomException cause) {
			RoomClient.this.connection.sessionClosed(session, cause);
		}

		@Override
		public void returnMessages(String queue, List<ObjectNode> messages) {
			RoomClient.this.returns.add(queue, messages);
		}

	}

	/** Sends a returned message over the current connection. */
	private final class ReturnSender implements MessageReturns.Sender {

		@Override
		public CompletableFuture<Void> send(String queue, ObjectNode message) {
			return RoomClient.this.queues.sendMessage(queue, message, true);
		}

		@Override
		public boolean isConnected() {
			return state() == ConnectionState.CONNECTED;
		}

	}

}
