package io.roomqueues.listener;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.roomqueues.autoconfigure.QueueListenerAutoConfiguration;
import io.roomqueues.autoconfigure.QueueListenerContainerFactoryConfigurer;
import io.roomqueues.client.QueuesClient;
import io.roomqueues.client.RoomClient;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ReflectionUtils;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Container factories beside the auto-configured one, chosen per listener with {@code containerFactory}, and
 * endpoints registered in code through a {@link QueueListenerConfigurer}.
 */
class ContainerFactoryTests {

	record Item(String name) {
	}

	@Test
	void aListenerNamingAnotherFactoryGetsItsDefaultsAndTheAutoConfiguredParts() {
		try (TestRoom room = new TestRoom("factories")) {
			room.runner()
				.withUserConfiguration(BulkFactoryConfiguration.class)
				.withBean(Listeners.class, Listeners::new)
				.run((context) -> {
					assertThat(context).hasBean(QueueListenerAutoConfiguration.DEFAULT_FACTORY_BEAN_NAME)
						.hasBean("bulkFactory");
					QueueListenerRegistry registry = context.getBean(QueueListenerRegistry.class);
					QueueListenerContainer bulk = registry.getListenerContainer("bulk");
					QueueListenerContainer plain = registry.getListenerContainer("plain");
					assertThat(bulk.getConcurrency()).isEqualTo(3);
					assertThat(bulk.getOptions().retry().maxAttempts()).isEqualTo(1);
					assertThat(plain.getConcurrency()).isEqualTo(1);
					assertThat(plain.getOptions().retry().maxAttempts()).isEqualTo(3);
					QueuesClient direct = room.direct();
					direct.send("bulk", new Item("crate")).join();

					// the auto-configured converter and dead-letter queue serve the other factory's containers too
					ObjectNode letter = direct.receive("bulk.dlq", Duration.ofSeconds(10)).join();
					assertThat(letter).isNotNull();
					assertThat(letter.at("/error/message").stringValue()).isEqualTo("bulk failed for crate");
					assertThat(letter.at("/error/attempts").intValue()).isEqualTo(1);
				});
		}
	}

	@Test
	void aConfigurerRegistersAnEndpointInCodeBuiltByTheFactoryItChooses() {
		try (TestRoom room = new TestRoom("configurer")) {
			Audit audit = new Audit();
			room.runner()
				.withUserConfiguration(BulkFactoryConfiguration.class)
				.withBean(Audit.class, () -> audit)
				.withBean(QueueListenerConfigurer.class, () -> (registrar) -> registrar.registerEndpoint(
						QueueListenerEndpoint
							.builder("audit", "audit-events", audit,
									ReflectionUtils.findMethod(Audit.class, "record", Item.class))
							.containerFactory("bulkFactory")
							.concurrency(2)
							.build()))
				.run((context) -> {
					QueueListenerContainer container = context.getBean(QueueListenerRegistry.class)
						.getListenerContainer("audit");
					assertThat(container.getConcurrency()).isEqualTo(2);
					assertThat(container.getOptions().retry().maxAttempts()).isEqualTo(1);
					assertThat(container.isRunning()).isTrue();

					room.direct().send("audit-events", new Item("login")).join();

					await().untilAsserted(() -> assertThat(audit.recorded).containsExactly("login"));
				});
		}
	}

	@Test
	void aConfigurerMaySetTheDefaultFactoryOfListenersThatNameNone() {
		try (TestRoom room = new TestRoom("configurer-default")) {
			room.runner()
				.withUserConfiguration(BulkFactoryConfiguration.class)
				.withBean(Listeners.class, Listeners::new)
				.withBean(QueueListenerConfigurer.class,
						() -> (registrar) -> registrar.setContainerFactoryBeanName("bulkFactory"))
				.run((context) -> assertThat(
						context.getBean(QueueListenerRegistry.class).getListenerContainer("plain").getConcurrency())
					.isEqualTo(3));
		}
	}

	@Test
	void aFactoryBeanNamedLikeTheAutoConfiguredOneReplacesIt() {
		try (TestRoom room = new TestRoom("replaced-factory")) {
			room.runner()
				.withUserConfiguration(ReplacedFactoryConfiguration.class)
				.withBean(Plain.class, Plain::new)
				.run((context) -> {
					assertThat(context).getBeans(QueueListenerContainerFactory.class).hasSize(1);
					assertThat(context.getBean(QueueListenerRegistry.class).getListenerContainer("plain").getConcurrency())
						.isEqualTo(5);
				});
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class BulkFactoryConfiguration {

		@Bean
		QueueListenerContainerFactory bulkFactory(QueueListenerContainerFactoryConfigurer configurer, RoomClient room) {
			QueueListenerContainerFactory factory = new QueueListenerContainerFactory(room);
			configurer.configure(factory);
			factory.setDefaults(factory.getDefaults()
				.withConcurrency(3)
				.withRetry(factory.getDefaults().retry().withMaxAttempts(1)));
			return factory;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ReplacedFactoryConfiguration {

		@Bean(QueueListenerAutoConfiguration.DEFAULT_FACTORY_BEAN_NAME)
		QueueListenerContainerFactory queueListenerContainerFactory(QueueListenerContainerFactoryConfigurer configurer,
				RoomClient room) {
			QueueListenerContainerFactory factory = new QueueListenerContainerFactory(room);
			configurer.configure(factory);
			factory.setDefaults(factory.getDefaults().withConcurrency(5));
			return factory;
		}

	}

	static class Listeners {

		@QueueListener(queue = "bulk", id = "bulk", containerFactory = "bulkFactory")
		void bulk(Item item) {
			throw new IllegalStateException("bulk failed for " + item.name());
		}

		@QueueListener(queue = "plain", id = "plain")
		void plain(Item item) {
		}

	}

	static class Plain {

		@QueueListener(queue = "plain", id = "plain")
		void plain(Item item) {
		}

	}

	static class Audit {

		final List<String> recorded = new CopyOnWriteArrayList<>();

		void record(Item item) {
			this.recorded.add(item.name());
		}

	}

}
