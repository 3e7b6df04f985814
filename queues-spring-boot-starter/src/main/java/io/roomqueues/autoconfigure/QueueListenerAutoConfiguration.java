package io.roomqueues.autoconfigure;

import java.util.concurrent.Executor;

import io.roomqueues.client.QueuesClient;
import io.roomqueues.client.RoomClient;
import io.roomqueues.listener.DeadLetterQueueRecoverer;
import io.roomqueues.listener.LoggingMessageRecoverer;
import io.roomqueues.listener.QueueListener;
import io.roomqueues.listener.QueueListenerAnnotationBeanPostProcessor;
import io.roomqueues.listener.QueueListenerContainerFactory;
import io.roomqueues.listener.QueueListenerRegistry;
import io.roomqueues.listener.QueueMessageConverter;
import io.roomqueues.listener.QueueMessageRecoverer;
import io.roomqueues.observation.ListenerObservations;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnThreading;
import org.springframework.boot.thread.Threading;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.messaging.handler.annotation.support.DefaultMessageHandlerMethodFactory;
import org.springframework.messaging.handler.annotation.support.MessageHandlerMethodFactory;
import org.springframework.validation.Validator;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Auto-configures {@link QueueListener} processing: the annotation post-processor, the container factory
 * ({@value #DEFAULT_FACTORY_BEAN_NAME}) with the {@code queues.listener.*} defaults and a
 * {@link QueueListenerContainerFactoryConfigurer} to give other factories the same, the registry, the recoverer
 * (dead-letter queue unless disabled) and, with {@code spring.threads.virtual.enabled} on Java 21+, a virtual-thread
 * executor for listener methods.
 */
@AutoConfiguration(after = RoomClientAutoConfiguration.class)
@ConditionalOnClass({ QueueListener.class, MessageHandlerMethodFactory.class })
@ConditionalOnBean(RoomClient.class)
public final class QueueListenerAutoConfiguration {

	/** Name of the executor bean listener methods run on, when one is defined. */
	public static final String LISTENER_EXECUTOR_BEAN_NAME = "queueListenerTaskExecutor";

	/** Name of the container factory bean for listeners that name no other; define a bean of this name to replace it. */
	public static final String DEFAULT_FACTORY_BEAN_NAME = "queueListenerContainerFactory";

	@Bean
	@ConditionalOnMissingBean
	static QueueListenerAnnotationBeanPostProcessor queueListenerAnnotationBeanPostProcessor() {
		return new QueueListenerAnnotationBeanPostProcessor();
	}

	@Bean
	@ConditionalOnMissingBean
	QueueMessageRecoverer queueMessageRecoverer(QueuesClient queuesClient, QueuesProperties properties) {
		QueuesProperties.Listener listener = properties.getListener();
		return listener.isDeadLetterEnabled()
				? new DeadLetterQueueRecoverer(queuesClient, listener.getDeadLetterSuffix())
				: new LoggingMessageRecoverer(listener.isLogMessageBodies());
	}

	@Bean
	@ConditionalOnMissingBean
	QueueListenerContainerFactoryConfigurer queueListenerContainerFactoryConfigurer(RoomClient roomClient,
			QueuesProperties properties, QueueMessageRecoverer recoverer, ObjectProvider<JsonMapper> jsonMapper,
			ObjectProvider<Validator> validator, @Qualifier(LISTENER_EXECUTOR_BEAN_NAME) ObjectProvider<Executor> executor,
			ObjectProvider<ListenerObservations> observations, BeanFactory beanFactory,
			ApplicationEventPublisher events) {
		DefaultMessageHandlerMethodFactory methodFactory = new DefaultMessageHandlerMethodFactory();
		JsonMapper payloads = jsonMapper.getIfAvailable(roomClient::jsonMapper);
		if (properties.getListener().isFailOnUnknownProperties()) {
			payloads = payloads.rebuild().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
		}
		methodFactory.setMessageConverter(new QueueMessageConverter(payloads));
		validator.ifUnique(methodFactory::setValidator);
		methodFactory.setBeanFactory(beanFactory);
		methodFactory.afterPropertiesSet();
		return new QueueListenerContainerFactoryConfigurer(methodFactory, properties.getListener(), recoverer,
				executor.getIfAvailable(), observations.getIfAvailable(() -> ListenerObservations.NOOP), events);
	}

	@Bean(DEFAULT_FACTORY_BEAN_NAME)
	@ConditionalOnMissingBean(name = DEFAULT_FACTORY_BEAN_NAME)
	QueueListenerContainerFactory queueListenerContainerFactory(RoomClient roomClient,
			QueueListenerContainerFactoryConfigurer configurer) {
		QueueListenerContainerFactory factory = new QueueListenerContainerFactory(roomClient);
		configurer.configure(factory);
		return factory;
	}

	@Bean
	@ConditionalOnMissingBean
	QueueListenerRegistry queueListenerRegistry(
			@Qualifier(DEFAULT_FACTORY_BEAN_NAME) QueueListenerContainerFactory factory) {
		return new QueueListenerRegistry(factory);
	}

	@Bean(LISTENER_EXECUTOR_BEAN_NAME)
	@ConditionalOnThreading(Threading.VIRTUAL)
	@ConditionalOnMissingBean(name = LISTENER_EXECUTOR_BEAN_NAME)
	SimpleAsyncTaskExecutor queueListenerTaskExecutor() {
		SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("queues-");
		executor.setVirtualThreads(true);
		return executor;
	}

}
