package io.roomqueues.observation;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

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

/** An application's observation handler that throws, around a listener that succeeds. */
class ObservationHandlerFailureTests {

	private static final String SECRET = "observed";

	@RegisterExtension
	static final RoomServerExtension extension = RoomServerExtension.create((builder) -> builder.secret(SECRET));

	private final Listener listener = new Listener();

	@Test
	void aHandlerThatThrowsWhenTheObservationStopsNeverMakesASuccessfulListenerRunAgain() {
		run("throwing-stop-handler", new Throwing(false, true), (queues) -> {
			queues.send("observed", Map.of("id", "a")).join();
			queues.send("observed", Map.of("id", "b")).join();

			// one slot: a retry of "a" would come before "b" is taken
			await().untilAsserted(() -> assertThat(this.listener.ids).contains("b"));
			assertThat(this.listener.ids).containsExactly("a", "b");
			assertThat(queues.tryReceive("observed.dlq").join()).isNull();
		});
	}

	@Test
	void aHandlerThatThrowsWhenTheObservationStartsNeitherKeepsTheListenerFromRunningNorDeadLettersItsMessage() {
		run("throwing-start-handler", new Throwing(true, false), (queues) -> {
			queues.send("observed", Map.of("id", "a")).join();

			// the listener itself never fails: a message is processed, or at least not dead-lettered unprocessed
			await().atMost(Duration.ofSeconds(10))
				.until(() -> !this.listener.ids.isEmpty() || queues.list()
					.join()
					.stream()
					.anyMatch((queue) -> queue.name().equals("observed.dlq") && queue.size() > 0));
			assertThat(queues.tryReceive("observed.dlq").join()).as("dead-lettered without running").isNull();
			assertThat(this.listener.ids).containsExactly("a");
		});
	}

	private void run(String room, ObservationHandler<Observation.Context> handler, Consumer<QueuesClient> test) {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(handler);
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(QueuesObservationAutoConfiguration.class,
					RoomClientAutoConfiguration.class, QueueListenerAutoConfiguration.class))
			.withBean(ObservationRegistry.class, () -> registry)
			.withBean(Listener.class, () -> this.listener)
			.withPropertyValues("queues.room.url=" + extension.server().url(), "queues.room.secret=" + SECRET,
					"queues.room.name=" + room, "queues.listener.retry.initial-interval=5ms")
			.run((context) -> {
				QueuesClient queues = context.getBean(QueuesClient.class);
				await().until(() -> queues.list().handle((list, error) -> error == null).join());
				test.accept(queues);
			});
	}

	/** Throws when a listener's observation starts, stops, or both. */
	record Throwing(boolean onStart, boolean onStop) implements ObservationHandler<Observation.Context> {

		@Override
		public void onStart(Observation.Context context) {
			if (this.onStart) {
				throw new IllegalStateException("the application's handler failed");
			}
		}

		@Override
		public void onStop(Observation.Context context) {
			if (this.onStop) {
				throw new IllegalStateException("the application's handler failed");
			}
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return context instanceof QueueListenerObservationContext;
		}

	}

	static class Listener {

		final List<String> ids = new CopyOnWriteArrayList<>();

		@QueueListener(queue = "observed", id = "observed", concurrency = "1")
		void listen(ObjectNode message) {
			this.ids.add(message.get("id").stringValue());
		}

	}

}
