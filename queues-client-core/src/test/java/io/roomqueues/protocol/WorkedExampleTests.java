package io.roomqueues.protocol;

import java.nio.ByteBuffer;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The worked example of protocol.md section 3.4, byte for byte in both directions. */
class WorkedExampleTests {

	private static final String REQUEST_JSON = "{\"toolkit\":\"queues\",\"tool\":\"open\",\"arguments\":{\"type\":\"json\",\"json\":{\"name\":\"my-queue\"}}}";

	private static final HexFormat HEX = HexFormat.of();

	private final WireCodec codec = new WireCodec(JsonMapper.builder().build());

	@Test
	void openRequestEncodesToTheTwoFramesOfTheSpec() {
		ObjectNode header = this.codec.jsonMapper().readValue(REQUEST_JSON, ObjectNode.class);

		ByteBuffer[] frames = this.codec.encode(1, MessageTypes.INVOKE_TOOL, header);

		assertThat(frames).hasSize(2);
		assertThat(bytes(frames[0])).hasSize(32)
			.isEqualTo(concat(HEX.parseHex("00000000000000010000000000000001"), ascii("room.invoke_tool")));
		assertThat(bytes(frames[1])).hasSize(109)
			.isEqualTo(concat(HEX.parseHex("000000000000000100000001" + "0000000000000059"), ascii(REQUEST_JSON)));
	}

	@Test
	void theSpecFramesDecodeToTheOpenRequest() throws ProtocolException {
		MessageAssembler assembler = new MessageAssembler(WireCodec.DEFAULT_MAX_MESSAGE_SIZE);
		CollectingListener listener = new CollectingListener();

		assembler.accept(ByteBuffer.wrap(concat(HEX.parseHex("00000000000000010000000000000001"),
				ascii("room.invoke_tool"))), listener);
		assembler.accept(ByteBuffer.wrap(concat(HEX.parseHex("0000000000000001000000010000000000000059"),
				ascii(REQUEST_JSON))), listener);

		assertThat(listener.errors).isEmpty();
		assertThat(listener.messages).singleElement().satisfies((message) -> {
			assertThat(message.id()).isEqualTo(1);
			assertThat(message.type()).isEqualTo("room.invoke_tool");
		});
		Payload payload = this.codec.decodePayload(listener.messages.get(0));
		assertThat(payload.header().get("tool").stringValue()).isEqualTo("open");
		assertThat(payload.header().at("/arguments/json/name").stringValue()).isEqualTo("my-queue");
		assertThat(payload.tail()).isEmpty();
	}

	@Test
	void emptyResponseEncodesAsInTheSpec() {
		ByteBuffer[] frames = this.codec.encodeResponse(1, EmptyContent.INSTANCE);

		assertThat(frames).hasSize(2);
		assertThat(bytes(frames[0])).isEqualTo(concat(HEX.parseHex("00000000000000010000000000000001"),
				ascii("__response__")));
		assertThat(bytes(frames[1])).isEqualTo(concat(HEX.parseHex("000000000000000100000001" + "0000000000000010"),
				ascii("{\"type\":\"empty\"}")));
	}

	@Test
	void emptyResponseOfTheSpecDecodesToEmptyContent() throws ProtocolException {
		byte[] payload = concat(HEX.parseHex("0000000000000010"), ascii("{\"type\":\"empty\"}"));

		assertThat(this.codec.contents().decode(payload)).isEqualTo(EmptyContent.INSTANCE);
	}

	static byte[] bytes(ByteBuffer buffer) {
		byte[] bytes = new byte[buffer.remaining()];
		buffer.duplicate().get(bytes);
		return bytes;
	}

	static byte[] ascii(String text) {
		return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
	}

	static byte[] concat(byte[] first, byte[] second) {
		return ByteBuffer.allocate(first.length + second.length).put(first).put(second).array();
	}

}
