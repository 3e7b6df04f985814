package io.roomqueues.protocol;

/**
 * The {@code text} content: a string under the {@code text} key.
 *
 * @param text the text
 */
public record TextContent(String text) implements Content {

	@Override
	public String type() {
		return "text";
	}

}
