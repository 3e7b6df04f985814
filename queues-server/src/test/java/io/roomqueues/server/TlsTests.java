package io.roomqueues.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletionException;

import javax.net.ssl.SSLHandshakeException;

import io.roomqueues.protocol.EmptyContent;
import io.roomqueues.protocol.JsonContent;
import io.roomqueues.server.junit.SelfSignedCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** {@code wss:} end to end with a certificate generated for the test, from a key store or from PEM files. */
class TlsTests {

	private static final String SECRET = "tls-secret-of-at-least-thirty-two-bytes";

	@TempDir
	static Path directory;

	static SelfSignedCertificate certificate;

	@BeforeAll
	static void trustTheTestCertificate() {
		certificate = SelfSignedCertificate.create(directory);
		TestConnection.tlsClient = HttpClient.newBuilder().sslContext(certificate.sslContext()).build();
	}

	@AfterAll
	static void trustNothingSpecial() {
		TestConnection.tlsClient = HttpClient.newHttpClient();
	}

	@Test
	void aServerWithAKeyStoreSpeaksWssOnly() {
		try (RoomServer server = RoomServer.builder()
			.secret(SECRET)
			.tls(certificate.keyStore(), certificate.password())
			.build()
			.start()) {
			assertThat(server.url()).isEqualTo("wss://127.0.0.1:" + server.port());

			assertRoundTrip(server);
			assertThatExceptionOfType(CompletionException.class)
				.isThrownBy(() -> HttpClient.newHttpClient()
					.newWebSocketBuilder()
					.buildAsync(URI.create(server.roomUrl("r") + "?token=" + server.token("c", "r")),
							new java.net.http.WebSocket.Listener() {
							})
					.join())
				.withStackTraceContaining(SSLHandshakeException.class.getName());
		}
	}

	@Test
	void aServerWithPemFilesSpeaksWss() {
		Path chain = certificate.writeCertificatePem(directory.resolve("chain.pem"));
		Path key = certificate.writePrivateKeyPem(directory.resolve("key.pem"));
		try (RoomServer server = RoomServer.builder().secret(SECRET).tlsPem(chain, key).build().start()) {
			assertThat(server.url()).startsWith("wss://");

			assertRoundTrip(server);
		}
	}

	@Test
	void theJarTakesTheTlsOptions() {
		RoomServer server = RoomServerMain.parse(new String[] { "--secret", SECRET, "--tls-keystore",
				certificate.keyStore().toString(), "--tls-keystore-password", certificate.password() })
			.build();
		try (server) {
			server.start();

			assertRoundTrip(server);
		}
	}

	private static void assertRoundTrip(RoomServer server) {
		try (TestConnection client = TestConnection.open(server, "secure", "c")) {
			assertThat(client.invoke("send", client.args("name", "q", "message", Map.of("over", "tls"))).join())
				.isEqualTo(EmptyContent.INSTANCE);
			assertThat(client.invoke("receive", client.args("name", "q", "wait", false)).join())
				.isInstanceOfSatisfying(JsonContent.class,
						(message) -> assertThat(message.json().get("over").stringValue()).isEqualTo("tls"));
		}
	}

}
