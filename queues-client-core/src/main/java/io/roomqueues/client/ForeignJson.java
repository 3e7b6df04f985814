package io.roomqueues.client;

import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a value into a Jackson 3 tree. JSON trees of other libraries (Jackson 2, Gson, org.json, Jakarta and javax
 * JSON-P) are read from the JSON they print, since Jackson 3 would otherwise write them as beans, such as a
 * Jackson 2 {@code ObjectNode} as {@code {"array":false,...}}.
 */
final class ForeignJson {

	private static final Set<String> TREE_TYPES = Set.of("com.fasterxml.jackson.core.TreeNode",
			"com.google.gson.JsonElement", "org.json.JSONObject", "jakarta.json.JsonValue", "javax.json.JsonValue");

	private static final ClassValue<Boolean> FOREIGN = new ClassValue<>() {
		@Override
		protected Boolean computeValue(Class<?> type) {
			return isForeignTree(type);
		}
	};

	private final JsonMapper jsonMapper;

	ForeignJson(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	/**
	 * @throws IllegalArgumentException if the value cannot be written as JSON
	 */
	JsonNode toTree(Object value) {
		try {
			if (value instanceof JsonNode node) {
				return node;
			}
			if (FOREIGN.get(value.getClass())) {
				return this.jsonMapper.readTree(value.toString());
			}
			return this.jsonMapper.valueToTree(value);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("message of type " + value.getClass().getName()
					+ " cannot be written as JSON: " + ex.getOriginalMessage(), ex);
		}
	}

	/** Whether the value is a JSON tree, Jackson 3's or another library's. */
	static boolean isTree(Object value) {
		return value instanceof JsonNode || FOREIGN.get(value.getClass());
	}

	private static boolean isForeignTree(Class<?> type) {
		for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
			if (TREE_TYPES.contains(current.getName())) {
				return true;
			}
			for (Class<?> contract : current.getInterfaces()) {
				if (isForeignTree(contract) || TREE_TYPES.contains(contract.getName())) {
					return true;
				}
			}
		}
		return false;
	}

}
