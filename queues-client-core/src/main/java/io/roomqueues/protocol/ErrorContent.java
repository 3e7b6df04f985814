package io.roomqueues.protocol;

import org.jspecify.annotations.Nullable;

/**
 * The {@code error} content: the request failed, with a text and an optional numeric code from {@link ErrorCodes}.
 *
 * @param text what went wrong
 * @param code the error code, or {@code null} when the sender gave none
 */
public record ErrorContent(String text, @Nullable Integer code) implements Content {

	@Override
	public String type() {
		return "error";
	}

}
