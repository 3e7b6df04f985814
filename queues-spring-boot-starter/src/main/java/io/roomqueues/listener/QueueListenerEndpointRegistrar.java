package io.roomqueues.listener;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Collects the endpoints of the {@link QueueListener} methods and those {@link QueueListenerConfigurer}s register,
 * then registers their containers with the {@link QueueListenerRegistry}, each built by the factory chosen in this
 * order: the one given with the endpoint here, the bean its {@link QueueListenerEndpoint#containerFactory()} names,
 * this registrar's default ({@link #setContainerFactory}, {@link #setContainerFactoryBeanName}), the registry's.
 */
public final class QueueListenerEndpointRegistrar {

	private final QueueListenerRegistry registry;

	private final List<Registration> registrations = new ArrayList<>();

	private @Nullable QueueListenerContainerFactory containerFactory;

	private @Nullable String containerFactoryBeanName;

	private boolean immediate;

	QueueListenerEndpointRegistrar(QueueListenerRegistry registry) {
		this.registry = registry;
	}

	/** {@return the registry the containers go to} */
	public QueueListenerRegistry getRegistry() {
		return this.registry;
	}

	/**
	 * Registers an endpoint, to be built by the factory its {@code containerFactory} names or the default one.
	 * @param endpoint the endpoint
	 */
	public void registerEndpoint(QueueListenerEndpoint endpoint) {
		registerEndpoint(endpoint, null);
	}

	/**
	 * Registers an endpoint.
	 * @param endpoint the endpoint
	 * @param factory the factory that builds its container, or {@code null} for the one its
	 * {@code containerFactory} names or the default one
	 */
	public synchronized void registerEndpoint(QueueListenerEndpoint endpoint,
			@Nullable QueueListenerContainerFactory factory) {
		Registration registration = new Registration(endpoint, factory);
		if (this.immediate) {
			register(registration);
		}
		else {
			this.registrations.add(registration);
		}
	}

	/**
	 * Sets the factory for endpoints that name none.
	 * @param containerFactory the factory
	 */
	public synchronized void setContainerFactory(QueueListenerContainerFactory containerFactory) {
		this.containerFactory = containerFactory;
	}

	/**
	 * Sets the factory bean for endpoints that name none.
	 * @param beanName the name of a {@link QueueListenerContainerFactory} bean
	 */
	public synchronized void setContainerFactoryBeanName(String beanName) {
		this.containerFactoryBeanName = beanName;
	}

	/** Registers what was collected; later registrations are registered at once. */
	synchronized void registerAll() {
		this.immediate = true;
		this.registrations.forEach(this::register);
		this.registrations.clear();
	}

	private void register(Registration registration) {
		QueueListenerContainerFactory factory = registration.factory();
		if (factory == null && registration.endpoint().containerFactory() == null) {
			factory = (this.containerFactory != null) ? this.containerFactory
					: (this.containerFactoryBeanName != null) ? this.registry.containerFactory(
							this.containerFactoryBeanName, "the registrar's default container factory") : null;
		}
		this.registry.registerListenerContainer(registration.endpoint(), factory);
	}

	private record Registration(QueueListenerEndpoint endpoint, @Nullable QueueListenerContainerFactory factory) {
	}

}
