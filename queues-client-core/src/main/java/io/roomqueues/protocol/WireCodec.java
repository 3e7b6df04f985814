package io.roomqueues.protocol;

import java.nio.ByteBuffer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one codec the client and the server share: whole messages to frames and back, through the payload and
 * content codecs.
 */
public final class WireCodec {

	/** The default maximum message size: 16 MiB. */
	public static final int DEFAULT_MAX_MESSAGE_SIZE = 16 * 1024 * 1024;

	private final PayloadCodec payloads;

	private final ContentCodec contents;

	public WireCodec(JsonMapper jsonMapper) {
		this.payloads = new PayloadCodec(jsonMapper);
		this.contents = new ContentCodec(this.payloads);
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
		return Frames.encode(id, MessageTypes.RESPONSE, this.contents.encode(content));
	}

	/** Unpacks the payload of a received message. */
	public Payload decodePayload(ProtocolMessage message) throws ProtocolException {
		return this.payloads.unpack(message.payload());
	}

	/** Reads the content of a received {@code __response__}. */
	public Content decodeResponse(ProtocolMessage message) throws ProtocolException {
		return this.contents.decode(message.payload());
	}

}
