package io.roomqueues.protocol;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static io.roomqueues.protocol.WorkedExampleTests.ascii;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Payload packing: {@code u64 length | JSON | tail}. */
class PayloadCodecTests {

	private final PayloadCodec codec = new PayloadCodec(JsonMapper.builder().build());

	@Test
	void headerAndTailRoundTrip() throws ProtocolException {
		ObjectNode header = this.codec.jsonMapper().createObjectNode().put("type", "binary");
		byte[] tail = { 1, 2, 3, 4 };

		Payload payload = this.codec.unpack(this.codec.pack(header, tail));

		assertThat(payload).isEqualTo(new Payload(header, tail));
	}

	@Test
	void unknownKeysSuchAsMeshagentMetadataAreKeptOutOfTheWay() throws ProtocolException {
		byte[] json = ascii("{\"type\": \"empty\", \"__meshagent__\": {\"v\": 1, \"otel\": {}}}");

		Payload payload = this.codec.unpack(withLength(json.length, json));

		assertThat(payload.header().get("type").stringValue()).isEqualTo("empty");
	}

	@Test
	void lengthIsReadAsAFullSixtyFourBitValue() {
		byte[] json = ascii("{}");
		byte[] payload = ByteBuffer.allocate(10).putInt(1).putInt(2).put(json).array();

		assertThatExceptionOfType(ProtocolException.class).isThrownBy(() -> this.codec.unpack(payload))
			.withMessageContaining("4294967298 runs past the end");
	}

	@Test
	void lengthPastTheEndIsAProtocolError() {
		assertThatExceptionOfType(ProtocolException.class)
			.isThrownBy(() -> this.codec.unpack(withLength(50, ascii("{}"))))
			.withMessageContaining("runs past the end");
	}

	@Test
	void payloadShorterThanItsLengthFieldIsAProtocolError() {
		assertThatExceptionOfType(ProtocolException.class).isThrownBy(() -> this.codec.unpack(new byte[5]))
			.withMessageContaining("shorter than its 8-byte length");
	}

	@Test
	void invalidJsonIsAProtocolError() {
		byte[] json = ascii("{\"type\":");

		assertThatExceptionOfType(ProtocolException.class).isThrownBy(() -> this.codec.unpack(withLength(json.length, json)))
			.withMessageContaining("not valid UTF-8 JSON");
	}

	@Test
	void invalidUtf8InsideJsonIsAProtocolError() {
		byte[] json = { '{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}' };

		assertThatExceptionOfType(ProtocolException.class).isThrownBy(() -> this.codec.unpack(withLength(json.length, json)))
			.withMessageContaining("not valid UTF-8 JSON");
	}

	@Test
	void jsonThatIsNotAnObjectIsAProtocolError() {
		byte[] json = ascii("[1,2]");

		assertThatExceptionOfType(ProtocolException.class).isThrownBy(() -> this.codec.unpack(withLength(json.length, json)))
			.withMessageContaining("must be a JSON object, not array");
	}

	private static byte[] withLength(long length, byte[] json) {
		return ByteBuffer.allocate(8 + json.length).putLong(length).put(json).array();
	}

}
