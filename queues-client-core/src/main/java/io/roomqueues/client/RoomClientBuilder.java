package io.roomqueues.client;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;

import io.roomqueues.client.transport.WebSocketTransport;
import io.roomqueues.protocol.WireCodec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Configures a {@link RoomClient}: {@code RoomClient.builder().url(...).room(...).token(...).build()}.
 */
public final class RoomClientBuilder {

	private static final Logger logger = LoggerFactory.getLogger(RoomClient.class);

	/** The request timeout unless set, the same as the Spring Boot starter's. */
	public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

	/** The close timeout unless set. */
	public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);

	/** The hold time unless set. */
	public static final Duration DEFAULT_HOLD_TIME = Duration.ofSeconds(1);

	private @Nullable String url;

	private @Nullable String room;

	private @Nullable Supplier<String> token;

	private boolean tokenInQuery;

	private Duration connectTimeout = Duration.ofSeconds(10);

	private @Nullable Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;

	private ReconnectPolicy reconnect = ReconnectPolicy.DEFAULT;

	private Keepalive keepalive = Keepalive.DEFAULT;

	private Duration holdTime = DEFAULT_HOLD_TIME;

	private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;

	private int maxMessageSize = WireCodec.DEFAULT_MAX_MESSAGE_SIZE;

	private @Nullable JsonMapper jsonMapper;

	private @Nullable WebSocketTransport transport;

	private @Nullable RequestInterceptor interceptor;

	private @Nullable SSLContext sslContext;

	private @Nullable Executor callbackExecutor;

	private UnreturnedMessageHandler unreturnedMessageHandler = RoomClientBuilder::logUnreturned;

	RoomClientBuilder() {
	}

	/**
	 * The base URL ({@code ws:}, {@code wss:}, {@code http:} or {@code https:}); when not set,
	 * {@code MESHAGENT_ROOM_URL}, then {@code MESHAGENT_API_URL}, then MeshAgent's hosted API. A {@code token} in its
	 * query is taken out of it (and used as the token when none is set), so it never shows in logs or health.
	 */
	public RoomClientBuilder url(String url) {
		this.url = url;
		return this;
	}

	public RoomClientBuilder room(String room) {
		this.room = room;
		return this;
	}

	/** A fixed participant token. */
	public RoomClientBuilder token(String token) {
		Objects.requireNonNull(token, "token must not be null");
		this.token = () -> token;
		return this;
	}

	/** Supplies a token for each connection attempt, so a reconnect can use a fresh one. */
	public RoomClientBuilder token(Supplier<String> token) {
		this.token = token;
		return this;
	}

	/**
	 * Whether the token also travels in the URL's query ({@code ?token=}), as MeshAgent's TypeScript client up to
	 * 0.39 sends it, for servers that read nothing else; off unless set, since URLs end up in proxy logs. The token
	 * always travels as {@code Authorization: Bearer}, as MeshAgent's current clients send it.
	 */
	public RoomClientBuilder tokenInQuery(boolean tokenInQuery) {
		this.tokenInQuery = tokenInQuery;
		return this;
	}

	/** How long one connection attempt may take to become ready; 10 s unless set. */
	public RoomClientBuilder connectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
		return this;
	}

	/**
	 * The default time a request waits for its response; 30 s unless set, {@code null} for none. Receives that wait
	 * for a message are never timed out by it.
	 */
	public RoomClientBuilder requestTimeout(@Nullable Duration requestTimeout) {
		this.requestTimeout = requestTimeout;
		return this;
	}

	public RoomClientBuilder reconnect(ReconnectPolicy reconnect) {
		this.reconnect = reconnect;
		return this;
	}

	/** How a connection that died without a close is found; {@link Keepalive#DEFAULT} unless set. */
	public RoomClientBuilder keepalive(Keepalive keepalive) {
		this.keepalive = keepalive;
		return this;
	}

	/**
	 * How long {@link RoomClient#close()} keeps trying, with backoff, to send back the messages the client holds (those
	 * that reached receives nobody waits for any more, and returns not sent yet) while the room is unreachable; what is
	 * still not back then goes to the {@link #unreturnedMessageHandler(UnreturnedMessageHandler) unreturned-message
	 * handler}. 10 s unless set.
	 */
	public RoomClientBuilder closeTimeout(Duration closeTimeout) {
		if (closeTimeout.isNegative()) {
			throw new IllegalArgumentException("closeTimeout must not be negative");
		}
		this.closeTimeout = closeTimeout;
		return this;
	}

	/**
	 * How long a message that reached a receive its caller gave up on is held for the next receive on its queue, while
	 * other given-up receives of that queue are still parked on the server (sent back at once, it would only land on
	 * one of them); after it, the message goes back to its queue. 1 s unless set; zero sends it back at once.
	 */
	public RoomClientBuilder holdTime(Duration holdTime) {
		if (holdTime.isNegative()) {
			throw new IllegalArgumentException("holdTime must not be negative");
		}
		this.holdTime = holdTime;
		return this;
	}

	/** The largest message payload in bytes; 16 MiB unless set. */
	public RoomClientBuilder maxMessageSize(int maxMessageSize) {
		this.maxMessageSize = maxMessageSize;
		return this;
	}

	public RoomClientBuilder jsonMapper(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
		return this;
	}

	/**
	 * The WebSocket implementation; unless set, the client makes its own: a {@code NettyWebSocketTransport} when
	 * {@code io.netty:netty-codec-http} is on the class path, else a {@code JdkWebSocketTransport}.
	 */
	public RoomClientBuilder transport(WebSocketTransport transport) {
		this.transport = transport;
		return this;
	}

	/**
	 * The TLS context {@code wss:} connections trust and present, such as one that trusts a self-signed
	 * certificate; the JVM's default unless set. Ignored when a {@link #transport(WebSocketTransport) transport} is
	 * set.
	 */
	public RoomClientBuilder sslContext(SSLContext sslContext) {
		this.sslContext = sslContext;
		return this;
	}

	/** Sees every request, for metrics or tracing. */
	public RoomClientBuilder interceptor(@Nullable RequestInterceptor interceptor) {
		this.interceptor = interceptor;
		return this;
	}

	/**
	 * Where the futures the client returns complete, instead of the client's own pool. It must never run a task on
	 * the calling thread (that would be the connection's reader) and must not queue tasks behind ones that block.
	 */
	public RoomClientBuilder callbackExecutor(Executor callbackExecutor) {
		this.callbackExecutor = callbackExecutor;
		return this;
	}

	/** Takes a message that could not be sent back to its queue; the default logs its queue and size. */
	public RoomClientBuilder unreturnedMessageHandler(UnreturnedMessageHandler unreturnedMessageHandler) {
		this.unreturnedMessageHandler = unreturnedMessageHandler;
		return this;
	}

	public RoomClient build() {
		if (this.room == null || this.room.isBlank()) {
			throw new IllegalStateException("a room name is required");
		}
		String base = (this.url != null) ? RoomUrls.toWebSocket(this.url) : RoomUrls.fromEnvironment();
		if (base == null) {
			base = RoomUrls.HOSTED_URL;
		}
		Supplier<String> tokens = this.token;
		String tokenInUrl = RoomUrls.tokenOf(base);
		if (tokens == null && tokenInUrl != null) {
			tokens = () -> tokenInUrl;
		}
		if (tokens == null) {
			throw new IllegalStateException("a participant token is required");
		}
		return new RoomClient(new RoomClientSettings(RoomUrls.withoutToken(base), this.room, tokens, this.tokenInQuery,
				this.connectTimeout, this.requestTimeout, this.reconnect, this.keepalive, this.closeTimeout, this.holdTime,
				this.maxMessageSize,
				(this.jsonMapper != null) ? this.jsonMapper : JsonMapper.builder().build(),
				(this.transport != null) ? this.transport : defaultTransport(), IsolatedHooks.interceptor(this.interceptor),
				this.callbackExecutor, IsolatedHooks.unreturned(this.unreturnedMessageHandler)));
	}

	private WebSocketTransport defaultTransport() {
		return DefaultTransport.create(this.sslContext);
	}

	private static void logUnreturned(String queue, tools.jackson.databind.node.ObjectNode message, Throwable cause) {
		logger.error("A message of {} characters from queue '{}' reached no receive and could not be sent back ({}); set an "
				+ "UnreturnedMessageHandler on the RoomClientBuilder to keep such messages", message.toString().length(),
				queue, cause.getMessage());
	}

}
