package io.roomqueues.server;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

import io.roomqueues.token.ParticipantToken;
import org.jspecify.annotations.Nullable;

/**
 * An embedded room server: MeshAgent's wire protocol and the {@code queues} toolkit on an embedded Tomcat, bound to
 * 127.0.0.1 by default.
 *
 * <pre>{@code
 * try (RoomServer server = RoomServer.builder().secret("dev-secret").build().start()) {
 *     String url = server.url();                       // ws://127.0.0.1:<random port>
 *     String token = server.token("worker", "my-room"); // a participant token for that room
 * }
 * }</pre>
 */
public final class RoomServer implements AutoCloseable {

	private final ServerSettings settings;

	private final String secret;

	private final Clock clock;

	private final RoomRegistry rooms;

	private final AtomicInteger connections = new AtomicInteger();

	private @Nullable RoomServerRuntime runtime;

	private int port = -1;

	private RoomServer(Builder builder) {
		this.secret = Objects.requireNonNull(builder.secret, "a secret is required to verify participant tokens");
		this.clock = builder.clock;
		this.settings = new ServerSettings(builder.host, builder.port, builder.limits,
				new ConnectionTimeouts(builder.upgradeTimeout, builder.firstFrameTimeout, builder.pingInterval,
						builder.pongTimeout, builder.writeTimeout),
				builder.tls, new TokenCheck(this.secret, this.clock, builder.requireExpiry));
		this.rooms = new RoomRegistry(builder.limits);
	}

	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Starts accepting connections; warns in the log if the secret is shorter than HS256 wants.
	 * @return this server
	 * @throws IllegalStateException if the port cannot be bound
	 */
	public synchronized RoomServer start() {
		if (this.runtime == null) {
			this.settings.tokens().warnIfWeak();
			RoomServerRuntime started = RoomServerRuntime.start(this.settings, this.rooms, this.connections);
			this.port = started.port();
			this.runtime = started;
		}
		return this;
	}

	/**
	 * The base URL clients connect to, such as {@code ws://127.0.0.1:8765}, or {@code wss://...} with TLS; rooms
	 * live under {@code /rooms/}.
	 */
	public String url() {
		String host = this.settings.host();
		return ((this.settings.tls() != null) ? "wss" : "ws") + "://" + (host.contains(":") ? "[" + host + "]" : host)
				+ ":" + port();
	}

	/** The URL of one room. */
	public String roomUrl(String room) {
		return url() + "/rooms/" + room;
	}

	/** The bound port. */
	public int port() {
		if (this.port < 0) {
			throw new IllegalStateException("room server is not started");
		}
		return this.port;
	}

	public boolean isRunning() {
		return this.runtime != null;
	}

	/** Mints a token for a participant of one room, with access to every queue, valid for a day. */
	public String token(String participant, String room) {
		return ParticipantToken.builder(participant)
			.room(room)
			.expiresAt(Instant.now(this.clock).plusSeconds(86_400))
			.build()
			.toJwt(this.secret);
	}

	/** The queues of a room as {@code list} would report them; empty for a room nobody joined. */
	public List<QueueInfo> queues(String room) {
		Room found = this.rooms.find(room);
		return (found != null) ? found.list() : List.of();
	}

	/** The number of open connections. */
	public int connectionCount() {
		return this.connections.get();
	}

	/** The number of rooms held: those with a connection or a queue. */
	public int roomCount() {
		return this.rooms.count();
	}

	/** The receives waiting on the queues of a room; 0 for a room nobody joined. */
	public int parkedReceiveCount(String room) {
		Room found = this.rooms.find(room);
		return (found != null) ? found.parkedReceives() : 0;
	}

	/** Bytes of messages the server holds against its memory budget, until each is written to a consumer. */
	public long queuedBytes() {
		return this.rooms.queuedBytes();
	}

	public ServerLimits limits() {
		return this.settings.limits();
	}

	ServerSettings settings() {
		return this.settings;
	}

