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
	RoomServer embeddedRoomServer(QueuesProperties properties) {
		QueuesProperties.Server settings = properties.getServer();
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

	@Bean
	@ConditionalOnMissingBean(RoomConnectionDetails.class)
	EmbeddedRoomConnectionDetails embeddedRoomConnectionDetails(RoomServer embeddedRoomServer,
			QueuesProperties properties) {
		String name = properties.getRoom().getName();
		String room = (name != null && !name.isBlank()) ? name : properties.getServer().getRoom();
		return new EmbeddedRoomConnectionDetails(embeddedRoomServer, room, properties.getRoom().getParticipantName());
	}

}
