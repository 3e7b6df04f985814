package io.roomqueues.autoconfigure;

import io.roomqueues.actuate.RoomHealthIndicator;
import io.roomqueues.client.RoomClient;
import io.roomqueues.listener.QueueListenerRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configures the {@code queues} health indicator ({@code management.health.queues.enabled}).
 */
@AutoConfiguration(after = { RoomClientAutoConfiguration.class, QueueListenerAutoConfiguration.class })
@ConditionalOnClass({ HealthIndicator.class, RoomClient.class })
@ConditionalOnBean(RoomClient.class)
@ConditionalOnEnabledHealthIndicator("queues")
public final class QueuesHealthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "queuesHealthIndicator")
	RoomHealthIndicator queuesHealthIndicator(RoomClient roomClient, ObjectProvider<QueueListenerRegistry> listeners) {
		return new RoomHealthIndicator(roomClient, listeners.getIfAvailable());
	}

}
