package io.roomqueues.token;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Minting and verifying participant tokens. */
class ParticipantTokenTests {

	private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

	private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

	@Test
	void tokenSignedWithAShortSecretVerifiesWithItsClaims() throws InvalidTokenException {
		ParticipantToken token = ParticipantToken.builder("worker-1")
			.room("orders")
			.role("agent")
			.queues(new QueuesGrant(List.of("in"), null, false))
			.expiresAt(NOW.plusSeconds(60))
			.build();

		ParticipantToken verified = ParticipantToken.verify(token.toJwt("dev-secret"), "dev-secret", CLOCK);

		assertThat(verified).isEqualTo(token);
		assertThat(verified.queues().canSend("in")).isTrue();
		assertThat(verified.queues().canSend("out")).isFalse();
		assertThat(verified.queues().canReceive("anything")).isTrue();
	}

	@Test
	void aReceiveListAloneLimitsReceivingOnlyAfterTheRoundTrip() throws InvalidTokenException {
		ParticipantToken token = ParticipantToken.builder("consumer").queues(new QueuesGrant(null, List.of("in"), true)).build();

		QueuesGrant grant = ParticipantToken.verify(token.toJwt("s"), "s", CLOCK).queues();

		assertThat(grant).isEqualTo(new QueuesGrant(null, List.of("in"), true));
		assertThat(grant.canReceive("in")).isTrue();
		assertThat(grant.canReceive("out")).isFalse();
		assertThat(grant.canSend("out")).isTrue();
	}

