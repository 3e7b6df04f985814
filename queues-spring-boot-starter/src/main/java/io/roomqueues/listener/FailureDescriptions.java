package io.roomqueues.listener;

import java.util.stream.Collectors;

import org.springframework.messaging.handler.annotation.support.MethodArgumentNotValidException;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;

/**
 * Says in one line why a message failed: for a validation failure, which fields and why, instead of Spring's long
 * method description.
 */
final class FailureDescriptions {

	private FailureDescriptions() {
	}

	/** The description for a dead letter: rejected values included. */
	static String describe(Throwable failure) {
		return describe(failure, true);
	}

	/**
	 * The description of a failure.
	 * @param values whether to show the rejected values of a validation failure, which are parts of the message body
	 */
	static String describe(Throwable failure, boolean values) {
		if (failure instanceof MethodArgumentNotValidException invalid && invalid.getBindingResult() != null) {
			BindingResult result = invalid.getBindingResult();
			return "validation failed: " + result.getAllErrors().stream().map((error) -> (error instanceof FieldError field)
					? field.getField() + " " + field.getDefaultMessage()
							+ (values ? " (was " + field.getRejectedValue() + ")" : "")
					: error.getDefaultMessage()).collect(Collectors.joining("; "));
		}
		return String.valueOf(failure.getMessage());
	}

}
