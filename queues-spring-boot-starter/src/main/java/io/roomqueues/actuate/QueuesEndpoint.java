package io.roomqueues.actuate;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.roomqueues.client.QueuesClient;
import io.roomqueues.listener.ListenerStatistics;
import io.roomqueues.listener.QueueListenerContainer;
import io.roomqueues.listener.QueueListenerRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code queues} actuator endpoint: reading lists the room's queues and every listener container; writing to
 * {@code /actuator/queues/{id}} with {@code {"action": "pause|resume|start|stop"}} controls one container.
 */
@Endpoint(id = "queues")
public class QueuesEndpoint {

	private static final Duration LIST_TIMEOUT = Duration.ofSeconds(5);

	private final QueuesClient queues;

	private final @Nullable QueueListenerRegistry listeners;

	public QueuesEndpoint(QueuesClient queues, @Nullable QueueListenerRegistry listeners) {
		this.queues = queues;
		this.listeners = listeners;
	}

	@ReadOperation
	public QueuesDescriptor queues() {
		List<QueueDescriptor> queueList = null;
		String error = null;
		try {
			queueList = this.queues.list()
				.get(LIST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
				.stream()
				.map((queue) -> new QueueDescriptor(queue.name(), queue.size()))
				.toList();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			error = "interrupted";
		}
		catch (Exception ex) {
			error = "could not list queues: " + ((ex.getCause() != null) ? ex.getCause().getMessage() : ex.getMessage());
		}
		List<ListenerDescriptor> listenerList = (this.listeners != null)
				? this.listeners.getListenerContainers().stream().map(QueuesEndpoint::describe).toList() : List.of();
		return new QueuesDescriptor(queueList, error, listenerList);
	}

	@ReadOperation
	public @Nullable ListenerDescriptor listener(@Selector String id) {
		QueueListenerContainer container = (this.listeners != null) ? this.listeners.getListenerContainer(id) : null;
		return (container != null) ? describe(container) : null;
	}

	/**
	 * Pauses, resumes, starts or stops one listener container.
	 * @return the container afterwards, or {@code null} (404) for an unknown id
	 */
	@WriteOperation
	public @Nullable ListenerDescriptor control(@Selector String id, String action) {
		QueueListenerContainer container = (this.listeners != null) ? this.listeners.getListenerContainer(id) : null;
		if (container == null) {
			return null;
		}
		switch (action) {
			case "pause" -> container.pause();
			case "resume" -> container.resume();
			case "start" -> container.start();
			case "stop" -> container.stop();
			default -> throw new IllegalArgumentException(
					"unknown action '" + action + "': use pause, resume, start or stop");
		}
		return describe(container);
	}

	private static ListenerDescriptor describe(QueueListenerContainer container) {
		ListenerStatistics statistics = container.getStatistics();
		String state = !container.isRunning() ? "stopped" : container.isPaused() ? "paused" : "running";
		return new ListenerDescriptor(container.getId(), container.getQueue(), state, container.getConcurrency(),
				container.getInFlight(), statistics.getProcessed(), statistics.getFailed(), statistics.getRetries(),
				statistics.getRecovered(), statistics.getReturned());
	}

	/** What the endpoint reads. */
	public record QueuesDescriptor(@Nullable List<QueueDescriptor> queues, @Nullable String queuesError,
			List<ListenerDescriptor> listeners) {
	}

	/** One queue of the room. */
	public record QueueDescriptor(String name, int size) {
	}

	/** One listener container. */
	public record ListenerDescriptor(String id, String queue, String state, int concurrency, int inFlight,
			long processed, long failed, long retries, long deadLettered, long returned) {
	}

}
