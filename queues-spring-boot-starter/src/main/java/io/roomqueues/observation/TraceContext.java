package io.roomqueues.observation;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Where a message carries its trace context: W3C fields such as {@code traceparent} under the reserved key
 * {@value #KEY}, which listeners remove before the payload is converted.
 */
public final class TraceContext {

	/** The reserved message key holding propagation fields. */
	public static final String KEY = "__trace__";

	private TraceContext() {
	}

	static void write(ObjectNode message, String field, String value) {
		JsonNode existing = message.get(KEY);
		ObjectNode fields = (existing instanceof ObjectNode object) ? object : message.putObject(KEY);
		fields.put(field, value);
	}

	static @Nullable String read(@Nullable ObjectNode fields, String field) {
		JsonNode value = (fields != null) ? fields.get(field) : null;
		return (value != null && value.isString()) ? value.stringValue() : null;
	}

	/**
	 * Removes the trace fields from a received message.
	 * @param message the message
	 * @return the trace fields, or {@code null} when it had none
	 */
	public static @Nullable ObjectNode strip(ObjectNode message) {
		JsonNode removed = message.remove(KEY);
		return (removed instanceof ObjectNode object) ? object : null;
	}

}
