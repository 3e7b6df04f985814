package io.roomqueues.protocol;

import tools.jackson.databind.JsonNode;

/**
 * The {@code json} content: any JSON value under the {@code json} key.
 *
 * @param json the value
 */
public record JsonContent(JsonNode json) implements Content {

	@Override
	public String type() {
		return "json";
	}

}
