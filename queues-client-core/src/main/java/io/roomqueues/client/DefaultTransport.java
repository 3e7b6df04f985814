package io.roomqueues.client;

import java.net.http.HttpClient;

import javax.net.ssl.SSLContext;

import io.roomqueues.client.transport.JdkWebSocketTransport;
import io.roomqueues.client.transport.NettyWebSocketTransport;
import io.roomqueues.client.transport.WebSocketTransport;
import org.jspecify.annotations.Nullable;

/**
 * The transport a room client gets unless it is given one: Netty's when {@code io.netty:netty-codec-http} is on the
 * class path (it measured faster, BENCHMARKS.md), else the JDK's, which needs no dependency.
 */
final class DefaultTransport {

	/** Whether the optional Netty WebSocket client is there. */
	static final boolean NETTY = isPresent("io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker");

	private DefaultTransport() {
	}

	/** A transport of the client's own, closed with it. */
	static WebSocketTransport create(@Nullable SSLContext sslContext) {
		if (NETTY) {
			return Netty.create(sslContext);
		}
		if (sslContext == null) {
			return new JdkWebSocketTransport();
		}
		return new JdkWebSocketTransport(HttpClient.newBuilder().sslContext(sslContext).build(),
				JdkWebSocketTransport.DEFAULT_MAX_FRAME_SIZE, true);
	}

	private static boolean isPresent(String className) {
		try {
			Class.forName(className, false, DefaultTransport.class.getClassLoader());
			return true;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

	/** Kept apart so that nothing of Netty is loaded unless it is there. */
	private static final class Netty {

		static WebSocketTransport create(@Nullable SSLContext sslContext) {
			return new NettyWebSocketTransport(1, JdkWebSocketTransport.DEFAULT_MAX_FRAME_SIZE, sslContext);
		}

	}

}
