package io.roomqueues.server;

import java.nio.charset.StandardCharsets;
import java.time.Clock;

import io.roomqueues.token.InvalidTokenException;
import io.roomqueues.token.ParticipantToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies participant tokens against the server secret and the server's token policy.
 */
final class TokenCheck {

	private static final Logger logger = LoggerFactory.getLogger(TokenCheck.class);

	/** HS256 keys shorter than its 256-bit hash are weaker than the algorithm (RFC 7518, section 3.2). */
	static final int RECOMMENDED_SECRET_BYTES = 32;

	private final String secret;

	private final Clock clock;

	private final boolean requireExpiry;

	TokenCheck(String secret, Clock clock, boolean requireExpiry) {
		this.secret = secret;
		this.clock = clock;
		this.requireExpiry = requireExpiry;
	}

	boolean requiresExpiry() {
		return this.requireExpiry;
	}

	/** Logs a warning when the secret is shorter than HS256 wants; the secret itself is never logged. */
	void warnIfWeak() {
		int length = this.secret.getBytes(StandardCharsets.UTF_8).length;
		if (length < RECOMMENDED_SECRET_BYTES) {
			logger.warn("The room server secret is {} bytes long; HS256 wants at least {} random bytes, so tokens "
					+ "signed with it can be forged more easily than they should", length, RECOMMENDED_SECRET_BYTES);
		}
	}

	/**
	 * Verifies a token.
	 * @throws InvalidTokenException if the signature, the algorithm, the expiry or the claims are not acceptable
	 */
	ParticipantToken verify(String jwt) throws InvalidTokenException {
		ParticipantToken token = ParticipantToken.verify(jwt, this.secret, this.clock);
		if (this.requireExpiry && token.expiresAt() == null) {
			throw new InvalidTokenException("token has no expiry ('exp' claim) and this server requires one");
		}
		return token;
	}

}
