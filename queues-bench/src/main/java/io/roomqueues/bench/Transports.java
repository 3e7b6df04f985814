package io.roomqueues.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.roomqueues.client.transport.JdkWebSocketTransport;
import io.roomqueues.client.transport.NettyWebSocketTransport;
import io.roomqueues.client.transport.WebSocketTransport;
import org.jspecify.annotations.Nullable;

/** The WebSocket transports under test, by name, destroyed together at the end of the run. */
final class Transports implements AutoCloseable {

	/**
	 * jdk: the default JdkWebSocketTransport; direct-callbacks: the same transport, with the client completing its
	 * futures on the thread that reads the connection ({@link #DIRECT_CALLBACKS}); netty: the client's optional
	 * NettyWebSocketTransport; the others are TomcatWebSocketTransport variants.
	 */
	static final List<String> NAMES = List.of("jdk", "tomcat", "tomcat-batch", "tomcat-nodelay", "direct-callbacks",
			"netty");

	/**
	 * Not a transport but a client option measured like one: {@code callbackExecutor(Runnable::run)}, the behaviour
	 * before futures were completed on the client's own pool (issue 9, item 7).
	 */
	static final String DIRECT_CALLBACKS = "direct-callbacks";

	/** The event loops of the netty transport, shared by all its room clients (each closes its transport). */
	private @Nullable EventLoopGroup nettyLoops;

	private final Map<String, WebSocketTransport> byName = new LinkedHashMap<>();

	static void requireKnown(String name) {
		if (!NAMES.contains(name)) {
			throw new IllegalArgumentException("unknown transport " + name + " " + NAMES);
		}
	}

	void create(List<String> names) {
		for (String name : names) {
			this.byName.put(name, newTransport(name));
		}
	}

	WebSocketTransport get(String name) {
		WebSocketTransport transport = this.byName.get(name);
		if (transport == null) {
			throw new IllegalArgumentException("transport " + name + " was not created");
		}
		return transport;
	}

	private WebSocketTransport newTransport(String name) {
		return switch (name) {
			case "jdk", DIRECT_CALLBACKS -> new JdkWebSocketTransport();
			case "tomcat" -> new TomcatWebSocketTransport(TomcatWebSocketTransport.Variant.PLAIN);
			case "tomcat-batch" -> new TomcatWebSocketTransport(TomcatWebSocketTransport.Variant.BATCHED);
			case "tomcat-nodelay" -> new TomcatWebSocketTransport(TomcatWebSocketTransport.Variant.NODELAY);
			case "netty" -> new NettyWebSocketTransport(nettyLoops(), JdkWebSocketTransport.DEFAULT_MAX_FRAME_SIZE, null);
			default -> throw new IllegalArgumentException("unknown transport " + name + " " + NAMES);
		};
	}

	private EventLoopGroup nettyLoops() {
		if (this.nettyLoops == null) {
			this.nettyLoops = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("bench-netty", true),
					NioIoHandler.newFactory());
		}
		return this.nettyLoops;
	}

	@Override
	public void close() {
		if (this.nettyLoops != null) {
			this.nettyLoops.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
		}
		for (WebSocketTransport transport : this.byName.values()) {
			if (transport instanceof TomcatWebSocketTransport tomcat) {
				tomcat.destroy();
			}

		}
	}

}
