package io.roomqueues.protocol;

import org.jspecify.annotations.Nullable;

/**
 * The {@code control} content: {@code open} announces a streamed reply, {@code close} ends one. Queues never use it.
 *
 * @param method {@code open} or {@code close}
 * @param statusCode the optional {@code status_code}
 * @param message the optional message
 */
public record ControlContent(String method, @Nullable Integer statusCode, @Nullable String message)
		implements Content {

	@Override
	public String type() {
		return "control";
	}

}
