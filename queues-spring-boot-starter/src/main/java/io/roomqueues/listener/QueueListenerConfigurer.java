package io.roomqueues.listener;

/**
 * Registers listener endpoints in code, beside the {@link QueueListener} methods, or sets the default container
 * factory of all of them, as spring-kafka's {@code KafkaListenerConfigurer} does: every bean of this type is called
 * once, in order, after all singletons exist and before any container starts.
 */
@FunctionalInterface
public interface QueueListenerConfigurer {

	/**
	 * Registers endpoints, or changes the registrar's defaults.
	 * @param registrar where endpoints are registered
	 */
	void configureQueueListeners(QueueListenerEndpointRegistrar registrar);

}
