package io.roomqueues.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.roomqueues.protocol.Payload;
import io.roomqueues.protocol.PayloadCodec;
import io.roomqueues.protocol.ProtocolException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The server's request reader gives what the payload codec gives, with a send's compact message kept as its text. */
class RequestReaderTests {

	private final PayloadCodec codec = new PayloadCodec(JsonMapper.builder().build());

	private final RequestReader reader = new RequestReader(this.codec);

	@Test
	void aCompactMessageIsKeptAsTheTextItArrivedAs() throws ProtocolException {
		String message = "{\"b\":1,\"a\":\"say \\\"hi\\\" \\u00e9\",\"l\":[1,{\"x\":null}]}";
		byte[] payload = payload("{\"toolkit\":\"queues\",\"tool\":\"send\",\"arguments\":{\"type\":\"json\","
				+ "\"json\":{\"name\":\"q\",\"create\":true,\"message\":" + message + "}}}");

		ObjectNode header = this.reader.read(payload, RequestReader.TOOL_MESSAGE).header();

		assertThat(RequestReader.keptText(header.path("arguments").path("json").get("message"))).isEqualTo(message);
		ObjectNode expected = this.codec.unpack(payload).header();
		((ObjectNode) expected.path("arguments").path("json")).remove("message");
		((ObjectNode) header.path("arguments").path("json")).remove("message");
		assertThat(header).isEqualTo(expected);
	}

	@Test
	void theLegacySendKeepsItsMessageAtTheTop() throws ProtocolException {
		byte[] payload = payload("{\"name\":\"q\",\"message\":{\"a\":1}}");

		ObjectNode header = this.reader.read(payload, RequestReader.LEGACY_MESSAGE).header();

		assertThat(RequestReader.keptText(header.get("message"))).isEqualTo("{\"a\":1}");
		assertThat(header.get("name").stringValue()).isEqualTo("q");
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"toolkit\":\"queues\",\"tool\":\"list\"}",
			"{\"toolkit\":\"queues\",\"tool\":\"send\",\"arguments\":{\"type\":\"json\",\"json\":{\"name\":\"q\",\"message\":{ \"a\" : 1 }}}}",
			"{\"toolkit\":\"queues\",\"tool\":\"send\",\"arguments\":{\"type\":\"json\",\"json\":{\"name\":\"q\",\"message\":[1,2]}}}",
			"{\"toolkit\":\"queues\",\"tool\":\"send\",\"arguments\":{\"type\":\"json\",\"json\":{\"name\":\"q\",\"message\":\"text\"}}}",
			"{\"tool\":\"receive\",\"n\":[1,-2,3000000000,123456789012345678901234567890,1.5,-0.0,1e3],\"b\":false,\"z\":null,"
					+ "\"o\":{\"p\":{\"q\":[{}]}},\"s\":\"\\u2713\",\"toolkit\":\"queues\",\"tool\":\"open\"}",
			"{\"arguments\":{\"json\":{\"name\":\"q\"},\"type\":\"json\"},\"tool\":\"receive\",\"toolkit\":\"queues\"}",
			"{}" })
	void everythingElseReadsAsThePayloadCodecReadsIt(String json) throws ProtocolException {
		byte[] payload = payload(json);

		Payload read = this.reader.read(payload, RequestReader.TOOL_MESSAGE);

		assertThat(read).isEqualTo(this.codec.unpack(payload));
	}

	@Test
	void aPayloadWithATailReadsAsThePayloadCodecReadsIt() throws ProtocolException {
		byte[] payload = this.codec.pack(JsonMapper.builder().build().readValue("{\"message\":{\"a\":1}}", ObjectNode.class),
				new byte[] { 1, 2, 3 });

		assertThat(this.reader.read(payload, RequestReader.LEGACY_MESSAGE)).isEqualTo(this.codec.unpack(payload));
	}

	@Test
	void payloadsThePayloadCodecRefusesAreRefusedWithItsError() {
		List<byte[]> refused = List.of(new byte[3], payload("{\"a\":"), payload("[1,2]"), payload("\"text\""),
				payload(""), payload("{\"message\":{\"a\":1}} {\"b\":2}"), payload("{\"message\":{\"a\":1},}"),
				payload("{\"message\":{\"a\":\"\u0000\"}}"), withLength(payload("{\"a\":1}"), 1000),
				invalidUtf8InTheMessage());
		for (byte[] payload : refused) {
			ProtocolException expected = catchThrowableOfType(ProtocolException.class, () -> this.codec.unpack(payload));
			if (expected == null) {
				continue; // accepted by both, as the test below shows for trailing content
			}
			assertThatExceptionOfType(ProtocolException.class)
				.isThrownBy(() -> this.reader.read(payload, RequestReader.LEGACY_MESSAGE))
				.withMessage(expected.getMessage());
		}
	}

	@Test
	void whatThePayloadCodecAcceptsIsAcceptedAlike() throws ProtocolException {
		byte[] trailing = payload("{\"message\":{\"a\":1}} {\"b\":2}");
		Payload expected;
		try {
			expected = this.codec.unpack(trailing);
		}
		catch (ProtocolException ex) {
			assertThatExceptionOfType(ProtocolException.class)
				.isThrownBy(() -> this.reader.read(trailing, RequestReader.LEGACY_MESSAGE))
				.withMessage(ex.getMessage());
			return;
		}
		assertThat(this.reader.read(trailing, RequestReader.LEGACY_MESSAGE)).isEqualTo(expected);
	}

	@Test
	void compactMeansNoWhitespaceOutsideStrings() {
		assertThat(compact("{\"a\":\"x y\\\" z\",\"b\":[1,2]}")).isTrue();
		assertThat(compact("{\"a\":\"\\\\\",\"b\":1}")).isTrue();
		assertThat(compact("{\"a\": 1}")).isFalse();
		assertThat(compact("{\"a\":\"\\\\\" ,\"b\":1}")).isFalse();
		assertThat(compact("{\"a\":1\n}")).isFalse();
	}

	private static boolean compact(String json) {
		byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
		return RequestReader.compact(bytes, 0, bytes.length);
	}

	private static byte[] payload(String json) {
		byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
		return ByteBuffer.allocate(8 + bytes.length).putLong(bytes.length).put(bytes).array();
	}

	private static byte[] withLength(byte[] payload, long length) {
		ByteBuffer.wrap(payload).putLong(length);
		return payload;
	}

	private static byte[] invalidUtf8InTheMessage() {
		byte[] payload = payload("{\"message\":{\"a\":\"xx\"}}");
		payload[payload.length - 5] = (byte) 0xC3;
		payload[payload.length - 4] = (byte) 0x28;
		return payload;
	}

}
