package io.roomqueues.autoconfigure;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.roomqueues.listener.BatchSettings;
import io.roomqueues.listener.DeadLetterQueueRecoverer;
import io.roomqueues.listener.QueueListener;
import io.roomqueues.listener.LoggingMessageRecoverer;
import io.roomqueues.listener.QueueListenerAnnotationBeanPostProcessor;
import io.roomqueues.listener.QueueListenerContainerFactory;
import io.roomqueues.listener.QueueListenerContainerOptions;
import io.roomqueues.listener.QueueListenerRegistry;
import io.roomqueues.listener.QueueMessageRecoverer;
import io.roomqueues.listener.RetrySettings;
import io.roomqueues.server.RoomServer;
import io.roomqueues.server.junit.RoomServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link QueueListenerAutoConfiguration} with an {@link ApplicationContextRunner}. */
class QueueListenerAutoConfigurationTests {

	private static final String SECRET = "listener-runner";

	@RegisterExtension
	static final RoomServerExtension extension = RoomServerExtension.create((builder) -> builder.secret(SECRET));

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(RoomClientAutoConfiguration.class, QueueListenerAutoConfiguration.class))
		.withPropertyValues("queues.room.url=ws://127.0.0.1:1", "queues.room.name=r", "queues.room.token=t");

	@Test
	void definesTheListenerInfrastructure() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(QueueListenerAnnotationBeanPostProcessor.class)
				.hasSingleBean(QueueListenerContainerFactory.class)
				.hasSingleBean(QueueListenerRegistry.class)
				.hasSingleBean(QueueMessageRecoverer.class);
			assertThat(context.getBean(QueueMessageRecoverer.class)).isInstanceOf(DeadLetterQueueRecoverer.class);
			assertThat(((DeadLetterQueueRecoverer) context.getBean(QueueMessageRecoverer.class)).deadLetterQueue("q"))
				.isEqualTo("q.dlq");
		});
	}

	@Test
	void listenerDefaultsAreBoundFromProperties() {
		this.runner
			.withPropertyValues("queues.listener.concurrency=4", "queues.listener.auto-startup=false",
					"queues.listener.shutdown-timeout=3s", "queues.listener.retry.max-attempts=5",
					"queues.listener.retry.initial-interval=200ms", "queues.listener.retry.multiplier=3",
					"queues.listener.retry.max-interval=2s")
			.run((context) -> assertThat(context.getBean(QueueListenerContainerFactory.class).getDefaults())
				.isEqualTo(new QueueListenerContainerOptions(4, false, true, Duration.ofSeconds(3),
						new RetrySettings(5, Duration.ofMillis(200), 3.0, Duration.ofSeconds(2)))));
	}

	@Test
	void batchDefaultsAreBoundFromProperties() {
		this.runner.withPropertyValues("queues.listener.batch.size=50", "queues.listener.batch.wait=250ms")
			.run((context) -> assertThat(context.getBean(QueueListenerContainerFactory.class).getDefaults().batch())
				.isEqualTo(new BatchSettings(50, Duration.ofMillis(250))));
	}

	@Test
	void definesAConfigurerThatGivesOtherFactoriesTheSameDefaults() {
		this.runner.withPropertyValues("queues.listener.concurrency=6").run((context) -> {
			assertThat(context).hasSingleBean(QueueListenerContainerFactoryConfigurer.class);
			QueueListenerContainerFactory other = new QueueListenerContainerFactory(
					context.getBean(io.roomqueues.client.RoomClient.class));
			context.getBean(QueueListenerContainerFactoryConfigurer.class).configure(other);
			assertThat(other.getDefaults())
				.isEqualTo(context.getBean(QueueListenerContainerFactory.class).getDefaults())
				.extracting(QueueListenerContainerOptions::concurrency)
				.isEqualTo(6);
		});
	}

	@Test
	void deadLetterSuffixIsConfigurable() {
		this.runner.withPropertyValues("queues.listener.dead-letter-suffix=-dead")
			.run((context) -> assertThat(
					((DeadLetterQueueRecoverer) context.getBean(QueueMessageRecoverer.class)).deadLetterQueue("q"))
				.isEqualTo("q-dead"));
	}

	@Test
	void logAndDropIsUsedOnlyWhenDeadLettersAreSwitchedOff() {
		this.runner.withPropertyValues("queues.listener.dead-letter-enabled=false")
			.run((context) -> assertThat(context.getBean(QueueMessageRecoverer.class))
				.isInstanceOf(LoggingMessageRecoverer.class));
	}

	@Test
	void backsOffForAUserDefinedRecoverer() {
		QueueMessageRecoverer mine = (failed) -> {
		};
		this.runner.withBean("myRecoverer", QueueMessageRecoverer.class, () -> mine)
			.run((context) -> assertThat(context.getBean(QueueMessageRecoverer.class)).isSameAs(mine));
	}

	@Test
	void backsOffWithoutARoomClient() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(QueueListenerAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(QueueListenerRegistry.class));
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void virtualThreadsRunListenersWhenEnabledOnJava21() {
		RoomServer server = extension.server();
		ThreadRecorder recorder = new ThreadRecorder();
		this.runner
			.withPropertyValues("spring.threads.virtual.enabled=true", "queues.room.url=" + server.url(),
					"queues.room.secret=" + SECRET, "queues.room.name=virtual", "queues.room.token=")
			.withBean(ThreadRecorder.class, () -> recorder)
			.run((context) -> {
				assertThat(context).hasBean(QueueListenerAutoConfiguration.LISTENER_EXECUTOR_BEAN_NAME);
				context.getBean(io.roomqueues.client.RoomClient.class).whenConnected().join();
				context.getBean(io.roomqueues.client.QueuesClient.class).send("threads", Map.of("n", 1)).join();

				assertThat(recorder.virtual.get(10, TimeUnit.SECONDS)).isTrue();
			});
	}

	static class ThreadRecorder {

		final CompletableFuture<Boolean> virtual = new CompletableFuture<>();

		@QueueListener("threads")
		void listen(Map<String, Object> message) throws ReflectiveOperationException {
			// Thread.isVirtual() exists from Java 21; this code is compiled for 17
			this.virtual.complete((Boolean) Thread.class.getMethod("isVirtual").invoke(Thread.currentThread()));
		}

	}

	@Test
	void platformThreadsRunListenersByDefault() {
		this.runner
			.run((context) -> assertThat(context).doesNotHaveBean(QueueListenerAutoConfiguration.LISTENER_EXECUTOR_BEAN_NAME));
	}

}
