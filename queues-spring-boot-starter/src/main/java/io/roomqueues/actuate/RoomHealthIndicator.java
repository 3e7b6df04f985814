package io.roomqueues.actuate;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.roomqueues.client.ConnectionState;
import io.roomqueues.client.RoomClient;
import io.roomqueues.listener.ListenerFailure;
import io.roomqueues.listener.QueueListenerContainer;
import io.roomqueues.listener.QueueListenerRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * UP while the room connection is ready and no listener container stopped by itself; DOWN otherwise, with the last
 * connection error or, for each stopped listener, the operation and queue the room refused (such as a missing grant
 * to send to the dead-letter queue). Details name the room, its URL (never a token), the connection state and how
 * many listener containers run.
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
		Collection<QueueListenerContainer> containers = (this.listeners != null) ? this.listeners.getListenerContainers()
				: List.of();
		Map<String, Object> failed = failedListeners(containers);
		if (state == ConnectionState.CONNECTED && failed.isEmpty()) {
			builder.up();
		}
		else {
			builder.down();
		}
		if (state != ConnectionState.CONNECTED) {
			Throwable error = this.client.lastError();
			if (error != null) {
				builder.withDetail("error", error.getClass().getSimpleName() + ": " + error.getMessage());
			}
		}
		builder.withDetail("room", this.client.room())
			.withDetail("url", this.client.baseUrl())
			.withDetail("state", state.name());
		if (this.listeners != null) {
			long running = containers.stream().filter(QueueListenerContainer::isRunning).count();
			builder.withDetail("listenersRunning", running).withDetail("listeners", containers.size());
		}
		if (!failed.isEmpty()) {
			builder.withDetail("failedListeners", failed);
		}
	}

	private static Map<String, Object> failedListeners(Collection<QueueListenerContainer> containers) {
		Map<String, Object> failed = new LinkedHashMap<>();
		for (QueueListenerContainer container : containers) {
			ListenerFailure failure = container.getFailure();
			if (failure != null) {
				Map<String, Object> detail = new LinkedHashMap<>();
				detail.put("queue", container.getQueue());
				detail.put("refused", failure.operation() + " on queue '" + failure.queue() + "'");
				if (failure.code() != null) {
					detail.put("code", failure.code());
				}
				detail.put("reason", failure.description());
				failed.put(container.getId(), detail);
			}
		}
		return failed;
	}

}
