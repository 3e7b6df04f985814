package io.roomqueues.autoconfigure;

import java.nio.file.Path;
import java.util.Map;

import io.roomqueues.client.ConnectionState;
import io.roomqueues.client.QueuesClient;
import io.roomqueues.client.RoomClient;
import io.roomqueues.server.QueueInfo;
import io.roomqueues.server.RoomServer;
import io.roomqueues.server.junit.SelfSignedCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code queues.room.ssl.bundle}: the room client trusts a {@code wss:} server through a Spring Boot SSL bundle. */
class RoomClientSslBundleTests {

	private static final String SECRET = "ssl-bundle-secret-of-at-least-32-bytes";

	@TempDir
	static Path directory;

	static RoomServer server;

	static Path certificate;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, RoomClientAutoConfiguration.class));

	@BeforeAll
	static void startWssServer() {
		SelfSignedCertificate selfSigned = SelfSignedCertificate.create(directory);
		certificate = selfSigned.writeCertificatePem(directory.resolve("server.pem"));
		server = RoomServer.builder().secret(SECRET).tls(selfSigned.keyStore(), selfSigned.password()).build().start();
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@Test
	void theClientTrustsTheServerThroughTheNamedBundle() {
		this.runner.withPropertyValues(properties("spring.ssl.bundle.pem.room.truststore.certificate=file:" + certificate,
				"queues.room.ssl.bundle=room")).run((context) -> {
					RoomClient client = context.getBean(RoomClient.class);
					await().untilAsserted(() -> assertThat(client.state()).isEqualTo(ConnectionState.CONNECTED));

					context.getBean(QueuesClient.class).send("secure", Map.of("over", "wss")).join();

					assertThat(server.queues("bundle-room")).containsExactly(new QueueInfo("secure", 1));
				});
	}

	@Test
	void withoutTheBundleTheServerIsNotTrusted() {
		this.runner.withPropertyValues(properties("queues.room.reconnect.initial-delay=50ms")).run((context) -> {
			RoomClient client = context.getBean(RoomClient.class);
			await().untilAsserted(() -> assertThat(client.lastError()).isNotNull());

			assertThat(client.state()).isNotEqualTo(ConnectionState.CONNECTED);
		});
	}

	@Test
	void aBundleWithoutSslAutoConfigurationIsReportedClearly() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(RoomClientAutoConfiguration.class))
			.withPropertyValues(properties("queues.room.ssl.bundle=room"))
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("queues.room.ssl.bundle is 'room' but the application has no SslBundles bean"));
	}

	private static String[] properties(String... more) {
		String[] base = { "queues.room.url=" + server.url(), "queues.room.name=bundle-room",
				"queues.room.secret=" + SECRET };
		String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
		System.arraycopy(more, 0, all, base.length, more.length);
		return all;
	}

}
