package io.roomqueues.autoconfigure;

import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

import io.roomqueues.client.QueuesClient;
import io.roomqueues.client.RoomClient;
import io.roomqueues.listener.QueueListener;
import io.roomqueues.listener.QueueListenerRegistry;
import io.roomqueues.server.RoomServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.aot.test.generate.TestGenerationContext;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.test.tools.CompileWithForkedClassLoader;
import org.springframework.core.test.tools.TestCompiler;
import org.springframework.javapoet.ClassName;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The starter processed ahead of time, as {@code process-aot} does for an application: the generated bean
 * definitions are compiled and run, and listeners receive as they do without AOT. Settings given only at run time
 * that the build-time conditions did not see are refused, not silently ignored.
 *
 * <p>
 * The compiled code needs a forked class loader (it reaches package-private Spring Boot classes). The room server runs
 * outside it, started by {@link OutsideRoomServer}: Tomcat inside a forked loader would mix its WebSocket classes
 * with the application class loader's.
 */
@CompileWithForkedClassLoader
@ExtendWith(OutsideRoomServer.class)
class AheadOfTimeProcessingTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EmbeddedRoomServerAutoConfiguration.class,
				RoomClientAutoConfiguration.class, QueueListenerAutoConfiguration.class))
		.withUserConfiguration(Listener.class);

	@Test
	void aContextProcessedAheadOfTimeRunsItsListeners() {
		String[] room = OutsideRoomServer.properties();
		runAheadOfTime(this.runner.withPropertyValues(room), room, (context) -> {
			assertThat(context.getBeanNamesForType(RoomServer.class)).isEmpty();
			assertThat(context.getBean(QueueListenerRegistry.class).getListenerContainerIds()).containsExactly("aot");
			context.getBean(RoomClient.class).whenConnected().join();
			context.getBean(QueuesClient.class).send("aot", Map.of("n", 7)).join();

			assertThat(poll()).containsEntry("n", 7);
		});
	}

	@Test
	void settingsGivenOnlyAtRunTimeThatTheBuildDidNotSeeAreRefusedNotIgnored() {
		compileAheadOfTime(this.runner, (refresh) -> {
			assertThatExceptionOfType(Exception.class)
				.isThrownBy(() -> refresh.apply(new String[] { "queues.room.url=ws://127.0.0.1:1" }))
				.havingRootCause()
				.isInstanceOf(RoomConfigurationException.class)
				.withMessageContaining("A room URL is configured (queues.room.url)")
				.withMessageContaining("generated ahead of time");
			assertThatExceptionOfType(Exception.class)
				.isThrownBy(() -> refresh.apply(new String[] { "queues.server.enabled=false" }))
				.havingRootCause()
				.isInstanceOf(RoomConfigurationException.class)
				.withMessageContaining("queues.server.enabled is false");
		});
	}

	/**
	 * Processes the runner's context at "build time", then refreshes the compiled result with run-time properties
	 * (which, as for an application, must repeat those of the build that the run needs).
	 */
	private void runAheadOfTime(ApplicationContextRunner runner, String[] runTimeProperties,
			Consumer<GenericApplicationContext> test) {
		compileAheadOfTime(runner, (refresh) -> {
			try (GenericApplicationContext context = refresh.apply(runTimeProperties)) {
				test.accept(context);
			}
		});
	}

	/** Processes the runner's context at "build time" and hands over a way to refresh the result at run time. */
	@SuppressWarnings("unchecked")
	private void compileAheadOfTime(ApplicationContextRunner runner,
			Consumer<Function<String[], GenericApplicationContext>> test) {
		runner.prepare((prepared) -> {
			TestGenerationContext generationContext = new TestGenerationContext();
			ClassName initializerName = new ApplicationContextAotGenerator().processAheadOfTime(
					(GenericApplicationContext) prepared.getSourceApplicationContext(), generationContext);
			generationContext.writeGeneratedContent();
			TestCompiler.forSystem().with(generationContext).compile((compiled) -> test.accept((properties) -> {
				GenericApplicationContext context = new GenericApplicationContext();
				TestPropertyValues.of(properties).applyTo(context);
				compiled.getInstance(ApplicationContextInitializer.class, initializerName.toString())
					.initialize(context);
				try {
					context.refresh();
				}
				catch (RuntimeException ex) {
					context.close();
					throw ex;
				}
				return context;
			}));
		});
	}

	private static Map<String, Object> poll() {
		try {
			Map<String, Object> received = Listener.received.poll(10, TimeUnit.SECONDS);
			assertThat(received).as("a message within 10 s").isNotNull();
			return received;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public static class Listener {

		// static: the compiled context creates its own instance of this class
		static final BlockingQueue<Map<String, Object>> received = new LinkedBlockingQueue<>();

		@QueueListener(queue = "aot", id = "aot")
		public void listen(Map<String, Object> message) {
			received.add(message);
		}

	}

}
