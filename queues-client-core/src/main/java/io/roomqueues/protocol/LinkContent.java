package io.roomqueues.protocol;

/**
 * The {@code link} content: a named URL.
 *
 * @param name the link name
 * @param url the URL
 */
public record LinkContent(String name, String url) implements Content {

	@Override
	public String type() {
		return "link";
	}

}
