package io.roomqueues.autoconfigure;

import java.time.Duration;

import io.roomqueues.listener.DeadLetterQueueRecoverer;
import io.roomqueues.listener.LoggingMessageRecoverer;
import io.roomqueues.listener.QueueListenerAnnotationBeanPostProcessor;
import io.roomqueues.listener.QueueListenerContainerFactory;
import io.roomqueues.listener.QueueListenerContainerOptions;
import io.roomqueues.listener.QueueListenerRegistry;
import io.roomqueues.listener.QueueMessageRecoverer;
import io.roomqueues.listener.RetrySettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link QueueListenerAutoConfiguration} with an {@link ApplicationContextRunner}. */
class QueueListenerAutoConfigurationTests {

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
		this.runner.withPropertyValues("spring.threads.virtual.enabled=true")
			.run((context) -> assertThat(context).hasBean(QueueListenerAutoConfiguration.LISTENER_EXECUTOR_BEAN_NAME));
	}

	@Test
	void platformThreadsRunListenersByDefault() {
		this.runner
			.run((context) -> assertThat(context).doesNotHaveBean(QueueListenerAutoConfiguration.LISTENER_EXECUTOR_BEAN_NAME));
	}

}
