package io.roomqueues.token;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;
import org.jspecify.annotations.Nullable;

/**
 * A MeshAgent participant token (protocol.md section 2.4): mints the HS256 JWT a client presents, and verifies one
 * on the server side.
 *
 * @param name the participant name (claim {@code name})
 * @param room the room the token is for ({@code room} grant), or {@code null} for any room
 * @param role the participant role ({@code role} grant), or {@code null}
 * @param queues the {@code api.queues} grant, or {@code null} when the token grants no queue access
 * @param projectId the project id (claim {@code sub}), or {@code null}
 * @param apiKeyId the API key id (claim {@code kid}), or {@code null}
 * @param expiresAt the expiry (claim {@code exp}), or {@code null} for none
 */
public record ParticipantToken(String name, @Nullable String room, @Nullable String role,
		@Nullable QueuesGrant queues, @Nullable String projectId, @Nullable String apiKeyId,
		@Nullable Instant expiresAt) {

	public ParticipantToken {
		Objects.requireNonNull(name, "name must not be null");
		if (name.isBlank()) {
			throw new IllegalArgumentException("participant name must not be blank");
		}
	}

	/** Starts a token for the named participant, with access to every queue. */
	public static Builder builder(String name) {
		return new Builder(name);
	}

	/** Signs the token with a shared secret. */
	public String toJwt(String secret) {
		return sign(claims(), secret);
	}

	/** Signs the token with a MeshAgent API key, adding its key id ({@code kid}) and project ({@code sub}). */
	public String toJwt(ApiKey apiKey) {
		return new ParticipantToken(this.name, this.room, this.role, this.queues, apiKey.projectId(), apiKey.id(),
				this.expiresAt)
			.toJwt(apiKey.secret());
	}

	/**
	 * Verifies an HS256 token and reads its claims.
	 * @param jwt the compact JWT
	 * @param secret the shared secret it must be signed with
	 * @param clock the clock to check {@code exp} against
	 * @return the token's content
	 * @throws InvalidTokenException if the signature, the expiry or the claims are not acceptable
	 */
	public static ParticipantToken verify(String jwt, String secret, Clock clock) throws InvalidTokenException {
		JwtConsumer consumer = new JwtConsumerBuilder().setVerificationKey(hmacKey(secret))
			.setRelaxVerificationKeyValidation()
			.setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.HMAC_SHA256)
			.setEvaluationTime(NumericDate.fromMilliseconds(clock.millis()))
			.setAllowedClockSkewInSeconds(0)
			.setSkipDefaultAudienceValidation()
			.build();
		try {
			return fromClaims(consumer.processToClaims(jwt));
		}
		catch (InvalidJwtException ex) {
			throw new InvalidTokenException(describe(ex), ex);
		}
		catch (MalformedClaimException | ClassCastException ex) {
			throw new InvalidTokenException("token claims are malformed: " + ex.getMessage(), ex);
		}
	}

	private JwtClaims claims() {
		JwtClaims claims = new JwtClaims();
		claims.setClaim("name", this.name);
		claims.setClaim("grants", grants());
		if (this.projectId != null) {
			claims.setSubject(this.projectId);
		}
		if (this.apiKeyId != null) {
			claims.setClaim("kid", this.apiKeyId);
		}
		if (this.expiresAt != null) {
			claims.setExpirationTime(NumericDate.fromSeconds(this.expiresAt.getEpochSecond()));
		}
		return claims;
	}

	private List<Map<String, Object>> grants() {
		List<Map<String, Object>> grants = new ArrayList<>();
		if (this.room != null) {
			grants.add(grant("room", this.room));
		}
		if (this.role != null) {
			grants.add(grant("role", this.role));
		}
		if (this.queues != null) {
			Map<String, Object> queuesScope = new LinkedHashMap<>();
			if (this.queues.send() != null) {
				queuesScope.put("send", this.queues.send());
			}
			if (this.queues.receive() != null) {
				queuesScope.put("receive", this.queues.receive());
			}
			if (!this.queues.list()) {
				queuesScope.put("list", false);
			}
			grants.add(grant("api", Map.of("queues", queuesScope)));
		}
		return grants;
	}

	private static Map<String, Object> grant(String name, Object scope) {
		Map<String, Object> grant = new LinkedHashMap<>();
		grant.put("name", name);
		grant.put("scope", scope);
		return grant;
	}

	private static String sign(JwtClaims claims, String secret) {
		JsonWebSignature jws = new JsonWebSignature();
		jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
		jws.setHeader("typ", "JWT");
		jws.setPayload(claims.toJson());
		jws.setKey(hmacKey(secret));
		jws.setDoKeyValidation(false);
		try {
			return jws.getCompactSerialization();
		}
		catch (JoseException ex) {
			throw new IllegalStateException("could not sign participant token", ex);
		}
	}

	private static HmacKey hmacKey(String secret) {
		if (secret.isEmpty()) {
			throw new IllegalArgumentException("token secret must not be empty");
		}
		return new HmacKey(secret.getBytes(StandardCharsets.UTF_8));
	}

	private static ParticipantToken fromClaims(JwtClaims claims) throws MalformedClaimException, InvalidTokenException {
		String name = claims.getStringClaimValue("name");
		if (name == null || name.isBlank()) {
			throw new InvalidTokenException("token has no 'name' claim");
		}
		String room = null;
		String role = null;
		QueuesGrant queues = null;
		Object grants = claims.getClaimValue("grants");
		if (grants instanceof List<?> list) {
			for (Object entry : list) {
				if (entry instanceof Map<?, ?> grant) {
					Object scope = grant.get("scope");
					switch (String.valueOf(grant.get("name"))) {
						case "room" -> room = (scope != null) ? scope.toString() : null;
						case "role" -> role = (scope != null) ? scope.toString() : null;
						case "api" -> queues = TokenGrants.queuesGrant(scope);
						default -> {
						}
					}
				}
			}
		}
		Instant expiresAt = (claims.getExpirationTime() != null)
				? Instant.ofEpochSecond(claims.getExpirationTime().getValue()) : null;
		return new ParticipantToken(name, room, role, queues, claims.getSubject(),
				claims.getStringClaimValue("kid"), expiresAt);
	}

	private static String describe(InvalidJwtException ex) {
		if (ex.hasExpired()) {
			return "token has expired";
		}
		if (ex.hasErrorCode(org.jose4j.jwt.consumer.ErrorCodes.SIGNATURE_INVALID)) {
			return "token signature does not match the server secret";
		}
		if (ex.hasErrorCode(org.jose4j.jwt.consumer.ErrorCodes.NOT_YET_VALID)) {
			return "token is not valid yet";
		}
		return "token is not a valid HS256 JWT";
	}

	/** Builds a {@link ParticipantToken}; it expires an hour after the builder was made unless told otherwise. */
	public static final class Builder {

		/** How long a token lives unless told otherwise. */
		public static final Duration DEFAULT_TIME_TO_LIVE = Duration.ofHours(1);

		private final String name;

		private @Nullable String room;

		private @Nullable String role;

		private @Nullable QueuesGrant queues = QueuesGrant.ALL;

		private @Nullable Instant expiresAt = Instant.now().plus(DEFAULT_TIME_TO_LIVE);

		private Builder(String name) {
			this.name = name;
		}

		/** Limits the token to one room. */
		public Builder room(String room) {
			this.room = room;
			return this;
		}

		/** Sets the participant role, such as {@code agent} or {@code user}. */
		public Builder role(String role) {
			this.role = role;
			return this;
		}

		/** Sets the queues grant; {@code null} leaves the {@code api} grant out. */
		public Builder queues(@Nullable QueuesGrant queues) {
			this.queues = queues;
			return this;
		}

		/** Sets the expiry. */
		public Builder expiresAt(Instant expiresAt) {
			this.expiresAt = expiresAt;
			return this;
		}

		/** Sets the expiry to a time from now. */
		public Builder timeToLive(Duration timeToLive) {
			this.expiresAt = Instant.now().plus(timeToLive);
			return this;
		}

		/** Leaves the expiry out: the token is valid until the signing secret changes. */
		public Builder noExpiry() {
			this.expiresAt = null;
			return this;
		}

		public ParticipantToken build() {
			return new ParticipantToken(this.name, this.room, this.role, this.queues, null, null, this.expiresAt);
		}

	}

}
