package io.roomqueues.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.POJONode;
import tools.jackson.databind.util.RawValue;

/**
 * The one codec the client and the server share: whole messages to frames and back, through the payload and
 * content codecs.
 */
public final class WireCodec {

	/** The default maximum message size: 16 MiB. */
	public static final int DEFAULT_MAX_MESSAGE_SIZE = 16 * 1024 * 1024;

	/** The JSON before the value of a {@code json} content, as the mapper writes it. */
	private static final byte[] RAW_JSON_PREFIX = "{\"type\":\"json\",\"json\":".getBytes(StandardCharsets.UTF_8);

	private final PayloadCodec payloads;

	private final ContentCodec contents;

	/** The payload of every empty response, which only the message id tells apart. */
	private final byte[] emptyPayload;

	/** Whether the mapper writes compact JSON, so a raw JSON text can be spliced in as the mapper would write it. */
	private final boolean compact;

	public WireCodec(JsonMapper jsonMapper) {
		this.payloads = new PayloadCodec(jsonMapper);
		this.contents = new ContentCodec(this.payloads);
		this.emptyPayload = this.contents.encode(EmptyContent.INSTANCE);
		this.compact = !jsonMapper.isEnabled(SerializationFeature.INDENT_OUTPUT);
	}

	public JsonMapper jsonMapper() {
		return this.payloads.jsonMapper();
	}

	public PayloadCodec payloads() {
		return this.payloads;
	}

	public ContentCodec contents() {
		return this.contents;
	}

	/** Encodes a message whose payload is a JSON header with no tail. */
	public ByteBuffer[] encode(long id, String type, JsonNode header) {
		return Frames.encode(id, type, this.payloads.pack(header));
	}

	/** Encodes a {@code __response__} carrying the given content. */
	public ByteBuffer[] encodeResponse(long id, Content content) {
		return Frames.encode(id, MessageTypes.RESPONSE, responsePayload(content));
	}

	private byte[] responsePayload(Content content) {
		if (content instanceof EmptyContent) {
			return this.emptyPayload;
		}
		String raw = (this.compact && content instanceof JsonContent json) ? rawText(json.json()) : null;
		if (raw != null) {
			// what the mapper writes for {"type":"json","json":<raw value>}, without building it
			byte[] text = raw.getBytes(StandardCharsets.UTF_8);
			int json = RAW_JSON_PREFIX.length + text.length + 1;
			return ByteBuffer.allocate(8 + json).putLong(json).put(RAW_JSON_PREFIX).put(text).put((byte) '}').array();
		}
		return this.contents.encode(content);
	}

	private static @Nullable String rawText(JsonNode node) {
		return (node instanceof POJONode pojo && pojo.getPojo() instanceof RawValue value
				&& value.rawValue() instanceof String text) ? text : null;
	}

	/** Unpacks the payload of a received message. */
	public Payload decodePayload(ProtocolMessage message) throws ProtocolException {
		return this.payloads.unpack(message.payload());
	}

	/** Reads the content of a received {@code __response__}. */
	public Content decodeResponse(ProtocolMessage message) throws ProtocolException {
		if (Arrays.equals(message.payload(), this.emptyPayload)) {
			return EmptyContent.INSTANCE;
		}
		return this.contents.decode(message.payload());
	}

}
