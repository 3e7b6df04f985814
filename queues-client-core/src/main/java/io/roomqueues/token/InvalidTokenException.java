package io.roomqueues.token;

/**
 * Signals a participant token that cannot be trusted: bad signature, expired, malformed or missing a required claim.
 * The message never contains the token.
 */
public class InvalidTokenException extends Exception {

	private static final long serialVersionUID = 1L;

	public InvalidTokenException(String message) {
		super(message);
	}

	public InvalidTokenException(String message, Throwable cause) {
		super(message, cause);
	}

}
