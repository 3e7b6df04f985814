package io.roomqueues.actuate;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import io.roomqueues.listener.QueueListenerContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the endpoint's actions to listener containers: pause, resume and start at once, stop on a thread of its
 * own, so an HTTP request never waits for the shutdown timeout of a container finishing its messages.
 */
final class ListenerActions {

	/** The actions the endpoint accepts. */
	static final List<String> NAMES = List.of("pause", "resume", "start", "stop");

	private static final Logger logger = LoggerFactory.getLogger(ListenerActions.class);

	private final Map<String, CompletableFuture<Void>> stops = new ConcurrentHashMap<>();

	/**
	 * Applies one of {@link #NAMES} to a container.
	 * @throws IllegalArgumentException for an action not in {@link #NAMES}
	 */
	ControlResult.Outcome apply(QueueListenerContainer container, String action) {
		switch (action) {
			case "pause" -> container.pause();
			case "resume" -> container.resume();
			case "start" -> {
				if (isStopping(container)) {
					return ControlResult.Outcome.CONFLICT;
				}
				container.start();
			}
			case "stop" -> {
				return stop(container);
			}
			default -> throw new IllegalArgumentException(
					"Unknown action '" + action + "'; allowed actions: " + String.join(", ", NAMES));
		}
		return ControlResult.Outcome.DONE;
	}

	/** The state the endpoint shows: running, paused, stopping or stopped. */
	String state(QueueListenerContainer container) {
		if (isStopping(container)) {
			return "stopping";
		}
		if (!container.isRunning()) {
			return "stopped";
		}
		return container.isPaused() ? "paused" : "running";
	}

	private ControlResult.Outcome stop(QueueListenerContainer container) {
		if (!container.isRunning() && !isStopping(container)) {
			return ControlResult.Outcome.DONE;
		}
		this.stops.compute(container.getId(),
				(id, pending) -> (pending != null && !pending.isDone()) ? pending : stopInBackground(container));
		return ControlResult.Outcome.ACCEPTED;
	}

	private static CompletableFuture<Void> stopInBackground(QueueListenerContainer container) {
		return CompletableFuture.runAsync(container::stop, (task) -> {
			Thread thread = new Thread(task, "queues-endpoint-stop-" + container.getId());
			thread.start();
		}).whenComplete((done, ex) -> {
			if (ex != null) {
				logger.error("Stopping listener '{}' from the queues endpoint failed", container.getId(), ex);
			}
		});
	}

	/**
	 * Whether a stop is under way: one this endpoint started, or any stop that still waits for messages in
	 * processing (a stopped container has no receive slot busy).
	 */
	private boolean isStopping(QueueListenerContainer container) {
		CompletableFuture<Void> pending = this.stops.get(container.getId());
		if (pending != null && !pending.isDone()) {
			return true;
		}
		return !container.isRunning() && container.getInFlight() > 0;
	}

}
