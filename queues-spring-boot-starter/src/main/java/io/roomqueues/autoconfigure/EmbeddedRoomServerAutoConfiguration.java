package io.roomqueues.autoconfigure;

import java.util.UUID;

import io.roomqueues.server.RoomServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;

/**
 * Starts an embedded room server when {@code queues-server} is on the classpath and no room URL is configured, the
 * way Spring Boot starts an embedded database: the clients connect to it with a token it mints. Setting a room URL,
 * or {@code queues.server.enabled=false}, switches it off.
 */
@AutoConfiguration(before = RoomClientAutoConfiguration.class)
@ConditionalOnClass(RoomServer.class)
@ConditionalOnProperty(prefix = "queues.server", name = "enabled", matchIfMissing = true)
@Conditional(OnNoRoomUrlCondition.class)
@ConditionalOnMissingBean(RoomConnectionDetails.class)
@EnableConfigurationProperties(QueuesProperties.class)
public final class EmbeddedRoomServerAutoConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(EmbeddedRoomServerAutoConfiguration.class);

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	RoomServer embeddedRoomServer(QueuesProperties properties, Environment environment) {
		QueuesProperties.Server settings = properties.getServer();
		refuseSettingsTheBuildDidNotSee(settings, environment);
		RoomServer server = RoomServer.builder()
			.host(settings.getHost())
			.port(settings.getPort())
			.secret("embedded-" + UUID.randomUUID())
			.build()
			.start();
		logger.info("Started an embedded room server at {} because no room URL is configured; set queues.room.url "
				+ "to use a real room, or queues.server.enabled=false", server.url());
		return server;
	}

	/**
	 * The conditions above are evaluated once, at build time, when the application is processed ahead of time: a
	 * room URL (or {@code queues.server.enabled=false}) given only at run time would otherwise be ignored silently.
	 */
	private static void refuseSettingsTheBuildDidNotSee(QueuesProperties.Server settings, Environment environment) {
		String urlSource = OnNoRoomUrlCondition.roomUrlSource(environment);
		if (urlSource == null && settings.isEnabled()) {
			return;
		}
		String setting = (urlSource != null) ? "A room URL is configured (" + urlSource + ")"
				: "queues.server.enabled is false";
		throw new RoomConfigurationException(setting + ", but this application's bean definitions start an embedded "
				+ "room server: they were generated ahead of time (spring.aot.enabled) when neither was set, and "
				+ "conditions are not evaluated again at run time.",
				"Run the AOT processing (spring-boot-maven-plugin process-aot) with the same settings, or start the "
						+ "application without -Dspring.aot.enabled=true.");
	}

	@Bean
	@ConditionalOnMissingBean(RoomConnectionDetails.class)
	EmbeddedRoomConnectionDetails embeddedRoomConnectionDetails(RoomServer embeddedRoomServer,
			QueuesProperties properties) {
		String name = properties.getRoom().getName();
		String room = (name != null && !name.isBlank()) ? name : properties.getServer().getRoom();
		return new EmbeddedRoomConnectionDetails(embeddedRoomServer, room, properties.getRoom().getParticipantName());
	}

}
