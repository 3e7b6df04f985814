package io.roomqueues.listener;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.context.SmartLifecycle;

/**
 * Holds every listener container by id and runs them with the application: they start late and stop early (phase
 * {@value #DEFAULT_PHASE}), before the room client closes, all stopping in parallel. It finds the beans an endpoint
 * names (container factory, error handler, recoverer) in the application context.
 */
public class QueueListenerRegistry implements SmartLifecycle, BeanFactoryAware {

	/** Late start, early stop, as spring-kafka's containers. */
	public static final int DEFAULT_PHASE = Integer.MAX_VALUE - 100;

	private final QueueListenerContainerFactory factory;

	private final Map<String, QueueListenerContainer> containers = new ConcurrentHashMap<>();

	private volatile boolean running;

	private @Nullable BeanFactory beanFactory;

	/**
	 * Creates a registry.
	 * @param factory builds the containers of endpoints that name no factory of their own
	 */
	public QueueListenerRegistry(QueueListenerContainerFactory factory) {
		this.factory = factory;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	/**
	 * Creates and registers the container of an endpoint, starting it if the registry runs and it auto-starts.
	 * @param endpoint the endpoint
	 * @return its container
	 * @throws IllegalStateException if a container with the same id exists, or a bean the endpoint names does not
	 */
	public QueueListenerContainer registerListenerContainer(QueueListenerEndpoint endpoint) {
		return registerListenerContainer(endpoint, null);
	}

	/**
	 * Creates and registers the container of an endpoint with the given factory, starting it if the registry runs
	 * and it auto-starts.
	 * @param endpoint the endpoint
	 * @param factory the factory, or {@code null} for the one the endpoint names or this registry's
	 * @return its container
	 * @throws IllegalStateException if a container with the same id exists, or a bean the endpoint names does not
	 */
	public QueueListenerContainer registerListenerContainer(QueueListenerEndpoint endpoint,
			@Nullable QueueListenerContainerFactory factory) {
		String factoryName = endpoint.containerFactory();
		QueueListenerContainerFactory chosen = (factory != null) ? factory : (factoryName != null)
				? containerFactory(factoryName, "listener '" + endpoint.id() + "' (attribute containerFactory)")
				: this.factory;
		QueueListenerContainer container = chosen.createContainer(resolveBeans(endpoint));
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

	/** The container factory bean with the given name; {@code who} names what asked for it, for the error. */
	QueueListenerContainerFactory containerFactory(String name, String who) {
		return bean(name, QueueListenerContainerFactory.class, who);
	}

	private QueueListenerEndpoint resolveBeans(QueueListenerEndpoint endpoint) {
		String errorHandler = endpoint.errorHandlerBeanName();
		String recoverer = endpoint.recovererBeanName();
		if (errorHandler == null && recoverer == null) {
			return endpoint;
		}
		String who = "listener '" + endpoint.id() + "' (attribute ";
		QueueListenerEndpoint.Builder resolved = endpoint.toBuilder().errorHandlerBeanName(null).recovererBeanName(null);
		if (errorHandler != null) {
			resolved.errorHandler(bean(errorHandler, QueueListenerErrorHandler.class, who + "errorHandler)"));
		}
		if (recoverer != null) {
			resolved.recoverer(bean(recoverer, QueueMessageRecoverer.class, who + "recoverer)"));
		}
		return resolved.build();
	}

	private <T> T bean(String name, Class<T> type, String who) {
		if (this.beanFactory == null) {
			throw new IllegalStateException("The " + who + " names bean '" + name
					+ "', but this registry has no bean factory to find it in");
		}
		try {
			return this.beanFactory.getBean(name, type);
		}
		catch (BeansException ex) {
			throw new IllegalStateException("The " + who + " names bean '" + name + "', which is not a "
					+ type.getSimpleName() + " bean of this application: " + ex.getMessage(), ex);
		}
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
