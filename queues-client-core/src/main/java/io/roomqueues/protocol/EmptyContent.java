package io.roomqueues.protocol;

/**
 * The {@code empty} content: a request succeeded with nothing to return.
 */
public record EmptyContent() implements Content {

	/** The one instance worth having. */
	public static final EmptyContent INSTANCE = new EmptyContent();

	@Override
	public String type() {
		return "empty";
	}

}
