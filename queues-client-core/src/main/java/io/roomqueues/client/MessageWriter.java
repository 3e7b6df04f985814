package io.roomqueues.client;

import java.util.function.Function;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.util.RawValue;

/**
 * Writes a message to be sent once, straight to its JSON text, carried in the request header as a raw value: no
 * tree is built only to be written out. Anything that is not plainly written as a JSON object (a JSON tree, a foreign
 * library's tree, a value written as an array or a string, a value Jackson cannot write) goes the tree way instead,
 * which takes or refuses it exactly as {@link QueuesClient#toObject(Object)} does.
 */
final class MessageWriter {

	private final ObjectWriter writer;

	private final Function<Object, ObjectNode> toObject;

	MessageWriter(JsonMapper jsonMapper, Function<Object, ObjectNode> toObject) {
		this.writer = jsonMapper.writer();
		this.toObject = toObject;
	}

	/**
	 * The message as the request header carries it.
	 * @throws IllegalArgumentException as {@link QueuesClient#toObject(Object)} does
	 */
	JsonNode toJson(Object message) {
		if (ForeignJson.isTree(message)) {
			return this.toObject.apply(message);
		}
		String json;
		try {
			json = this.writer.writeValueAsString(message);
		}
		catch (JacksonException ex) {
			return this.toObject.apply(message);
		}
		if (json.isEmpty() || json.charAt(0) != '{') {
			return this.toObject.apply(message);
		}
		return JsonNodeFactory.instance.pojoNode(new RawValue(json));
	}

}
