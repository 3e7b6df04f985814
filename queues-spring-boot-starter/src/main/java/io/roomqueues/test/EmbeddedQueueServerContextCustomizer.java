package io.roomqueues.test;

import java.util.UUID;

import io.roomqueues.autoconfigure.EmbeddedRoomConnectionDetails;
import io.roomqueues.server.RoomServer;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Starts the embedded server for one test context and registers it with its connection details. Equal annotations
 * make equal customizers, so the context cache reuses contexts.
 */
final class EmbeddedQueueServerContextCustomizer implements ContextCustomizer {

	static final String SERVER_BEAN_NAME = "embeddedQueueServer";

	private final EmbeddedQueueServer annotation;

	EmbeddedQueueServerContextCustomizer(EmbeddedQueueServer annotation) {
		this.annotation = annotation;
	}

	@Override
	public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
		RoomServer server = RoomServer.builder()
			.secret("test-" + UUID.randomUUID())
			.port(this.annotation.port())
			.build()
			.start();
		ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
		beanFactory.registerSingleton(SERVER_BEAN_NAME, server);
		beanFactory.registerSingleton("embeddedQueueServerConnectionDetails",
				new EmbeddedRoomConnectionDetails(server, this.annotation.room(), this.annotation.participant()));
		if (beanFactory instanceof DefaultSingletonBeanRegistry registry) {
			// destroyed last, after the listeners stopped and the client closed
			registry.registerDisposableBean(SERVER_BEAN_NAME, server::close);
		}
		else {
			context.addApplicationListener((ContextClosedEvent event) -> server.close());
		}
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof EmbeddedQueueServerContextCustomizer that && this.annotation.equals(that.annotation);
	}

	@Override
	public int hashCode() {
		return this.annotation.hashCode();
	}

}
