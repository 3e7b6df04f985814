package io.roomqueues.autoconfigure;

import io.roomqueues.actuate.QueuesEndpoint;
import io.roomqueues.actuate.QueuesEndpointWebExtension;
import io.roomqueues.client.QueuesClient;
import io.roomqueues.listener.QueueListenerRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configures the {@code queues} actuator endpoint when it is enabled and exposed, with its web extension when
 * it is exposed over HTTP.
 */
@AutoConfiguration(after = { RoomClientAutoConfiguration.class, QueueListenerAutoConfiguration.class })
@ConditionalOnClass({ Endpoint.class, QueuesClient.class })
@ConditionalOnBean(QueuesClient.class)
@ConditionalOnAvailableEndpoint(QueuesEndpoint.class)
public final class QueuesEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	QueuesEndpoint queuesEndpoint(QueuesClient queuesClient, ObjectProvider<QueueListenerRegistry> listeners) {
		return new QueuesEndpoint(queuesClient, listeners.getIfAvailable());
	}

	@Bean
	@ConditionalOnBean(QueuesEndpoint.class)
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint(exposure = EndpointExposure.WEB)
	QueuesEndpointWebExtension queuesEndpointWebExtension(QueuesEndpoint queuesEndpoint) {
		return new QueuesEndpointWebExtension(queuesEndpoint);
	}

}
