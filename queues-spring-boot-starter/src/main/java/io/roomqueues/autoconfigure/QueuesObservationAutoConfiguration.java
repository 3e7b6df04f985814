package io.roomqueues.autoconfigure;

import io.micrometer.observation.ObservationRegistry;
import io.roomqueues.client.RoomClient;
import io.roomqueues.observation.DefaultQueueRequestObservationConvention;
import io.roomqueues.observation.ListenerObservations;
import io.roomqueues.observation.ObservingRequestInterceptor;
import io.roomqueues.observation.QueueListenerObservationConvention;
import io.roomqueues.observation.QueueRequestObservationConvention;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configures Micrometer observations of client requests and listener invocations when an
 * {@link ObservationRegistry} bean exists ({@code queues.observation.enabled}, on by default).
 */
@AutoConfiguration(before = { RoomClientAutoConfiguration.class, QueueListenerAutoConfiguration.class },
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass({ ObservationRegistry.class, RoomClient.class })
@ConditionalOnBean(ObservationRegistry.class)
@ConditionalOnProperty(prefix = "queues.observation", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(QueuesProperties.class)
public final class QueuesObservationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ObservingRequestInterceptor queuesObservingRequestInterceptor(ObservationRegistry registry,
			QueuesProperties properties, ObjectProvider<QueueRequestObservationConvention> convention) {
		QueuesProperties.Observation observation = properties.getObservation();
		return new ObservingRequestInterceptor(registry,
				convention.getIfAvailable(
						() -> new DefaultQueueRequestObservationConvention(observation.isQueueNameLowCardinality())),
				observation.isTracePropagation());
	}

	@Bean
	@ConditionalOnMissingBean(name = "queuesObservationRoomClientCustomizer")
	RoomClientCustomizer queuesObservationRoomClientCustomizer(ObservingRequestInterceptor interceptor) {
		return (builder) -> builder.interceptor(interceptor);
	}

	@Bean
	@ConditionalOnMissingBean
	ListenerObservations queuesListenerObservations(ObservationRegistry registry, QueuesProperties properties,
			ObjectProvider<QueueListenerObservationConvention> convention) {
		return new ListenerObservations(registry, convention.getIfAvailable(),
				properties.getObservation().isTracePropagation());
	}

}
