package io.roomqueues.protocol;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Converts between {@link Content} values and their payloads ({@code {"type": ...}} header plus optional tail).
 */
public final class ContentCodec {

	private static final byte[] NO_TAIL = new byte[0];

	private final PayloadCodec payloadCodec;

	public ContentCodec(PayloadCodec payloadCodec) {
		this.payloadCodec = payloadCodec;
	}

	/** Creates a codec with its own payload codec over the given mapper. */
	public static ContentCodec of(JsonMapper jsonMapper) {
		return new ContentCodec(new PayloadCodec(jsonMapper));
	}

	/** The payload codec underneath. */
	public PayloadCodec payloadCodec() {
		return this.payloadCodec;
	}

	/** Packs a content into payload bytes. */
	public byte[] encode(Content content) {
		return this.payloadCodec.pack(toHeader(content), tail(content));
	}

	/**
	 * Unpacks payload bytes into a content.
	 * @throws ProtocolException if the payload is unreadable or of an unknown kind
	 */
	public Content decode(byte[] payload) throws ProtocolException {
		Payload unpacked = this.payloadCodec.unpack(payload);
		return fromHeader(unpacked.header(), unpacked.tail());
	}

	/** Writes the JSON header of a content; the bytes of binary and file contents travel separately. */
	public ObjectNode toHeader(Content content) {
		ObjectNode header = this.payloadCodec.jsonMapper().createObjectNode();
		header.put("type", content.type());
		if (content instanceof JsonContent json) {
			header.set("json", json.json());
		}
		else if (content instanceof TextContent text) {
			header.put("text", text.text());
		}
		else if (content instanceof ErrorContent error) {
			header.put("text", error.text());
			if (error.code() != null) {
				header.put("code", error.code());
			}
		}
		else if (content instanceof BinaryContent binary) {
			header.set("headers", binary.headers());
		}
		else if (content instanceof FileContent file) {
			header.put("name", file.name()).put("mime_type", file.mimeType());
		}
		else if (content instanceof LinkContent link) {
			header.put("name", link.name()).put("url", link.url());
		}
		else if (content instanceof ControlContent control) {
			header.put("method", control.method());
			if (control.statusCode() != null) {
				header.put("status_code", control.statusCode());
			}
			if (control.message() != null) {
				header.put("message", control.message());
			}
		}
		return header;
	}

	/**
	 * Reads a content from its JSON header and tail.
	 * @throws ProtocolException if the kind is unknown or a required field is missing
	 */
	public Content fromHeader(JsonNode header, byte[] tail) throws ProtocolException {
		String type = requiredString(header, "type", "content");
		return switch (type) {
			case "empty" -> EmptyContent.INSTANCE;
			case "json" -> new JsonContent(header.has("json") ? header.get("json") : NullNode.getInstance());
			case "text" -> new TextContent(requiredString(header, "text", type));
			case "error" -> new ErrorContent(optionalString(header, "text", ""), optionalInt(header, "code"));
			case "binary" -> new BinaryContent(objectOrEmpty(header.get("headers")), tail);
			case "file" -> new FileContent(requiredString(header, "name", type),
					optionalString(header, "mime_type", "application/octet-stream"), tail);
			case "link" -> new LinkContent(requiredString(header, "name", type), requiredString(header, "url", type));
			case "control" -> new ControlContent(requiredString(header, "method", type),
					optionalInt(header, "status_code"), optionalNullableString(header, "message"));
			default -> throw new ProtocolException("unknown content type '" + type + "'");
		};
	}

	/** Reads a content header with no tail, such as the {@code arguments} of a tool call. */
	public Content fromHeader(JsonNode header) throws ProtocolException {
		return fromHeader(header, NO_TAIL);
	}

	private static byte[] tail(Content content) {
		if (content instanceof BinaryContent binary) {
			return binary.data();
		}
		if (content instanceof FileContent file) {
			return file.data();
		}
		return NO_TAIL;
	}

	private ObjectNode objectOrEmpty(@Nullable JsonNode node) {
		return (node instanceof ObjectNode object) ? object : this.payloadCodec.jsonMapper().createObjectNode();
	}

	private static String requiredString(JsonNode header, String field, String kind) throws ProtocolException {
		JsonNode value = header.get(field);
		if (value == null || !value.isString()) {
			throw new ProtocolException(kind + " content needs a string '" + field + "' field");
		}
		return value.stringValue();
	}

	private static String optionalString(JsonNode header, String field, String fallback) {
		String value = optionalNullableString(header, field);
		return (value != null) ? value : fallback;
	}

	private static @Nullable String optionalNullableString(JsonNode header, String field) {
		JsonNode value = header.get(field);
		return (value != null && value.isString()) ? value.stringValue() : null;
	}

	/** Reads an integer given as a JSON number or a numeric string, as MeshAgent's SDKs accept both. */
	private static @Nullable Integer optionalInt(JsonNode header, String field) {
		JsonNode value = header.get(field);
		if (value == null) {
			return null;
		}
		if (value.isNumber() && value.canConvertToInt()) {
			return value.intValue();
		}
		if (value.isString()) {
			try {
				return Integer.valueOf(value.stringValue().trim());
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}
		return null;
	}

}
