package io.roomqueues.protocol;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.util.RawValue;

import static io.roomqueues.protocol.WorkedExampleTests.bytes;
import static org.assertj.core.api.Assertions.assertThat;

/** The codec's shortcuts for responses write and read exactly what the content codec does. */
class WireCodecTests {

	private final WireCodec codec = new WireCodec(JsonMapper.builder().build());

	@Test
	void aJsonResponseHoldingRawTextIsWrittenAsTheMapperWritesIt() {
		JsonContent content = new JsonContent(
				JsonNodeFactory.instance.pojoNode(new RawValue("{\"a\":\"\u00e9\",\"n\":[1,2]}")));

		assertThat(frames(this.codec.encodeResponse(7, content)))
			.isEqualTo(frames(Frames.encode(7, MessageTypes.RESPONSE, this.codec.contents().encode(content))));
	}

	@Test
	void jsonResponsesWithoutRawTextAreWrittenByTheContentCodec() {
		JsonNodeFactory nodes = JsonNodeFactory.instance;
		for (JsonContent content : new JsonContent[] { new JsonContent(nodes.objectNode().put("a", 1)),
				new JsonContent(nodes.pojoNode(java.util.Map.of("b", 2))),
				new JsonContent(nodes.pojoNode(new RawValue(new tools.jackson.core.io.SerializedString("{\"c\":3}")))) }) {
			assertThat(frames(this.codec.encodeResponse(9, content)))
				.isEqualTo(frames(Frames.encode(9, MessageTypes.RESPONSE, this.codec.contents().encode(content))));
		}
	}

	@Test
	void textAndErrorResponsesAreWrittenByTheContentCodec() {
		for (Content content : new Content[] { new TextContent("t"), new ErrorContent("e", 1002) }) {
			assertThat(frames(this.codec.encodeResponse(5, content)))
				.isEqualTo(frames(Frames.encode(5, MessageTypes.RESPONSE, this.codec.contents().encode(content))));
		}
	}

	@Test
	void aMapperThatIndentsStillWritesRawTextItsOwnWay() {
		WireCodec indenting = new WireCodec(JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build());
		JsonContent content = new JsonContent(JsonNodeFactory.instance.pojoNode(new RawValue("{\"a\":1}")));

		assertThat(frames(indenting.encodeResponse(7, content)))
			.isEqualTo(frames(Frames.encode(7, MessageTypes.RESPONSE, indenting.contents().encode(content))));
	}

	@Test
	void anEmptyResponseIsWrittenAsTheContentCodecWritesItAndReadBack() throws ProtocolException {
		ByteBuffer[] frames = this.codec.encodeResponse(3, EmptyContent.INSTANCE);

		assertThat(frames(frames))
			.isEqualTo(frames(Frames.encode(3, MessageTypes.RESPONSE, this.codec.contents().encode(EmptyContent.INSTANCE))));
		byte[] payload = this.codec.contents().encode(EmptyContent.INSTANCE);
		assertThat(this.codec.decodeResponse(new ProtocolMessage(3, MessageTypes.RESPONSE, payload)))
			.isSameAs(EmptyContent.INSTANCE);
	}

	@Test
	void otherResponsesAreReadAsTheContentCodecReadsThem() throws ProtocolException {
		for (Content content : new Content[] { new TextContent("empty"), new ErrorContent("empty", 1002),
				new JsonContent(JsonNodeFactory.instance.objectNode().put("type", "empty")) }) {
			byte[] payload = this.codec.contents().encode(content);

			assertThat(this.codec.decodeResponse(new ProtocolMessage(1, MessageTypes.RESPONSE, payload)))
				.isEqualTo(this.codec.contents().decode(payload));
		}
	}

	private static String frames(ByteBuffer[] frames) {
		StringBuilder all = new StringBuilder();
		for (ByteBuffer frame : frames) {
			all.append(java.util.HexFormat.of().formatHex(bytes(frame))).append('|');
		}
		return all.toString();
	}

}
