package io.roomqueues.actuate;

import io.roomqueues.client.ConnectionState;
import io.roomqueues.client.RoomClient;
import io.roomqueues.listener.QueueListenerContainer;
import io.roomqueues.listener.QueueListenerRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * UP while the room connection is ready, DOWN with the last error otherwise; details name the room, its URL (never a
 * token), the connection state and how many listener containers run.
 */
public class RoomHealthIndicator extends AbstractHealthIndicator {

	private final RoomClient client;

	private final @Nullable QueueListenerRegistry listeners;

	/**
	 * Creates the indicator.
	 * @param client the client whose connection is reported
	 * @param listeners the listener containers counted in the details, if any
	 */
	public RoomHealthIndicator(RoomClient client, @Nullable QueueListenerRegistry listeners) {
		super("Room health check failed");
		this.client = client;
		this.listeners = listeners;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		ConnectionState state = this.client.state();
		if (state == ConnectionState.CONNECTED) {
			builder.up();
		}
		else {
			builder.down();
			Throwable error = this.client.lastError();
			if (error != null) {
				builder.withDetail("error", error.getClass().getSimpleName() + ": " + error.getMessage());
			}
		}
		builder.withDetail("room", this.client.room())
			.withDetail("url", this.client.baseUrl())
			.withDetail("state", state.name());
		if (this.listeners != null) {
			long running = this.listeners.getListenerContainers().stream().filter(QueueListenerContainer::isRunning).count();
			builder.withDetail("listenersRunning", running)
				.withDetail("listeners", this.listeners.getListenerContainers().size());
		}
	}

}
