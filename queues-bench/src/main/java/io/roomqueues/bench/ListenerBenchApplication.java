package io.roomqueues.bench;

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

}