	/**
	 * Stops the server: deliveries being written get a bounded time to finish, then open connections are closed with
	 * 1001 (going away), so clients reconnect. Queues live in memory and end with the server.
	 */
	@Override
	public synchronized void close() {
		RoomServerRuntime running = this.runtime;
		this.runtime = null;
		if (running != null) {
			running.stop();
		}
	}

	@Override
	public String toString() {
		return "RoomServer[" + ((this.port >= 0) ? url() : this.settings.address()) + "]";
	}

	/** Configures a {@link RoomServer}. */
	public static final class Builder {

		private String host = "127.0.0.1";

		private int port;

		private @Nullable String secret;

		private ServerLimits limits = ServerLimits.DEFAULTS;

		private Clock clock = Clock.systemUTC();

		private boolean requireExpiry;

		private @Nullable TlsSettings tls;

		private Duration upgradeTimeout = ConnectionTimeouts.DEFAULTS.upgrade();

		private Duration firstFrameTimeout = ConnectionTimeouts.DEFAULTS.firstFrame();

		private Duration pingInterval = ConnectionTimeouts.DEFAULTS.pingInterval();

		private Duration pongTimeout = ConnectionTimeouts.DEFAULTS.pongTimeout();

		private Duration writeTimeout = ConnectionTimeouts.DEFAULTS.write();

		private Builder() {
		}

		/** The address to bind; 127.0.0.1 unless set. */
		public Builder host(String host) {
			this.host = host;
			return this;
		}

		/** The port to bind; 0 (the default) picks a free one. */
		public Builder port(int port) {
			this.port = port;
			return this;
		}

		/** The shared secret participant tokens are signed with (HS256); 32 bytes or more, or the start warns. */
		public Builder secret(String secret) {
			if (secret.isEmpty()) {
				throw new IllegalArgumentException("secret must not be empty");
			}
			this.secret = secret;
			return this;
		}

		public Builder limits(ServerLimits limits) {
			this.limits = limits;
			return this;
		}

		/** The clock token expiry is checked against. */
		public Builder clock(Clock clock) {
			this.clock = clock;
			return this;
		}

		/** Refuses tokens without an expiry ({@code exp}) with 403; off unless set. */
		public Builder requireExpiry(boolean requireExpiry) {
			this.requireExpiry = requireExpiry;
			return this;
		}

		/** Serves {@code wss:} only, with the certificate and key of a PKCS12 or JKS key store. */
		public Builder tls(Path keyStore, String password) {
			this.tls = TlsSettings.keyStore(keyStore, password);
			return this;
		}

		/** Serves {@code wss:} only, with a PEM certificate chain and an unencrypted PEM private key. */
		public Builder tlsPem(Path certificateChain, Path privateKey) {
			this.tls = TlsSettings.pem(certificateChain, privateKey);
			return this;
		}

		/** How long a TCP connection may take to send its upgrade request; 10 s unless set. */
		public Builder upgradeTimeout(Duration upgradeTimeout) {
			this.upgradeTimeout = upgradeTimeout;
			return this;
		}

		/**
		 * How long an upgraded connection may take to send its first frame of any kind; 10 s unless set. The server
		 * pings at once, so a client whose WebSocket answers pings passes without sending a request.
		 */
		public Builder firstFrameTimeout(Duration firstFrameTimeout) {
			this.firstFrameTimeout = firstFrameTimeout;
			return this;
		}

		/** Silence after which the server pings a connection; 30 s unless set. */
		public Builder pingInterval(Duration pingInterval) {
			this.pingInterval = pingInterval;
			return this;
		}

		/**
		 * How long a ping may go unanswered before the connection is closed as dead, and a close the server started
		 * before the socket is closed; 10 s unless set.
		 */
		public Builder pongTimeout(Duration pongTimeout) {
			this.pongTimeout = pongTimeout;
			return this;
		}

		/**
		 * How long one write to a client may wait for room in its socket before the connection is closed as not
		 * reading; the message being written goes back to its queue. 20 s unless set.
		 */
		public Builder writeTimeout(Duration writeTimeout) {
			this.writeTimeout = writeTimeout;
			return this;
		}

		public RoomServer build() {
			return new RoomServer(this);
		}

	}

}
