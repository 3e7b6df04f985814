package io.roomqueues.observation;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** An application's observation handler that throws when the observation starts, before the listener runs. */
class ObservationStartFailureTests {

	private static final String SECRET = "observed";

	@RegisterExtension
	static final RoomServerExtension extension = RoomServerExtension.create((builder) -> builder.secret(SECRET));

	@Test
	void aHandlerThatThrowsWhenTheObservationStartsNeitherKeepsTheListenerFromRunningNorDeadLettersItsMessage() {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new ThrowingOnStart());
		Listener listener = new Listener();
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(QueuesObservationAutoConfiguration.class,
					RoomClientAutoConfiguration.class, QueueListenerAutoConfiguration.class))
			.withBean(ObservationRegistry.class, () -> registry)
			.withBean(Listener.class, () -> listener)
			.withPropertyValues("queues.room.url=" + extension.server().url(), "queues.room.secret=" + SECRET,
					"queues.room.name=throwing-start-handler", "queues.listener.retry.initial-interval=5ms")
			.run((context) -> {
				QueuesClient queues = context.getBean(QueuesClient.class);
				await().until(() -> queues.list().handle((list, error) -> error == null).join());
				queues.send("observed-start", Map.of("id", "a")).join();

				// the listener itself never fails: a message is processed, or at least not dead-lettered unprocessed
				await().atMost(java.time.Duration.ofSeconds(10))
					.until(() -> !listener.ids.isEmpty() || queues.list().join().stream()
						.anyMatch((queue) -> queue.name().equals("observed-start.dlq") && queue.size() > 0));
				assertThat(queues.tryReceive("observed-start.dlq").join()).as("dead-lettered without running").isNull();
				assertThat(listener.ids).containsExactly("a");
			});
	}

	static class ThrowingOnStart implements ObservationHandler<Observation.Context> {

		@Override
		public void onStart(Observation.Context context) {
			throw new IllegalStateException("the application's handler failed");
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return context instanceof QueueListenerObservationContext;
		}

	}

	static class Listener {

		final List<String> ids = new CopyOnWriteArrayList<>();

		@QueueListener(queue = "observed-start", id = "observed-start", concurrency = "1")
		void listen(ObjectNode message) {
			this.ids.add(message.get("id").stringValue());
		}

	}

}
