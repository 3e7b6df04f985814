package io.roomqueues.autoconfigure;

import java.util.concurrent.Executor;

import io.roomqueues.listener.BatchSettings;
import io.roomqueues.listener.NonRetryableExceptions;
import io.roomqueues.listener.QueueListenerContainerFactory;
import io.roomqueues.listener.QueueListenerContainerOptions;
import io.roomqueues.listener.QueueMessageRecoverer;
import io.roomqueues.listener.RetrySettings;
import io.roomqueues.observation.ListenerObservations;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.messaging.handler.annotation.support.MessageHandlerMethodFactory;

/**
 * Gives a {@link QueueListenerContainerFactory} the auto-configured settings: payload conversion and validation, the
 * {@code queues.listener.*} defaults, the recoverer, the listener executor, observations and events. Use it to declare
 * more factories with other defaults:
 *
 * <pre class="code">
 * &#64;Bean
 * QueueListenerContainerFactory bulkFactory(QueueListenerContainerFactoryConfigurer configurer, RoomClient room) {
 *     QueueListenerContainerFactory factory = new QueueListenerContainerFactory(room);
 *     configurer.configure(factory);
 *     factory.setDefaults(factory.getDefaults().withConcurrency(4));
 *     return factory;
 * }
 * </pre>
 */
public final class QueueListenerContainerFactoryConfigurer {

	private final MessageHandlerMethodFactory methodFactory;

	private final QueuesProperties.Listener properties;

	private final QueueMessageRecoverer recoverer;

	private final @Nullable Executor executor;

	private final ListenerObservations observations;

	private final ApplicationEventPublisher events;

	QueueListenerContainerFactoryConfigurer(MessageHandlerMethodFactory methodFactory,
			QueuesProperties.Listener properties, QueueMessageRecoverer recoverer, @Nullable Executor executor,
			ListenerObservations observations, ApplicationEventPublisher events) {
		this.methodFactory = methodFactory;
		this.properties = properties;
		this.recoverer = recoverer;
		this.executor = executor;
		this.observations = observations;
		this.events = events;
	}

	/**
	 * Applies the auto-configured settings to a factory; change what differs afterwards.
	 * @param factory the factory
	 */
	public void configure(QueueListenerContainerFactory factory) {
		factory.setMessageHandlerMethodFactory(this.methodFactory);
		factory.setDefaults(defaults(this.properties));
		factory.setRecoverer(this.recoverer);
		factory.setNonRetryable(NonRetryableExceptions.defaults());
		factory.setExecutor(this.executor);
		factory.setObservations(this.observations);
		factory.setEventPublisher(this.events);
		factory.setLogMessageBodies(this.properties.isLogMessageBodies());
	}

	static QueueListenerContainerOptions defaults(QueuesProperties.Listener listener) {
		QueuesProperties.Retry retry = listener.getRetry();
		QueuesProperties.Batch batch = listener.getBatch();
		return new QueueListenerContainerOptions(listener.getConcurrency(), listener.isAutoStartup(), true,
				listener.getShutdownTimeout(), new RetrySettings(retry.getMaxAttempts(), retry.getInitialInterval(),
						retry.getMultiplier(), retry.getMaxInterval()),
				new BatchSettings(batch.getSize(), batch.getWait()));
	}

}
