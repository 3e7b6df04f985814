package io.roomqueues.server;

import org.jspecify.annotations.Nullable;

/**
 * How a {@link RoomServer} is set up.
 *
 * @param host the address to bind
 * @param port the port to bind, 0 for any free one
 * @param limits the limits it enforces
 * @param timeouts the connection timeouts and keepalive
 * @param tls the TLS certificate, or {@code null} for plain {@code ws:}
 * @param tokens how participant tokens are verified
 */
record ServerSettings(String host, int port, ServerLimits limits, ConnectionTimeouts timeouts,
		@Nullable TlsSettings tls, TokenCheck tokens) {

	String address() {
		return this.host + ":" + this.port;
	}

}
