package io.roomqueues.client;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What a request is, for error messages such as {@code queues.receive on 'jobs'}: the few header fields it needs are
 * taken when the request is sent, the text is made only if an error needs it.
 */
final class RequestDescription {

	private final String type;

	private final @Nullable String toolkit;

	private final @Nullable String tool;

	private final @Nullable String queue;

	private RequestDescription(String type, @Nullable String toolkit, @Nullable String tool, @Nullable String queue) {
		this.type = type;
		this.toolkit = toolkit;
		this.tool = tool;
		this.queue = queue;
	}

	static RequestDescription of(String type, JsonNode header) {
		JsonNode tool = header.get("tool");
		if (tool == null || !tool.isString()) {
			return new RequestDescription(type, null, null, null);
		}
		JsonNode queue = header.path("arguments").path("json").path("name");
		return new RequestDescription(type, header.path("toolkit").asString(""), tool.stringValue(),
				queue.isString() ? queue.stringValue() : null);
	}

	@Override
	public String toString() {
		if (this.tool == null) {
			return this.type;
		}
		return this.toolkit + "." + this.tool + ((this.queue != null) ? " on '" + this.queue + "'" : "");
	}

}
