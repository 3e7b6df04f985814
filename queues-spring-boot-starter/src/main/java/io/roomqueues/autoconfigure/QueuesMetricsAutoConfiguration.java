package io.roomqueues.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.roomqueues.client.RoomClient;
import io.roomqueues.listener.QueueListenerRegistry;
import io.roomqueues.observation.QueuesMeterBinder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configures the gauges and counters of room queues when Micrometer's {@link MeterRegistry} is available.
 */
@AutoConfiguration(after = { RoomClientAutoConfiguration.class, QueueListenerAutoConfiguration.class },
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass({ MeterRegistry.class, RoomClient.class })
@ConditionalOnBean({ MeterRegistry.class, RoomClient.class })
public final class QueuesMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	QueuesMeterBinder queuesMeterBinder(RoomClient roomClient, ObjectProvider<QueueListenerRegistry> listeners) {
		return new QueuesMeterBinder(roomClient, listeners.getIfAvailable());
	}

}
