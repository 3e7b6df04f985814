package io.roomqueues.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.roomqueues.client.transport.JdkWebSocketTransport;
import io.roomqueues.client.transport.WebSocketTransport;

/** The WebSocket transports under test, by name, destroyed together at the end of the run. */
final class Transports implements AutoCloseable {

	/**
	 * jdk: the default JdkWebSocketTransport; direct-callbacks: the same transport, with the client completing its
	 * futures on the thread that reads the connection ({@link #DIRECT_CALLBACKS}); the others are
	 * TomcatWebSocketTransport variants.
	 */
	static final List<String> NAMES = List.of("jdk", "tomcat", "tomcat-batch", "tomcat-nodelay", "direct-callbacks");

	/**
	 * Not a transport but a client option measured like one: {@code callbackExecutor(Runnable::run)}, the behaviour
	 * before futures were completed on the client's own pool (issue 9, item 7).
	 */
	static final String DIRECT_CALLBACKS = "direct-callbacks";

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

	private static WebSocketTransport newTransport(String name) {
		return switch (name) {
			case "jdk", DIRECT_CALLBACKS -> new JdkWebSocketTransport();
			case "tomcat" -> new TomcatWebSocketTransport(TomcatWebSocketTransport.Variant.PLAIN);
			case "tomcat-batch" -> new TomcatWebSocketTransport(TomcatWebSocketTransport.Variant.BATCHED);
			case "tomcat-nodelay" -> new TomcatWebSocketTransport(TomcatWebSocketTransport.Variant.NODELAY);
			default -> throw new IllegalArgumentException("unknown transport " + name + " " + NAMES);
		};
	}

	@Override
	public void close() {
		for (WebSocketTransport transport : this.byName.values()) {
			if (transport instanceof TomcatWebSocketTransport tomcat) {
				tomcat.destroy();
			}
		}
	}

}
