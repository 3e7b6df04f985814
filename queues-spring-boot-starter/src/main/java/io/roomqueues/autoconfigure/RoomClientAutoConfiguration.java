package io.roomqueues.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLContext;

import io.roomqueues.client.Keepalive;
import io.roomqueues.client.QueuesClient;
import io.roomqueues.client.ReconnectPolicy;
import io.roomqueues.client.RoomClient;
import io.roomqueues.client.RoomClientBuilder;
import io.roomqueues.client.UnreturnedMessageHandler;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import tools.jackson.databind.json.JsonMapper;

/**
 * Auto-configures the {@link RoomClient} and the {@link QueuesClient} from {@code queues.room.*} or a
 * {@link RoomConnectionDetails} bean. The client connects at startup; unless {@code queues.room.startup-failure} is
 * {@code fail}, an unreachable room does not stop the application and the client keeps reconnecting.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
		"org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration" })
@ConditionalOnClass(RoomClient.class)
@EnableConfigurationProperties(QueuesProperties.class)
public final class RoomClientAutoConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(RoomClientAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean(RoomConnectionDetails.class)
	PropertiesRoomConnectionDetails roomConnectionDetails(QueuesProperties properties, Environment environment) {
		return new PropertiesRoomConnectionDetails(properties.getRoom(), environment::getProperty, Clock.systemUTC());
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	RoomClient roomClient(RoomConnectionDetails connectionDetails, QueuesProperties properties,
			ObjectProvider<JsonMapper> jsonMapper, ObjectProvider<SslBundles> sslBundles,
			ObjectProvider<UnreturnedMessageHandler> unreturnedMessageHandler,
			ObjectProvider<RoomClientCustomizer> customizers) {
		RoomProperties room = properties.getRoom();
		RoomClientBuilder builder = RoomClient.builder()
			.url(connectionDetails.getUrl())
			.room(connectionDetails.getRoom())
			.token(connectionDetails::getToken)
			.connectTimeout(room.getConnectTimeout())
			.requestTimeout(room.getRequestTimeout())
			.reconnect(reconnectPolicy(room.getReconnect()))
			.keepalive(new Keepalive(room.getKeepalive().getInterval(), room.getKeepalive().getTimeout()))
			.closeTimeout(room.getCloseTimeout())
			.holdTime(room.getHoldTime())
			.maxMessageSize((int) room.getMaxMessageSize().toBytes());
		jsonMapper.ifAvailable(builder::jsonMapper);
		unreturnedMessageHandler.ifAvailable(builder::unreturnedMessageHandler);
		String bundle = room.getSsl().getBundle();
		if (bundle != null) {
			builder.sslContext(sslContext(bundle, sslBundles.getIfAvailable()));
		}
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		RoomClient client = builder.build();
		connect(client, room);
		return client;
	}

	@Bean
	@ConditionalOnMissingBean
	QueuesClient queuesClient(RoomClient roomClient) {
		return roomClient.queues();
	}

	private static SSLContext sslContext(String bundle, @Nullable SslBundles sslBundles) {
		if (sslBundles == null) {
			throw new IllegalStateException("queues.room.ssl.bundle is '" + bundle
					+ "' but the application has no SslBundles bean (spring.ssl.bundle.* and SslAutoConfiguration)");
		}
		return sslBundles.getBundle(bundle).createSslContext();
	}

	static ReconnectPolicy reconnectPolicy(RoomProperties.Reconnect reconnect) {
		Integer maxAttempts = reconnect.getMaxAttempts();
		return new ReconnectPolicy(reconnect.getInitialDelay(), reconnect.getMaxDelay(), reconnect.getMultiplier(),
				reconnect.getJitter(), (maxAttempts != null) ? maxAttempts : Integer.MAX_VALUE);
	}

	private static void connect(RoomClient client, RoomProperties room) {
		var connected = client.connect();
		if (room.getStartupFailure() == RoomProperties.StartupFailure.CONTINUE) {
			connected.exceptionally((ex) -> {
				logger.warn("Room '{}' is not reachable yet; the application starts anyway and the client keeps "
						+ "reconnecting (queues.room.startup-failure=continue)", client.room());
				return null;
			});
			return;
		}
		Duration wait = room.getConnectTimeout().plusSeconds(1);
		try {
			connected.get(wait.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			client.close();
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			throw new IllegalStateException("Could not connect to room '" + client.room() + "' at " + client.baseUrl()
					+ " and queues.room.startup-failure is 'fail': " + cause.getMessage(), cause);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			client.close();
			throw new IllegalStateException("Interrupted while connecting to room '" + client.room() + "'", ex);
		}
	}

}
