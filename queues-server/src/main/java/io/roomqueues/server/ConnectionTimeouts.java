package io.roomqueues.server;

import java.time.Duration;

/**
 * How long the server waits for a connection at each stage before it closes it.
 *
 * @param upgrade from the TCP accept until the upgrade request has arrived
 * @param firstFrame from the upgrade until the client's first WebSocket frame of any kind; the server pings at once,
 * so any conforming client answers within a round trip
 * @param pingInterval silence after which the server pings a connection
 * @param pongTimeout how long a ping may go unanswered before the connection is closed as dead; also how long a close
 * the server started waits for the client's close frame before the socket is closed
 * @param write how long one write to a client may wait for room in its socket before the connection is closed as
 * not reading; a message whose write fails goes back to its queue
 */
record ConnectionTimeouts(Duration upgrade, Duration firstFrame, Duration pingInterval, Duration pongTimeout,
		Duration write) {

	/**
	 * 10 s to upgrade and to send a first frame (a round trip takes milliseconds, even over the internet); a ping
	 * after 30 s of silence, below the 60 s idle timeout of common proxies and load balancers; 10 s for its pong;
	 * 20 s for a blocked write, Tomcat's own default.
	 */
	static final ConnectionTimeouts DEFAULTS = new ConnectionTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(10),
			Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(20));

	ConnectionTimeouts {
		positive(upgrade, "upgradeTimeout");
		positive(firstFrame, "firstFrameTimeout");
		positive(pingInterval, "pingInterval");
		positive(pongTimeout, "pongTimeout");
		positive(write, "writeTimeout");
	}

	/** How often the keepalive looks at every connection: often enough to act within a quarter of any timeout. */
	Duration sweepInterval() {
		Duration shortest = this.firstFrame;
		for (Duration candidate : new Duration[] { this.pingInterval, this.pongTimeout }) {
			if (candidate.compareTo(shortest) < 0) {
				shortest = candidate;
			}
		}
		Duration quarter = shortest.dividedBy(4);
		return (quarter.toMillis() < 10) ? Duration.ofMillis(10) : quarter;
	}

	private static void positive(Duration value, String name) {
		if (value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(name + " must be positive, was " + value);
		}
	}

}
