package io.roomqueues.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.roomqueues.protocol.WireCodec;
import jakarta.websocket.server.ServerContainer;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.websocket.server.WsSci;
import org.apache.tomcat.websocket.server.WsServerContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a started {@link RoomServer} runs: an embedded Tomcat, the delivery threads and the keepalive; stopped in an
 * order that cuts no delivery mid-write.
 */
final class RoomServerRuntime {

	private static final Logger logger = LoggerFactory.getLogger(RoomServerRuntime.class);

	/** How long a stop waits for deliveries being written; a client that does not read cannot hold it longer. */
	static final Duration DELIVERY_DRAIN_TIMEOUT = Duration.ofSeconds(5);

	private final Tomcat tomcat;

	private final ExecutorService deliveries;

	private final Keepalive keepalive;

	private final Path baseDir;

	private final int port;

	private RoomServerRuntime(Tomcat tomcat, ExecutorService deliveries, Keepalive keepalive, Path baseDir, int port) {
		this.tomcat = tomcat;
		this.deliveries = deliveries;
		this.keepalive = keepalive;
		this.baseDir = baseDir;
		this.port = port;
	}

	/**
	 * Starts Tomcat on the host and port of the settings.
	 * @throws IllegalStateException if the port cannot be bound
	 */
	static RoomServerRuntime start(ServerSettings settings, RoomRegistry rooms, AtomicInteger connections) {
		Path baseDir;
		try {
			baseDir = Files.createTempDirectory("room-server");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		ExecutorService deliveries = Executors.newCachedThreadPool(new DeliveryThreads());
		Keepalive keepalive = new Keepalive(settings.timeouts());
		Tomcat tomcat = new Tomcat();
		tomcat.setBaseDir(baseDir.toString());
		Connector connector = connector(settings);
		tomcat.setConnector(connector);
		tomcat.getHost().setAutoDeploy(false);
		Context context = tomcat.addContext("", baseDir.toString());
		context.addServletContainerInitializer(new WsSci(), null);
		WireCodec codec = new WireCodec(JsonMapper.builder().build());
		MessageRouter router = new MessageRouter(codec,
				new QueuesToolkit(codec.jsonMapper(), settings.limits().maxQueueNameLength()));
		RoomEndpoint endpoint = new RoomEndpoint(codec, router, settings.limits(), rooms, connections, deliveries,
				keepalive, settings.timeouts());
		Tomcat.addServlet(context, "rooms", new RoomUpgradeServlet(rooms, endpoint, settings.tokens(), connections,
				settings.limits().maxConnections()));
		context.addServletMappingDecoded("/", "rooms");
		RoomServerRuntime runtime = new RoomServerRuntime(tomcat, deliveries, keepalive, baseDir, -1);
		try {
			tomcat.start();
		}
		catch (LifecycleException ex) {
			runtime.stop();
			throw new IllegalStateException("room server could not start on " + settings.address(), ex);
		}
		if (context.getServletContext().getAttribute(ServerContainer.class.getName()) instanceof WsServerContainer ws) {
			// Tomcat looks for closes past their timeout every 10 s unless told otherwise; every second here
			ws.setProcessPeriod(1);
		}
		if (connector.getLocalPort() <= 0) {
			runtime.stop();
			throw new IllegalStateException("room server could not bind " + settings.address());
		}
		return new RoomServerRuntime(tomcat, deliveries, keepalive, baseDir, connector.getLocalPort());
	}

	private static Connector connector(ServerSettings settings) {
		Connector connector = new Connector("org.apache.coyote.http11.Http11NioProtocol");
		connector.setPort(settings.port());
		connector.setProperty("address", settings.host());
		connector.setProperty("bindOnInit", "true");
		// applies until the request is read; an upgraded connection is watched by the keepalive instead
		connector.setProperty("connectionTimeout", Long.toString(settings.timeouts().upgrade().toMillis()));
		if (settings.tls() != null) {
			settings.tls().applyTo(connector);
		}
		return connector;
	}

	int port() {
		return this.port;
	}

	/**
	 * Stops: no more pings, then the deliveries being written are given {@link #DELIVERY_DRAIN_TIMEOUT} to finish,
	 * then Tomcat closes every connection with 1001 (going away).
	 */
	void stop() {
		this.keepalive.close();
		this.deliveries.shutdown();
		try {
			if (!this.deliveries.awaitTermination(DELIVERY_DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				logger.warn("Deliveries still writing after {} ms; their connections are closed under them",
						DELIVERY_DRAIN_TIMEOUT.toMillis());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		try {
			this.tomcat.stop();
			this.tomcat.destroy();
		}
		catch (LifecycleException ex) {
			throw new IllegalStateException("room server did not stop cleanly", ex);
		}
		finally {
			this.deliveries.shutdownNow();
			awaitQuietly(this.deliveries);
			deleteQuietly(this.baseDir);
		}
	}

	private static void awaitQuietly(ExecutorService executor) {
		try {
			executor.awaitTermination(DELIVERY_DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void deleteQuietly(Path directory) {
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// a temp directory left behind is harmless
		}
	}

	/** Daemon threads for deliveries to other connections, pings and closes. */
	private static final class DeliveryThreads implements java.util.concurrent.ThreadFactory {

		private final AtomicInteger count = new AtomicInteger();

		@Override
		public Thread newThread(Runnable task) {
			Thread thread = new Thread(task, "room-server-delivery-" + this.count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		}

	}

}
