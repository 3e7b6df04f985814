package io.roomqueues.client;

import java.time.Duration;

/**
 * How a {@link RoomClient} finds out that its connection died without a close: a WebSocket ping every
 * {@code interval}, and a connection from which nothing (no pong, no message) arrived within {@code timeout} of a
 * ping is treated as lost. MeshAgent's Python client pings every 60 s; pinging more often also keeps proxies that
 * close idle connections (often after 60 s) from cutting a quiet one.
 *
 * @param interval time between pings
 * @param timeout how long after a ping the connection may stay silent
 */
public record Keepalive(Duration interval, Duration timeout) {

	/** A ping every 30 s, lost after 10 s of silence: a dead peer is found within 40 s. */
	public static final Keepalive DEFAULT = new Keepalive(Duration.ofSeconds(30), Duration.ofSeconds(10));

	/** No pings: a peer that vanishes without a close is noticed only when the operating system gives up. */
	public static final Keepalive DISABLED = new Keepalive(Duration.ZERO, Duration.ZERO);

	public Keepalive {
		if (interval.isNegative() || timeout.isNegative()) {
			throw new IllegalArgumentException("keepalive interval and timeout must not be negative");
		}
		if (!interval.isZero() && timeout.isZero()) {
			throw new IllegalArgumentException("a keepalive with an interval needs a positive timeout");
		}
	}

	/** Whether pings are sent at all. */
	public boolean isEnabled() {
		return !this.interval.isZero();
	}

}
