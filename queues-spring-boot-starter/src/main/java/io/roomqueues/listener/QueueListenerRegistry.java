package io.roomqueues.listener;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;

/**
 * Holds every listener container by id and runs them with the application: they start late and stop early (phase
 * {@value #DEFAULT_PHASE}), before the room client closes, all stopping in parallel.
 */
public class QueueListenerRegistry implements SmartLifecycle {

	/** Late start, early stop, as spring-kafka's containers. */
	public static final int DEFAULT_PHASE = Integer.MAX_VALUE - 100;

	private final QueueListenerContainerFactory factory;

	private final Map<String, QueueListenerContainer> containers = new ConcurrentHashMap<>();

	private volatile boolean running;

	public QueueListenerRegistry(QueueListenerContainerFactory factory) {
		this.factory = factory;
	}

	/**
	 * Creates and registers the container of an endpoint, starting it if the registry runs and it auto-starts.
	 * @throws IllegalStateException if a container with the same id exists
	 */
	public QueueListenerContainer registerListenerContainer(QueueListenerEndpoint endpoint) {
		QueueListenerContainer container = this.factory.createContainer(endpoint);
		if (this.containers.putIfAbsent(endpoint.id(), container) != null) {
			throw new IllegalStateException("Another @QueueListener already has id '" + endpoint.id()
					+ "'; give each listener its own id");
		}
		if (this.running && container.getOptions().autoStartup()) {
			container.start();
		}
		return container;
	}

	/** The container with the given id, or {@code null}. */
	public @Nullable QueueListenerContainer getListenerContainer(String id) {
		return this.containers.get(id);
	}

	public Collection<QueueListenerContainer> getListenerContainers() {
		return List.copyOf(this.containers.values());
	}

	public Set<String> getListenerContainerIds() {
		return Set.copyOf(this.containers.keySet());
	}

	/** Starts the container with the given id. */
	public void start(String id) {
		container(id).start();
	}

	/** Stops the container with the given id, waiting for its messages in processing. */
	public void stop(String id) {
		container(id).stop();
	}

	public void pause(String id) {
		container(id).pause();
	}

	public void resume(String id) {
		container(id).resume();
	}

	@Override
	public void start() {
		this.running = true;
		for (QueueListenerContainer container : this.containers.values()) {
			if (container.getOptions().autoStartup()) {
				container.start();
			}
		}
	}

	/**
	 * Stops every container in parallel from the calling thread: all stop receiving at once and their shutdown
	 * timeouts run together, so the whole stop takes at most the longest timeout.
	 */
	@Override
	public void stop() {
		this.running = false;
		List<ContainerStop> stops = this.containers.values().stream().map(QueueListenerContainer::beginStop).toList();
		stops.forEach(ContainerStop::await);
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return DEFAULT_PHASE;
	}

	private QueueListenerContainer container(String id) {
		QueueListenerContainer container = this.containers.get(id);
		if (container == null) {
			throw new IllegalArgumentException("No listener container with id '" + id + "'; known ids: "
					+ getListenerContainerIds());
		}
		return container;
	}

}
