package io.roomqueues.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import io.roomqueues.client.ConnectionState;
import io.roomqueues.client.QueuesClient;
import io.roomqueues.client.RoomClient;
import io.roomqueues.server.RoomServer;
import io.roomqueues.server.junit.RoomServerExtension;
import io.roomqueues.token.ApiKey;
import io.roomqueues.token.InvalidTokenException;
import io.roomqueues.token.ParticipantToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@link RoomClientAutoConfiguration} with an {@link ApplicationContextRunner}. */
class RoomClientAutoConfigurationTests {

	private static final String SECRET = "runner-secret";

	@RegisterExtension
	static final RoomServerExtension extension = RoomServerExtension
		.create((builder) -> builder.secret(SECRET));

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RoomClientAutoConfiguration.class));

	@Test
	void definesConnectedClientsFromProperties() {
		this.runner.withPropertyValues(serverProperties()).run((context) -> {
			assertThat(context).hasSingleBean(RoomClient.class)
				.hasSingleBean(QueuesClient.class)
				.hasSingleBean(PropertiesRoomConnectionDetails.class);
			RoomClient client = context.getBean(RoomClient.class);
			await().untilAsserted(() -> assertThat(client.state()).isEqualTo(ConnectionState.CONNECTED));
			assertThat(context.getBean(QueuesClient.class)).isSameAs(client.queues());
			context.getBean(QueuesClient.class).send("runner", java.util.Map.of("ok", true)).join();
			assertThat(extension.server().queues("runner-room")).hasSize(1);
		});
	}

	@Test
	void propertiesAreBoundToTheClient() {
		this.runner
			.withPropertyValues(serverProperties("queues.room.connect-timeout=3s", "queues.room.request-timeout=7s"))
			.run((context) -> {
				RoomClient client = context.getBean(RoomClient.class);
				assertThat(client.requestTimeout()).isEqualTo(Duration.ofSeconds(7));
				assertThat(client.room()).isEqualTo("runner-room");
				assertThat(client.baseUrl()).isEqualTo(extension.server().url());
			});
	}

	@Test
	void backsOffForAUserDefinedRoomClient() {
		this.runner.withPropertyValues(serverProperties())
			.withUserConfiguration(UserClientConfiguration.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(RoomClient.class);
				assertThat(context.getBean(RoomClient.class)).isSameAs(context.getBean("userRoomClient"));
				assertThat(context.getBean(QueuesClient.class))
					.isSameAs(context.getBean(RoomClient.class).queues());
			});
	}

	@Test
	void userDefinedConnectionDetailsReplaceTheProperties() {
		this.runner.withBean(RoomConnectionDetails.class,
				() -> new EmbeddedRoomConnectionDetails(extension.server(), "details-room", "me"))
			.run((context) -> {
				assertThat(context).doesNotHaveBean(PropertiesRoomConnectionDetails.class);
				RoomClient client = context.getBean(RoomClient.class);
				assertThat(client.room()).isEqualTo("details-room");
				await().untilAsserted(() -> assertThat(client.state()).isEqualTo(ConnectionState.CONNECTED));
			});
	}

	@Test
	void tokenIsMintedFromAnApiKey() {
		ApiKey key = new ApiKey(UUID.randomUUID().toString(), UUID.randomUUID().toString(), "key-secret");
		this.runner
			.withPropertyValues("queues.room.url=ws://127.0.0.1:1", "queues.room.name=r",
					"queues.room.api-key=" + key.encode(), "queues.room.participant-name=worker-7")
			.run((context) -> {
				String jwt = context.getBean(RoomConnectionDetails.class).getToken();
				ParticipantToken token = ParticipantToken.verify(jwt, "key-secret", Clock.systemUTC());
				assertThat(token.name()).isEqualTo("worker-7");
				assertThat(token.room()).isEqualTo("r");
				assertThat(token.apiKeyId()).isEqualTo(key.id());
				assertThat(token.projectId()).isEqualTo(key.projectId());
				assertThat(token.expiresAt()).isAfter(java.time.Instant.now());
			});
	}

	@Test
	void meshAgentEnvironmentVariablesAreTheFallback() {
		this.runner
			.withPropertyValues("MESHAGENT_API_URL=https://rooms.example.com", "MESHAGENT_ROOM=env-room",
					"MESHAGENT_TOKEN=env-token")
			.run((context) -> {
				RoomConnectionDetails details = context.getBean(RoomConnectionDetails.class);
				assertThat(details.getUrl()).isEqualTo("wss://rooms.example.com");
				assertThat(details.getRoom()).isEqualTo("env-room");
				assertThat(details.getToken()).isEqualTo("env-token");
			});
	}

	@Test
	void missingRoomNameIsReportedClearly() {
		this.runner.withPropertyValues("queues.room.token=t").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(RoomConfigurationException.class)
				.hasMessageContaining("No room name");
			assertThat(((RoomConfigurationException) rootCause(context.getStartupFailure())).getAction())
				.contains("queues.room.name");
		});
	}

	@Test
	void missingCredentialsAreReportedClearly() {
		this.runner.withPropertyValues("queues.room.name=r").run((context) -> {
			assertThat(context).hasFailed();
			RoomConfigurationException failure = (RoomConfigurationException) rootCause(context.getStartupFailure());
			assertThat(failure).hasMessageContaining("No credentials");
			assertThat(failure.getAction()).contains("queues.room.token", "queues.room.api-key", "queues.room.secret");
		});
	}

	@Test
	void unreachableRoomDoesNotStopTheApplicationByDefault() {
		this.runner.withPropertyValues("queues.room.url=ws://127.0.0.1:1", "queues.room.name=r",
				"queues.room.token=t", "queues.room.reconnect.initial-delay=50ms").run((context) -> {
					assertThat(context).hasNotFailed();
					RoomClient client = context.getBean(RoomClient.class);
					await().untilAsserted(() -> assertThat(client.state()).isIn(ConnectionState.RECONNECTING,
							ConnectionState.CONNECTING));
					assertThat(client.lastError()).isNotNull();
				});
	}

	@Test
	void unreachableRoomFailsTheStartupWhenAskedTo() {
		this.runner.withPropertyValues("queues.room.url=ws://127.0.0.1:1", "queues.room.name=r",
				"queues.room.token=t", "queues.room.startup-failure=fail").run((context) -> {
					assertThat(context).hasFailed();
					assertThat(context.getStartupFailure()).hasStackTraceContaining("Could not connect to room 'r'")
						.hasStackTraceContaining("startup-failure is 'fail'");
				});
	}

	@Test
	void tokenIsMintedFromASecretForSelfHostedServers() throws InvalidTokenException {
		this.runner.withPropertyValues("queues.room.url=ws://127.0.0.1:1", "queues.room.name=r",
				"queues.room.secret=s3", "queues.room.participant-name=p").run((context) -> {
					String jwt = context.getBean(RoomConnectionDetails.class).getToken();
					assertThat(ParticipantToken.verify(jwt, "s3", Clock.systemUTC()).name()).isEqualTo("p");
				});
	}

	private static Throwable rootCause(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

	private static String[] serverProperties(String... more) {
		RoomServer server = extension.server();
		String[] base = { "queues.room.url=" + server.url(), "queues.room.name=runner-room",
				"queues.room.secret=" + SECRET };
		String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
		System.arraycopy(more, 0, all, base.length, more.length);
		return all;
	}

	@Configuration(proxyBeanMethods = false)
	static class UserClientConfiguration {

		@Bean(destroyMethod = "close")
		RoomClient userRoomClient() {
			RoomServer server = extension.server();
			return RoomClient.builder().url(server.url()).room("user").token(server.token("u", "user")).build();
		}

	}

}
