package io.roomqueues.protocol;

import java.nio.ByteBuffer;
import java.util.Arrays;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Packs and unpacks payloads as {@code u64 BE length | UTF-8 JSON object | binary tail}.
 */
public final class PayloadCodec {

	private static final byte[] NO_TAIL = new byte[0];

	private final JsonMapper jsonMapper;

	public PayloadCodec(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	/** The mapper used for every JSON header. */
	public JsonMapper jsonMapper() {
		return this.jsonMapper;
	}

	/**
	 * Packs a header and a tail into one payload.
	 * @param header the JSON header object
	 * @param tail the binary tail, possibly empty
	 * @return the payload bytes
	 */
	public byte[] pack(JsonNode header, byte[] tail) {
		byte[] json = this.jsonMapper.writeValueAsBytes(header);
		return ByteBuffer.allocate(8 + json.length + tail.length).putLong(json.length).put(json).put(tail).array();
	}

	/** Packs a header with no tail. */
	public byte[] pack(JsonNode header) {
		return pack(header, NO_TAIL);
	}

	/**
	 * Unpacks a payload. The length is read as a full 64-bit value; JSON keys nobody asked for stay in the header
	 * and are ignored by readers.
	 * @param payload the payload bytes
	 * @return the header and tail
	 * @throws ProtocolException if the length runs past the end, or the JSON is not a valid UTF-8 JSON object
	 */
	public Payload unpack(byte[] payload) throws ProtocolException {
		if (payload.length < 8) {
			throw new ProtocolException("payload of " + payload.length + " bytes is shorter than its 8-byte length");
		}
		long length = ByteBuffer.wrap(payload).getLong();
		if (length < 0 || length > payload.length - 8) {
			throw new ProtocolException("payload JSON length " + Long.toUnsignedString(length) + " runs past the end of "
					+ (payload.length - 8) + " remaining bytes");
		}
		JsonNode header;
		try {
			header = this.jsonMapper.readTree(payload, 8, (int) length);
		}
		catch (JacksonException ex) {
			throw new ProtocolException("payload header is not valid UTF-8 JSON: " + ex.getOriginalMessage(), ex);
		}
		if (!(header instanceof ObjectNode object)) {
			throw new ProtocolException("payload header must be a JSON object, not " + describe(header));
		}
		int tailStart = 8 + (int) length;
		byte[] tail = (tailStart == payload.length) ? NO_TAIL
				: Arrays.copyOfRange(payload, tailStart, payload.length);
		return new Payload(object, tail);
	}

	private static String describe(JsonNode node) {
		return (node == null || node.isMissingNode()) ? "nothing" : node.getNodeType().name().toLowerCase();
	}

}
