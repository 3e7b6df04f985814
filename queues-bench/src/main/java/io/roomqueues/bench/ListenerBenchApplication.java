package io.roomqueues.bench;

import io.roomqueues.autoconfigure.RoomClientCustomizer;
import io.roomqueues.client.transport.JdkWebSocketTransport;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/** The Spring Boot application of the {@code @QueueListener} modes: the starter's auto-configuration and the listeners. */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class ListenerBenchApplication {

	@Bean
	BenchListeners benchListeners() {
		return new BenchListeners();
	}

	/**
	 * The JDK transport, as the rest of the report's "our client" rows use: Netty is on the bench's class path (for
	 * the netty prototype), where the starter's client would otherwise take it.
	 */
	@Bean
	RoomClientCustomizer jdkTransport() {
		return (builder) -> builder.transport(new JdkWebSocketTransport());
	}

}
