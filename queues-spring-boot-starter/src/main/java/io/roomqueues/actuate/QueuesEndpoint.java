package io.roomqueues.actuate;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.roomqueues.client.QueuesClient;
import io.roomqueues.listener.ListenerStatistics;
import io.roomqueues.listener.QueueListenerContainer;
import io.roomqueues.listener.QueueListenerRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code queues} actuator endpoint: reading lists the room's queues and every listener container; writing to
 * {@code /actuator/queues/{id}} with {@code {"action": "pause|resume|start|stop"}} controls one container. Over
 * HTTP, {@link QueuesEndpointWebExtension} answers an unknown id with 404, a bad action with 400 and a stop with 202.
 */
@Endpoint(id = "queues")
public class QueuesEndpoint {

	private static final Duration LIST_TIMEOUT = Duration.ofSeconds(5);

	private final QueuesClient queues;

	private final @Nullable QueueListenerRegistry listeners;

	private final ListenerActions actions = new ListenerActions();

	/**
	 * Creates the endpoint.
	 * @param queues the client that lists the room's queues
	 * @param listeners the listener containers, if listeners are configured
	 */
	public QueuesEndpoint(QueuesClient queues, @Nullable QueueListenerRegistry listeners) {
		this.queues = queues;
		this.listeners = listeners;
	}

	/**
	 * Reads the room's queues and every listener container.
	 * @return the queues and listeners
	 */
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
				? this.listeners.getListenerContainers().stream().map(this::describe).toList() : List.of();
		return new QueuesDescriptor(queueList, error, listenerList);
	}

	/**
	 * Reads one listener container.
	 * @param id the listener id
	 * @return the container, or {@code null} (404) for an unknown id
	 */
	@ReadOperation
	public @Nullable ListenerDescriptor listener(@Selector String id) {
		QueueListenerContainer container = container(id);
		return (container != null) ? describe(container) : null;
	}

	/**
	 * Pauses, resumes, starts or stops one listener container. A stop goes on in the background: the answer shows
	 * the container {@code stopping} until its messages in processing are finished or sent back.
	 * @param id the listener id
	 * @param action one of {@code pause}, {@code resume}, {@code start} or {@code stop}
	 * @return the container afterwards, or {@code null} for an unknown id
	 * @throws InvalidEndpointRequestException for an unknown action, or a start while the container is stopping
	 */
	@WriteOperation
	public @Nullable ListenerDescriptor control(@Selector String id, @Nullable String action) {
		ControlResult result = apply(id, action);
		return switch (result.outcome()) {
			case DONE, ACCEPTED -> result.listener();
			case NOT_FOUND -> null;
			case BAD_ACTION, CONFLICT -> throw new InvalidEndpointRequestException(result.message(), result.message());
		};
	}

	/** Applies an action, saying what happened, for this endpoint and its web extension to answer accordingly. */
	ControlResult apply(String id, @Nullable String action) {
		QueueListenerContainer container = container(id);
		if (container == null) {
			return ControlResult.failed(ControlResult.Outcome.NOT_FOUND, unknownListener(id));
		}
		if (action == null) {
			return ControlResult.failed(ControlResult.Outcome.BAD_ACTION, "No action for listener '" + id
					+ "': send {\"action\": \"...\"} with one of " + String.join(", ", ListenerActions.NAMES));
		}
		if (!ListenerActions.NAMES.contains(action)) {
			return ControlResult.failed(ControlResult.Outcome.BAD_ACTION, "Unknown action '" + action
					+ "' for listener '" + id + "'; allowed actions: " + String.join(", ", ListenerActions.NAMES));
		}
		ControlResult.Outcome outcome = this.actions.apply(container, action);
		if (outcome == ControlResult.Outcome.CONFLICT) {
			return ControlResult.failed(outcome, "Listener '" + id
					+ "' is stopping; start it again once its state is 'stopped'");
		}
		return new ControlResult(outcome, describe(container), null);
	}

	/** Says that no listener has the given id, naming those that exist. */
	String unknownListener(String id) {
		return "No listener container with id '" + id + "'; known ids: "
				+ ((this.listeners != null) ? this.listeners.getListenerContainerIds() : "[]");
	}

	private @Nullable QueueListenerContainer container(String id) {
		return (this.listeners != null) ? this.listeners.getListenerContainer(id) : null;
	}

	private ListenerDescriptor describe(QueueListenerContainer container) {
		ListenerStatistics statistics = container.getStatistics();
		return new ListenerDescriptor(container.getId(), container.getQueue(), this.actions.state(container),
				container.getConcurrency(), container.getInFlight(), statistics.getProcessed(), statistics.getFailed(),
				statistics.getRetries(), statistics.getRecovered(), statistics.getReturned());
	}

	/**
	 * What the endpoint reads.
	 * @param queues the room's queues, or {@code null} when they could not be listed
	 * @param queuesError why the queues could not be listed
	 * @param listeners every listener container
	 */
	public record QueuesDescriptor(@Nullable List<QueueDescriptor> queues, @Nullable String queuesError,
			List<ListenerDescriptor> listeners) {
	}

	/**
	 * One queue of the room.
	 * @param name the queue name
	 * @param size messages waiting in it
	 */
	public record QueueDescriptor(String name, int size) {
	}

	/**
	 * An answer that explains why a request changed nothing.
	 * @param message what was wrong, naming what is allowed
	 */
	public record ErrorDescriptor(String message) {
	}

	/**
	 * One listener container.
	 * @param id the listener id
	 * @param queue the queue it receives from
	 * @param state {@code running}, {@code paused}, {@code stopping} or {@code stopped}
	 * @param concurrency messages it processes at once
	 * @param inFlight messages in processing now
	 * @param processed messages processed successfully
	 * @param failed messages that failed every attempt
	 * @param retries attempts repeated after a failure
	 * @param deadLettered messages handed to the recoverer (the dead-letter queue by default)
	 * @param returned messages sent back to their queue by a stop or pause
	 */
	public record ListenerDescriptor(String id, String queue, String state, int concurrency, int inFlight,
			long processed, long failed, long retries, long deadLettered, long returned) {
	}

}
