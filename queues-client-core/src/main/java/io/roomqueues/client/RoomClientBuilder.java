package io.roomqueues.client;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;

import io.roomqueues.client.transport.JdkWebSocketTransport;
import io.roomqueues.client.transport.WebSocketTransport;
import io.roomqueues.protocol.WireCodec;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Configures a {@link RoomClient}: {@code RoomClient.builder().url(...).room(...).token(...).build()}.
 */
public final class RoomClientBuilder {

	private @Nullable String url;

	private @Nullable String room;

	private @Nullable Supplier<String> token;

	private Duration connectTimeout = Duration.ofSeconds(10);

	private @Nullable Duration requestTimeout;

	private ReconnectPolicy reconnect = ReconnectPolicy.DEFAULT;

	private int maxMessageSize = WireCodec.DEFAULT_MAX_MESSAGE_SIZE;

	private @Nullable JsonMapper jsonMapper;

	private @Nullable WebSocketTransport transport;

	private @Nullable RequestInterceptor interceptor;

	private @Nullable SSLContext sslContext;

	RoomClientBuilder() {
	}

	/**
	 * The base URL ({@code ws:}, {@code wss:}, {@code http:} or {@code https:}); when not set,
	 * {@code MESHAGENT_ROOM_URL}, then {@code MESHAGENT_API_URL}, then MeshAgent's hosted API.
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

	/** How long one connection attempt may take to become ready; 10 s unless set. */
	public RoomClientBuilder connectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
		return this;
	}

	/** The default time a request waits for its response; none unless set. */
	public RoomClientBuilder requestTimeout(@Nullable Duration requestTimeout) {
		this.requestTimeout = requestTimeout;
		return this;
	}

	public RoomClientBuilder reconnect(ReconnectPolicy reconnect) {
		this.reconnect = reconnect;
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

	public RoomClient build() {
		if (this.room == null || this.room.isBlank()) {
			throw new IllegalStateException("a room name is required");
		}
		if (this.token == null) {
			throw new IllegalStateException("a participant token is required");
		}
		String base = (this.url != null) ? RoomUrls.toWebSocket(this.url) : RoomUrls.fromEnvironment();
		return new RoomClient(new RoomClientSettings((base != null) ? base : RoomUrls.HOSTED_URL, this.room,
				this.token, this.connectTimeout, this.requestTimeout, this.reconnect, this.maxMessageSize,
				(this.jsonMapper != null) ? this.jsonMapper : JsonMapper.builder().build(),
				(this.transport != null) ? this.transport : defaultTransport(), this.interceptor));
	}

	private WebSocketTransport defaultTransport() {
		if (this.sslContext == null) {
			return new JdkWebSocketTransport();
		}
		return new JdkWebSocketTransport(HttpClient.newBuilder().sslContext(this.sslContext).build(),
				JdkWebSocketTransport.DEFAULT_MAX_FRAME_SIZE);
	}

}
