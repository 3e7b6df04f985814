package io.roomqueues.server;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.websocket.CloseReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches every open connection from one timer thread: pings those that have been silent for the ping interval and
 * closes those that sent no first frame in time or left a ping unanswered, dropping their parked receives before
 * anything else can be handed to them.
 */
final class Keepalive implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(Keepalive.class);

	private final ConnectionTimeouts timeouts;

	private final Set<ParticipantConnection> connections = ConcurrentHashMap.newKeySet();

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "room-server-keepalive");
		thread.setDaemon(true);
		return thread;
	});

	Keepalive(ConnectionTimeouts timeouts) {
		this.timeouts = timeouts;
		long every = timeouts.sweepInterval().toMillis();
		this.timer.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
	}

	void watch(ParticipantConnection connection) {
		this.connections.add(connection);
	}

	void unwatch(ParticipantConnection connection) {
		this.connections.remove(connection);
	}

	private void sweep() {
		long now = System.nanoTime();
		for (ParticipantConnection connection : this.connections) {
			try {
				check(connection, now);
			}
			catch (RuntimeException ex) {
				logger.error("Keepalive check of {} failed", connection, ex);
			}
		}
	}

	private void check(ParticipantConnection connection, long now) {
		switch (connection.liveness().check(now, this.timeouts)) {
			case PING -> connection.ping();
			case SILENT -> abandon(connection, "sent no frame within " + this.timeouts.firstFrame().toMillis()
					+ " ms of its upgrade (the first-frame timeout)");
			case NO_PONG -> abandon(connection, "did not answer a ping within " + this.timeouts.pongTimeout().toMillis()
					+ " ms (the pong timeout)");
			case ALIVE -> {
			}
		}
	}

	private void abandon(ParticipantConnection connection, String reason) {
		this.connections.remove(connection);
		connection.abandon(CloseReason.CloseCodes.VIOLATED_POLICY, reason);
	}

	@Override
	public void close() {
		this.timer.shutdownNow();
		try {
			this.timer.awaitTermination(1, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
