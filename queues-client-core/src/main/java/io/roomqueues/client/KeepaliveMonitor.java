package io.roomqueues.client;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pings one session's peer on a schedule and declares the connection dead when nothing arrived within the timeout
 * after a ping. Anything that arrives counts, so a large message that delays the pong does not look like silence.
 */
final class KeepaliveMonitor {

	private static final Logger logger = LoggerFactory.getLogger(KeepaliveMonitor.class);

	private final Keepalive keepalive;

	private final ScheduledExecutorService scheduler;

	private final Supplier<CompletableFuture<Void>> ping;

	private final Consumer<RoomConnectionException> dead;

	private volatile long lastHeard = System.nanoTime();

	private @Nullable ScheduledFuture<?> pings;

	private volatile boolean stopped;

	KeepaliveMonitor(Keepalive keepalive, ScheduledExecutorService scheduler,
			Supplier<CompletableFuture<Void>> ping, Consumer<RoomConnectionException> dead) {
		this.keepalive = keepalive;
		this.scheduler = scheduler;
		this.ping = ping;
		this.dead = dead;
	}

	synchronized void start() {
		if (!this.keepalive.isEnabled() || this.pings != null || this.stopped) {
			return;
		}
		long interval = this.keepalive.interval().toNanos();
		this.lastHeard = System.nanoTime();
		this.pings = this.scheduler.scheduleAtFixedRate(this::ping, interval, interval, TimeUnit.NANOSECONDS);
	}

	/** Something arrived from the peer. */
	void heard() {
		this.lastHeard = System.nanoTime();
	}

	synchronized void stop() {
		this.stopped = true;
		if (this.pings != null) {
			this.pings.cancel(false);
		}
	}

	private void ping() {
		long sent = System.nanoTime();
		this.ping.get().whenComplete((ignored, error) -> {
			if (SessionOpener.unwrap(error) instanceof UnsupportedOperationException) {
				logger.warn("Keepalive is off for this connection: {}", error.getMessage());
				stop();
			}
		});
		this.scheduler.schedule(() -> check(sent), this.keepalive.timeout().toNanos(), TimeUnit.NANOSECONDS);
	}

	private void check(long pingSent) {
		if (!this.stopped && this.lastHeard - pingSent < 0) {
			stop();
			this.dead.accept(new RoomConnectionException("room connection is dead: nothing arrived within "
					+ this.keepalive.timeout().toMillis() + " ms of a ping (keepalive timeout)", null));
		}
	}

}
