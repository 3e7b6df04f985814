package io.roomqueues.protocol;

/**
 * The numeric error codes of MeshAgent's {@code error_codes.py}.
 */
public final class ErrorCodes {

	public static final int PERMISSION_DENIED = 1001;

	public static final int INVALID_REQUEST = 1002;

	public static final int NOT_FOUND = 1003;

	public static final int ALREADY_EXISTS = 1004;

	public static final int CONFLICT = 1005;

	public static final int INVALID_STATE = 1006;

	public static final int DEPENDENCY_MISSING = 1007;

	public static final int OPERATION_FAILED = 1008;

	public static final int TIMEOUT = 1009;

	/** Raised on the client side for a response of a kind the call did not expect. */
	public static final int UNEXPECTED_RESPONSE_TYPE = 1100;

	public static final int QUEUE_NOT_FOUND = 5001;

	public static final int QUEUE_ALREADY_EXISTS = 5002;

	private ErrorCodes() {
	}

}
