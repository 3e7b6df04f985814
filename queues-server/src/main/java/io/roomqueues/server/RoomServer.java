package io.roomqueues.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.roomqueues.protocol.WireCodec;
import io.roomqueues.token.ParticipantToken;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.websocket.server.WsSci;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

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

	private final String host;

	private final int requestedPort;

	private final String secret;

	private final ServerLimits limits;

	private final Clock clock;

	private final RoomRegistry rooms;

	private final AtomicInteger connections = new AtomicInteger();

	private @Nullable Tomcat tomcat;

	private @Nullable ExecutorService deliveries;

	private @Nullable Path baseDir;

	private int port = -1;

	private RoomServer(Builder builder) {
		this.host = builder.host;
		this.requestedPort = builder.port;
		this.secret = Objects.requireNonNull(builder.secret, "a secret is required to verify participant tokens");
		this.limits = builder.limits;
		this.clock = builder.clock;
		this.rooms = new RoomRegistry(this.limits.maxQueueLength());
	}

	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Starts accepting connections.
	 * @return this server
	 * @throws IllegalStateException if the port cannot be bound
	 */
	public synchronized RoomServer start() {
		if (this.tomcat != null) {
			return this;
		}
		try {
			this.baseDir = Files.createTempDirectory("room-server");
			Tomcat server = new Tomcat();
			server.setBaseDir(this.baseDir.toString());
			Connector connector = new Connector("org.apache.coyote.http11.Http11NioProtocol");
			connector.setPort(this.requestedPort);
			connector.setProperty("address", this.host);
			connector.setProperty("bindOnInit", "true");
			server.setConnector(connector);
			server.getHost().setAutoDeploy(false);
			Context context = server.addContext("", this.baseDir.toString());
			context.addServletContainerInitializer(new WsSci(), null);
			WireCodec codec = new WireCodec(JsonMapper.builder().build());
			MessageRouter router = new MessageRouter(codec, new QueuesToolkit(codec.jsonMapper()));
			ExecutorService deliveryExecutor = Executors.newCachedThreadPool(new DeliveryThreads());
			this.deliveries = deliveryExecutor;
			RoomEndpoint endpoint = new RoomEndpoint(codec, router, this.limits, this.connections, deliveryExecutor);
			Tomcat.addServlet(context, "rooms", new RoomUpgradeServlet(this.rooms, endpoint, this.secret, this.clock,
					this.connections, this.limits.maxConnections()));
			context.addServletMappingDecoded("/", "rooms");
			server.start();
			if (connector.getLocalPort() <= 0) {
				server.stop();
				server.destroy();
				throw new IllegalStateException("room server could not bind " + this.host + ":" + this.requestedPort);
			}
			this.port = connector.getLocalPort();
			this.tomcat = server;
			return this;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (LifecycleException ex) {
			throw new IllegalStateException("room server could not start on " + this.host + ":" + this.requestedPort, ex);
		}
	}

	/** The base URL clients connect to, such as {@code ws://127.0.0.1:8765}; rooms live under {@code /rooms/}. */
	public String url() {
		return "ws://" + (this.host.contains(":") ? "[" + this.host + "]" : this.host) + ":" + port();
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
		return this.tomcat != null;
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

	public ServerLimits limits() {
		return this.limits;
	}

	/** Stops the server; open connections are closed with 1001 (going away), so clients reconnect. */
	@Override
	public synchronized void close() {
		Tomcat server = this.tomcat;
		this.tomcat = null;
		if (server != null) {
			try {
				server.stop();
				server.destroy();
			}
			catch (LifecycleException ex) {
				throw new IllegalStateException("room server did not stop cleanly", ex);
			}
			finally {
				if (this.deliveries != null) {
					this.deliveries.shutdown();
					this.deliveries = null;
				}
				deleteBaseDir();
			}
		}
	}

	private void deleteBaseDir() {
		if (this.baseDir == null) {
			return;
		}
		try (Stream<Path> paths = Files.walk(this.baseDir)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// a temp directory left behind is harmless
		}
	}

	@Override
	public String toString() {
		return "RoomServer[" + ((this.port >= 0) ? url() : this.host + ":" + this.requestedPort) + "]";
	}

	/** Daemon threads for deliveries to other connections. */
	private static final class DeliveryThreads implements ThreadFactory {

		private final AtomicInteger count = new AtomicInteger();

		@Override
		public Thread newThread(Runnable task) {
			Thread thread = new Thread(task, "room-server-delivery-" + this.count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		}

	}

	/** Configures a {@link RoomServer}. */
	public static final class Builder {

		private String host = "127.0.0.1";

		private int port;

		private @Nullable String secret;

		private ServerLimits limits = ServerLimits.DEFAULTS;

		private Clock clock = Clock.systemUTC();

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

		/** The shared secret participant tokens are signed with (HS256). */
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

		public RoomServer build() {
			return new RoomServer(this);
		}

	}

}
