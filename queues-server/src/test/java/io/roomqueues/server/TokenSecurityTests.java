package io.roomqueues.server;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.roomqueues.server.junit.RoomServerExtension;
import io.roomqueues.token.ParticipantToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every token failure is answered 403 with its reason and logged without the token; the server's own token policy
 * (expiry required, secret length) is applied and warned about.
 */
class TokenSecurityTests {

	@RegisterExtension
	static final RoomServerExtension extension = RoomServerExtension.create();

	@Test
	void everyBadTokenIsRefusedWith403AndLoggedWithoutTheToken() {
		String secret = extension.secret();
		Map<String, String> tokens = new LinkedHashMap<>();
		tokens.put("token signature does not match the server secret",
				ParticipantToken.builder("mallory").room("r").build().toJwt("not-the-server-secret"));
		tokens.put("token is not a valid HS256 JWT", unsigned("{\"name\":\"mallory\",\"grants\":[]}"));
		tokens.put("token has expired", ParticipantToken.builder("late").room("r")
			.expiresAt(Instant.now().minusSeconds(5)).build().toJwt(secret));
		tokens.put("token is for room 'other', not 'r'", extension.server().token("lost", "other"));
		tokens.put("token has no 'name' claim", signed("{\"grants\":[{\"name\":\"room\",\"scope\":\"r\"}]}", secret));

		try (LogCapture log = new LogCapture()) {
			tokens.forEach((reason, jwt) -> assertThat(refusal(jwt)).isEqualTo("403:" + reason));

			assertThat(log.text()).contains(tokens.keySet());
			assertThat(log.text().lines().filter((line) -> line.contains("Refused a connection to room 'r'")))
				.hasSize(tokens.size());
			for (String jwt : tokens.values()) {
				for (String part : jwt.split("\\.")) {
					assertThat(log.text()).doesNotContain(part);
				}
			}
		}
	}

	@Test
	void aServerThatRequiresAnExpiryRefusesTokensWithoutOne() {
		try (RoomServer server = RoomServer.builder().secret(extension.secret()).requireExpiry(true).build().start()) {
			String forever = ParticipantToken.builder("forever").room("r").noExpiry().build().toJwt(extension.secret());

			assertThat(RawSocket.refusal(server.port(), "/rooms/r?token=" + forever))
				.isEqualTo("403:token has no expiry ('exp' claim) and this server requires one");
			try (TestConnection expiring = TestConnection.open(server, "r", "expiring")) {
				assertThat(expiring.pushes).isNotEmpty();
			}
		}
	}

	@Test
	void aSecretShorterThan32BytesIsWarnedAboutAtStartWithoutShowingIt() {
		try (LogCapture log = new LogCapture()) {
			try (RoomServer weak = RoomServer.builder().secret("weak-secret").build().start()) {
				assertThat(weak.isRunning()).isTrue();
				assertThat(log.text()).contains("The room server secret is 11 bytes long; HS256 wants at least 32")
					.doesNotContain("weak-secret");
			}
			try (RoomServer strong = RoomServer.builder().secret("s".repeat(32)).build().start()) {
				assertThat(strong.isRunning()).isTrue();
				assertThat(log.text().lines().filter((line) -> line.contains("secret is"))).hasSize(1);
			}
		}
	}

	private static String refusal(String jwt) {
		return RawSocket.refusal(extension.server().port(), "/rooms/r?token=" + jwt);
	}

	/** A JWT with {@code alg: none} and no signature. */
	private static String unsigned(String claims) {
		return base64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + base64(claims) + ".";
	}

	/** An HS256 JWT with exactly the given claims. */
	private static String signed(String claims, String secret) {
		String content = base64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + base64(claims);
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return content + "."
					+ Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String base64(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

}
