package io.roomqueues.observation;

import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.roomqueues.autoconfigure.QueueListenerAutoConfiguration;
import io.roomqueues.autoconfigure.QueuesObservationAutoConfiguration;
import io.roomqueues.autoconfigure.RoomClientAutoConfiguration;
import io.roomqueues.client.QueuesClient;
import io.roomqueues.listener.QueueListener;
import io.roomqueues.server.junit.RoomServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.node.ObjectNode;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/** Client request and listener observations, asserted on a {@link TestObservationRegistry}. */
class QueuesObservationTests {

	private static final String SECRET = "observed";

	@RegisterExtension
	static final RoomServerExtension extension = RoomServerExtension.create((builder) -> builder.secret(SECRET));

	private final TestObservationRegistry registry = TestObservationRegistry.create();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(QueuesObservationAutoConfiguration.class,
				RoomClientAutoConfiguration.class, QueueListenerAutoConfiguration.class))
		.withBean(ObservationRegistry.class, () -> this.registry)
		.withPropertyValues("queues.room.url=" + extension.server().url(), "queues.room.secret=" + SECRET,
				"queues.listener.retry.initial-interval=5ms");

	@Test
	void everyClientRequestIsObservedWithOperationOutcomeAndQueue() {
		this.runner.withPropertyValues("queues.room.name=observed-requests").run((context) -> {
			QueuesClient queues = context.getBean(QueuesClient.class);
			awaitConnected(queues);

			queues.send("orders", Map.of("n", 1)).join();
			assertThatExceptionOfType(CompletionException.class)
				.isThrownBy(() -> queues.receive("missing", false, false).join());

			assertThat(this.registry).hasAnObservation((observation) -> observation
				.hasNameEqualTo("queues.client.requests")
				.hasLowCardinalityKeyValue("messaging.system", "meshagent")
				.hasLowCardinalityKeyValue("queues.operation", "send")
				.hasLowCardinalityKeyValue("outcome", "success")
				.hasLowCardinalityKeyValue("error.code", "none")
				.hasHighCardinalityKeyValue("messaging.destination.name", "orders"));
			assertThat(this.registry).hasAnObservation((observation) -> observation
				.hasLowCardinalityKeyValue("queues.operation", "receive")
				.hasLowCardinalityKeyValue("outcome", "error")
				.hasLowCardinalityKeyValue("error.code", "5001")
				.hasHighCardinalityKeyValue("messaging.destination.name", "missing"));
		});
	}

	@Test
	void queueNameBecomesALowCardinalityKeyOnlyWhenAskedTo() {
		this.runner.withPropertyValues("queues.room.name=observed-tags", "queues.observation.queue-name-low-cardinality=true")
			.run((context) -> {
				QueuesClient queues = context.getBean(QueuesClient.class);
				awaitConnected(queues);

				queues.send("tagged", Map.of("n", 1)).join();

				assertThat(this.registry).hasAnObservation((observation) -> observation
					.hasLowCardinalityKeyValue("queues.operation", "send")
					.hasLowCardinalityKeyValue("messaging.destination.name", "tagged"));
			});
	}

	@Test
	void everyListenerInvocationIsObservedWithListenerIdOutcomeAndAttempt() {
		this.runner.withPropertyValues("queues.room.name=observed-listeners")
			.withBean(Listeners.class)
			.run((context) -> {
				QueuesClient queues = context.getBean(QueuesClient.class);
				Listeners listeners = context.getBean(Listeners.class);
				awaitConnected(queues);

				queues.send("good", Map.of("n", 1)).join();
				queues.send("bad", Map.of("n", 2)).join();
				assertThat(listeners.good.poll(10, TimeUnit.SECONDS)).isNotNull();
				queues.receive("bad.dlq").get(10, TimeUnit.SECONDS);

				await().untilAsserted(() -> assertThat(this.registry).hasAnObservation((observation) -> observation
					.hasNameEqualTo("queues.listener.process")
					.hasLowCardinalityKeyValue("queues.listener.id", "good-listener")
					.hasLowCardinalityKeyValue("messaging.destination.name", "good")
					.hasLowCardinalityKeyValue("outcome", "success")
					.hasLowCardinalityKeyValue("queues.attempt", "1")));
				for (String attempt : new String[] { "1", "2", "3" }) {
					assertThat(this.registry).hasAnObservation((observation) -> observation
						.hasNameEqualTo("queues.listener.process")
						.hasLowCardinalityKeyValue("queues.listener.id", "bad-listener")
						.hasLowCardinalityKeyValue("outcome", "failure")
						.hasLowCardinalityKeyValue("queues.attempt", attempt)
						.assertThatError()
						.hasMessage("always"));
				}
			});
	}

	private static void awaitConnected(QueuesClient queues) {
		await().untilAsserted(() -> assertThat(queues.list()).succeedsWithin(java.time.Duration.ofSeconds(1)));
	}

	static class Listeners {

		final BlockingQueue<ObjectNode> good = new LinkedBlockingQueue<>();

		@QueueListener(queue = "good", id = "good-listener")
		void good(ObjectNode message) {
			this.good.add(message);
		}

		@QueueListener(queue = "bad", id = "bad-listener")
		void bad(ObjectNode message) {
			throw new IllegalStateException("always");
		}

	}

}
