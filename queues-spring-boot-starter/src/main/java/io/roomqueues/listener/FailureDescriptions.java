package io.roomqueues.listener;

import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.handler.annotation.support.MethodArgumentNotValidException;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import tools.jackson.core.JacksonException;

/**
 * Says in one line why a message failed: for a validation failure, which fields and why, instead of Spring's long
 * method description.
 */
final class FailureDescriptions {

	/** How the description of a conversion failure without values starts. */
	static final String CONVERSION = "the message does not convert to the listener's parameter";

	private FailureDescriptions() {
	}

	/** The description for a dead letter: rejected values included. */
	static String describe(Throwable failure) {
		return describe(failure, true);
	}

	/**
	 * The description of a failure.
	 * @param values whether to show values from the message body: the rejected values of a validation failure, and the
	 * text of a conversion failure, which quotes the value that did not convert
	 */
	static String describe(Throwable failure, boolean values) {
		JacksonException conversion = conversionFailure(failure);
		if (conversion != null && !values) {
			return CONVERSION + ": " + conversion.getClass().getSimpleName()
					+ " at " + conversion.getPathReference();
		}
		if (failure instanceof MethodArgumentNotValidException invalid && invalid.getBindingResult() != null) {
			BindingResult result = invalid.getBindingResult();
			return "validation failed: " + result.getAllErrors().stream().map((error) -> (error instanceof FieldError field)
					? field.getField() + " " + field.getDefaultMessage()
							+ (values ? " (was " + field.getRejectedValue() + ")" : "")
					: error.getDefaultMessage()).collect(Collectors.joining("; "));
		}
		return String.valueOf(failure.getMessage());
	}

	private static @Nullable JacksonException conversionFailure(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof JacksonException jackson) {
				return jackson;
			}
		}
		return null;
	}

}
