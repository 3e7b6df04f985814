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

	static String describe(Throwable failure) {
		if (failure instanceof MethodArgumentNotValidException invalid && invalid.getBindingResult() != null) {
			BindingResult result = invalid.getBindingResult();
			return "validation failed: " + result.getAllErrors().stream().map((error) -> (error instanceof FieldError field)
					? field.getField() + " " + field.getDefaultMessage() + " (was " + field.getRejectedValue() + ")"
					: error.getDefaultMessage()).collect(Collectors.joining("; "));
		}
		return String.valueOf(failure.getMessage());
	}

}
