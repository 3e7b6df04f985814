package io.roomqueues.server;

import java.nio.charset.StandardCharsets;

import io.roomqueues.protocol.Payload;
import io.roomqueues.protocol.PayloadCodec;
import io.roomqueues.protocol.ProtocolException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.POJONode;
import tools.jackson.databind.util.RawValue;

/**
 * Reads a request's payload into its header tree, except the message a send carries, which is kept as the compact
 * JSON text it arrived as (a {@link RawValue} node) instead of being built into a tree only to be written out again.
 *
 * <p>
 * Anything this reader does not expect (a tail, a message that is not a compact JSON object, trailing content, any
 * parse error) is read again by the {@link PayloadCodec}, so the header, and every error, are exactly what it gives.
 */
final class RequestReader {

	/** Where {@code room.invoke_tool} carries a send's message. */
	static final String[] TOOL_MESSAGE = { "arguments", "json", "message" };

	/** Where the legacy {@code queues.send} message type carries it. */
	static final String[] LEGACY_MESSAGE = { "message" };

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final PayloadCodec payloads;

	private final JsonMapper jsonMapper;

	RequestReader(PayloadCodec payloads) {
		this.payloads = payloads;
		this.jsonMapper = payloads.jsonMapper();
	}

	/**
	 * Unpacks a request payload.
	 * @param messagePath where the message to keep as text is, if the request carries one
	 * @throws ProtocolException as {@link PayloadCodec#unpack(byte[])} does
	 */
	Payload read(byte[] payload, String[] messagePath) throws ProtocolException {
		ObjectNode header = readFast(payload, messagePath);
		return (header != null) ? new Payload(header, new byte[0]) : this.payloads.unpack(payload);
	}

	/** The message kept as text by {@link #read}, or {@code null} if the node is anything else. */
	static @Nullable String keptText(@Nullable JsonNode node) {
		return (node instanceof POJONode pojo && pojo.getPojo() instanceof Kept kept) ? kept.rawValue().toString()
				: null;
	}

	private @Nullable ObjectNode readFast(byte[] payload, String[] messagePath) {
		if (payload.length < 8) {
			return null;
		}
		long length = 0;
		for (int i = 0; i < 8; i++) {
			length = (length << 8) | (payload[i] & 0xFF);
		}
		if (length != payload.length - 8) {
			return null;
		}
		try (JsonParser parser = this.jsonMapper.createParser(payload, 8, (int) length)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				return null;
			}
			ObjectNode header = readObject(parser, payload, messagePath, 0);
			return (header != null && parser.nextToken() == null) ? header : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/** Reads the object at the parser's {@code START_OBJECT}; {@code null} to leave the payload to the codec. */
	private @Nullable ObjectNode readObject(JsonParser parser, byte[] payload, String[] path, int depth) {
		ObjectNode object = NODES.objectNode();
		String name;
		while ((name = parser.nextName()) != null) {
			JsonToken token = parser.nextToken();
			JsonNode value;
			if (depth < path.length && token == JsonToken.START_OBJECT && name.equals(path[depth])) {
				value = (depth == path.length - 1) ? keep(parser, payload) : readObject(parser, payload, path, depth + 1);
				if (value == null) {
					return null;
				}
			}
			else {
				value = readValue(parser, token);
			}
			object.set(name, value);
		}
		return object;
	}

	private JsonNode readValue(JsonParser parser, JsonToken token) {
		return switch (token) {
			case VALUE_STRING -> NODES.stringNode(parser.getString());
			case VALUE_TRUE -> NODES.booleanNode(true);
			case VALUE_FALSE -> NODES.booleanNode(false);
			case VALUE_NULL -> NODES.nullNode();
			default -> this.jsonMapper.readTree(parser);
		};
	}

	/** The object at the parser's {@code START_OBJECT} as its text, if it is compact; else {@code null}. */
	private static @Nullable JsonNode keep(JsonParser parser, byte[] payload) {
		long start = parser.currentTokenLocation().getByteOffset();
		parser.skipChildren();
		long end = parser.currentLocation().getByteOffset();
		int from = 8 + (int) start;
		int to = 8 + (int) end;
		if (start < 0 || to > payload.length || to - from < 2 || payload[from] != '{' || payload[to - 1] != '}'
				|| !compact(payload, from, to)) {
			return null;
		}
		return NODES.pojoNode(new Kept(new String(payload, from, to - from, StandardCharsets.UTF_8)));
	}

	/** Whether valid JSON has no whitespace outside its strings, as a JSON writer without indentation writes it. */
	static boolean compact(byte[] json, int from, int to) {
		boolean inString = false;
		for (int i = from; i < to; i++) {
			byte b = json[i];
			if (inString) {
				if (b == '\\') {
					i++;
				}
				else if (b == '"') {
					inString = false;
				}
			}
			else if (b == '"') {
				inString = true;
			}
			else if (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
				return false;
			}
		}
		return true;
	}

	/** A message kept as its text: written as that text if the header is ever written out. */
	static final class Kept extends RawValue {

		Kept(String json) {
			super(json);
		}

	}

}