	@Test
	void tokensCarryTheHeaderMeshAgentsSdksWrite() {
		String jwt = ParticipantToken.builder("a").build().toJwt("s");

		String header = new String(Base64.getUrlDecoder().decode(jwt.substring(0, jwt.indexOf('.'))), StandardCharsets.UTF_8);

		assertThat(header).isEqualTo("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
	}

	@Test
	void tokenNotValidYetIsRejectedAsSuch() {
		String jwt = hs256("{\"name\":\"a\",\"nbf\":" + NOW.plusSeconds(60).getEpochSecond() + "}", "s");

		assertThatExceptionOfType(InvalidTokenException.class)
			.isThrownBy(() -> ParticipantToken.verify(jwt, "s", CLOCK))
			.withMessage("token is not valid yet");
	}

	@Test
	void apiScopeOfAnotherShapeGrantsNoQueues() throws InvalidTokenException {
		for (String scope : new String[] { "42", "{\"queues\":true}", "{\"messaging\":{}}" }) {
			String jwt = hs256("{\"name\":\"a\",\"grants\":[{\"name\":\"api\",\"scope\":" + scope + "}]}", "s");

			assertThat(ParticipantToken.verify(jwt, "s", CLOCK).queues()).as("scope %s", scope).isNull();
		}
	}

	@Test
	void queuesGrantsOfTheWrongShapeAreRejectedClearly() {
		String notJson = hs256("{\"name\":\"a\",\"grants\":[{\"name\":\"api\",\"scope\":\"{nope\"}]}", "s");
		String notAList = hs256("{\"name\":\"a\",\"grants\":[{\"name\":\"api\",\"scope\":{\"queues\":{\"send\":\"q\"}}}]}",
				"s");

		assertThatExceptionOfType(InvalidTokenException.class)
			.isThrownBy(() -> ParticipantToken.verify(notJson, "s", CLOCK))
			.withMessage("token 'api' grant scope is not JSON");
		assertThatExceptionOfType(InvalidTokenException.class)
			.isThrownBy(() -> ParticipantToken.verify(notAList, "s", CLOCK))
			.withMessage("token queues grant 'send' must be a list of queue names");
	}

	@Test
	void builtTokensExpireInAnHourUnlessToldOtherwise() {
		Instant before = Instant.now();

		ParticipantToken token = ParticipantToken.builder("a").build();

		assertThat(token.expiresAt()).isBetween(before.plus(Duration.ofHours(1)).minusSeconds(1),
				Instant.now().plus(Duration.ofHours(1)));
		assertThat(ParticipantToken.builder("a").timeToLive(Duration.ofMinutes(5)).build().expiresAt())
			.isBefore(Instant.now().plus(Duration.ofMinutes(6)));
		assertThat(ParticipantToken.builder("a").noExpiry().build().expiresAt()).isNull();
	}

	@Test
	void tokenWithAnotherSecretIsRejected() {
		String jwt = ParticipantToken.builder("a").build().toJwt("one");

		assertThatExceptionOfType(InvalidTokenException.class)
			.isThrownBy(() -> ParticipantToken.verify(jwt, "two", CLOCK))
			.withMessage("token signature does not match the server secret");
	}

	@Test
	void expiredTokenIsRejected() {
		String jwt = ParticipantToken.builder("a").expiresAt(NOW.minusSeconds(1)).build().toJwt("s");

		assertThatExceptionOfType(InvalidTokenException.class)
			.isThrownBy(() -> ParticipantToken.verify(jwt, "s", CLOCK))
			.withMessage("token has expired");
	}

	@Test
	void garbageIsRejectedWithoutEchoingIt() {
		assertThatExceptionOfType(InvalidTokenException.class)
			.isThrownBy(() -> ParticipantToken.verify("not.a.jwt", "s", CLOCK))
			.withMessage("token is not a valid HS256 JWT");
	}

	@Test
	void tokenWithoutNameIsRejected() {
		String jwt = hs256("{\"grants\":[]}", "s");

		assertThatExceptionOfType(InvalidTokenException.class)
			.isThrownBy(() -> ParticipantToken.verify(jwt, "s", CLOCK))
			.withMessage("token has no 'name' claim");
	}

	@Test
	void tokenWithUnsignedAlgorithmIsRejected() {
		String header = b64("{\"alg\":\"none\"}");
		String jwt = header + "." + b64("{\"name\":\"a\"}") + ".";

		assertThatExceptionOfType(InvalidTokenException.class)
			.isThrownBy(() -> ParticipantToken.verify(jwt, "s", CLOCK));
	}

	@Test
	void tokenMintedLikeMeshAgentsJavaScriptSdkIsRead() throws InvalidTokenException {
		String jwt = hs256("{\"name\":\"js\",\"grants\":[{\"name\":\"room\",\"scope\":\"r1\"},"
				+ "{\"name\":\"api\",\"scope\":{\"queues\":{}}}],\"version\":\"0.36.3\"}", "dev-secret");

		ParticipantToken token = ParticipantToken.verify(jwt, "dev-secret", CLOCK);

		assertThat(token.name()).isEqualTo("js");
		assertThat(token.room()).isEqualTo("r1");
		assertThat(token.queues()).isEqualTo(QueuesGrant.ALL);
	}

	@Test
	void apiScopeWrittenAsAJsonStringIsRead() throws InvalidTokenException {
		String jwt = hs256("{\"name\":\"py\",\"grants\":[{\"name\":\"api\",\"scope\":"
				+ "\"{\\\"queues\\\":{\\\"receive\\\":[\\\"q\\\"]}}\"}]}", "s");

		assertThat(ParticipantToken.verify(jwt, "s", CLOCK).queues()).isEqualTo(new QueuesGrant(null, List.of("q"), true));
	}

	@Test
	void tokenWithoutApiGrantHasNoQueuesGrant() throws InvalidTokenException {
		String jwt = ParticipantToken.builder("a").queues(null).build().toJwt("s");

		assertThat(ParticipantToken.verify(jwt, "s", CLOCK).queues()).isNull();
	}

	@Test
	void apiKeyRoundTripsAndSignsWithItsSecretKeyIdAndProject() throws InvalidTokenException {
		ApiKey key = new ApiKey(UUID.randomUUID().toString(), UUID.randomUUID().toString(), "s3cret");

		ApiKey parsed = ApiKey.parse(key.encode());
		ParticipantToken token = ParticipantToken.verify(ParticipantToken.builder("a").build().toJwt(parsed), "s3cret",
				CLOCK);

		assertThat(parsed).isEqualTo(key);
		assertThat(token.apiKeyId()).isEqualTo(key.id());
		assertThat(token.projectId()).isEqualTo(key.projectId());
		assertThat(key).hasToString("ApiKey[id=" + key.id() + ", projectId=" + key.projectId() + ", secret=<hidden>]");
	}

	@Test
	void malformedApiKeyIsRejectedClearly() {
		assertThatIllegalArgumentException().isThrownBy(() -> ApiKey.parse("sk-123"))
			.withMessageContaining("must start with 'ma-'");
		assertThatIllegalArgumentException().isThrownBy(() -> ApiKey.parse("ma-abc"))
			.withMessageContaining("ma-<key id>-<project id>-<secret>");
	}

	static String hs256(String claims, String secret) {
		try {
			String signingInput = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + b64(claims);
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return signingInput + "."
					+ Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.UTF_8)));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String b64(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

}
