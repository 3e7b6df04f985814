package io.roomqueues.server;

/**
 * What the keepalive knows of one connection: when it was opened, when the client was last heard (any frame,
 * pongs included) and when the server last pinged it. Times are {@link System#nanoTime()} values.
 */
final class Liveness {

	/** What the keepalive must do about a connection. */
	enum Verdict {

		/** Nothing now. */
		ALIVE,

		/** Send a ping: the connection has been silent for the ping interval. */
		PING,

		/** Close it: no frame arrived within the first-frame timeout. */
		SILENT,

		/** Close it: a ping went unanswered for the pong timeout. */
		NO_PONG

	}

	private final long openedAt;

	private volatile boolean heardAny;

	private volatile long lastHeard;

	private volatile boolean pinging;

	private volatile long pingSentAt;

	Liveness(long openedAt) {
		this.openedAt = openedAt;
		this.lastHeard = openedAt;
	}

	/** Records a frame from the client. */
	void heard(long now) {
		this.lastHeard = now;
		this.heardAny = true;
	}

	/** Decides what to do at {@code now}; records the ping it asks for. */
	Verdict check(long now, ConnectionTimeouts timeouts) {
		if (!this.heardAny) {
			return (now - this.openedAt >= timeouts.firstFrame().toNanos()) ? Verdict.SILENT : Verdict.ALIVE;
		}
		long heard = this.lastHeard;
		if (this.pinging && this.pingSentAt - heard > 0) {
			return (now - this.pingSentAt >= timeouts.pongTimeout().toNanos()) ? Verdict.NO_PONG : Verdict.ALIVE;
		}
		if (now - heard >= timeouts.pingInterval().toNanos()) {
			this.pingSentAt = now;
			this.pinging = true;
			return Verdict.PING;
		}
		return Verdict.ALIVE;
	}

}
