package io.roomqueues.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.roomqueues.actuate.QueuesEndpoint;
import io.roomqueues.actuate.RoomHealthIndicator;
import io.roomqueues.observation.ListenerObservations;
import io.roomqueues.observation.ObservingRequestInterceptor;
import io.roomqueues.observation.QueuesMeterBinder;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The observation, metrics, health and endpoint auto-configurations with an {@link ApplicationContextRunner}: each
 * appears with what it needs, backs off for user beans, and switches off by property.
 */
class QueuesObservabilityAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(QueuesObservationAutoConfiguration.class,
				RoomClientAutoConfiguration.class, QueueListenerAutoConfiguration.class,
				QueuesMetricsAutoConfiguration.class, QueuesHealthAutoConfiguration.class,
				QueuesEndpointAutoConfiguration.class))
		.withPropertyValues("queues.room.url=ws://127.0.0.1:1", "queues.room.name=r", "queues.room.token=t");

	@Test
	void observationsNeedAnObservationRegistry() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(ObservingRequestInterceptor.class)
			.doesNotHaveBean(ListenerObservations.class));
		this.runner.withBean(ObservationRegistry.class, ObservationRegistry::create)
			.run((context) -> assertThat(context).hasSingleBean(ObservingRequestInterceptor.class)
				.hasSingleBean(ListenerObservations.class)
				.hasBean("queuesObservationRoomClientCustomizer"));
	}

	@Test
	void observationsCanBeSwitchedOff() {
		this.runner.withBean(ObservationRegistry.class, ObservationRegistry::create)
			.withPropertyValues("queues.observation.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ObservingRequestInterceptor.class));
	}

	@Test
	void metersNeedAMeterRegistry() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(QueuesMeterBinder.class));
		this.runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run((context) -> {
			assertThat(context).hasSingleBean(QueuesMeterBinder.class);
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			context.getBean(QueuesMeterBinder.class).bindTo(meters);
			assertThat(meters.get("queues.client.connected").gauge().value()).isZero();
			assertThat(meters.get("queues.client.reconnects").functionCounter().count()).isZero();
			assertThat(meters.get("queues.client.messages.unclaimed").gauge().value()).isZero();
			assertThat(meters.get("queues.client.messages.returned").functionCounter().count()).isZero();
		});
	}

	@Test
	void metersAreSkippedWithoutMicrometerCore() {
		this.runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context).doesNotHaveBean(QueuesMeterBinder.class));
	}

	@Test
	void healthIndicatorIsDefinedAndCanBeSwitchedOff() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(RoomHealthIndicator.class)
			.hasBean("queuesHealthIndicator"));
		this.runner.withPropertyValues("management.health.queues.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RoomHealthIndicator.class));
	}

	@Test
	void healthIndicatorReportsDownWithTheRoomButNoTokenWhileUnreachable() {
		this.runner.withPropertyValues("queues.room.token=secret-token-value").run((context) -> {
			var health = context.getBean(RoomHealthIndicator.class).health(true);
			assertThat(health.getStatus().getCode()).isEqualTo("DOWN");
			assertThat(health.getDetails()).containsEntry("room", "r").containsEntry("url", "ws://127.0.0.1:1");
			assertThat(health.toString()).doesNotContain("secret-token-value");
		});
	}

	@Test
	void endpointIsDefinedOnlyWhenExposed() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(QueuesEndpoint.class));
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=queues")
			.run((context) -> assertThat(context).hasSingleBean(QueuesEndpoint.class));
	}

}
