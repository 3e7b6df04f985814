package io.roomqueues.protocol;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static io.roomqueues.protocol.WorkedExampleTests.ascii;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Every content kind of section 5, both ways. */
class ContentCodecTests {

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final ContentCodec codec = ContentCodec.of(this.mapper);

	@Test
	void everyContentKindRoundTrips() throws ProtocolException {
		List<Content> contents = List.of(EmptyContent.INSTANCE,
				new JsonContent(this.mapper.createObjectNode().put("payload", "Hello World!")),
				new TextContent("hi"), new ErrorContent("queue not found", 5001), new ErrorContent("no code", null),
				new BinaryContent(this.mapper.createObjectNode().put("k", "v"), new byte[] { 1, 2 }),
				new FileContent("a.txt", "text/plain", ascii("hello")), new LinkContent("docs", "https://example.com"),
				new ControlContent("close", 200, "done"), new ControlContent("open", null, null));

		for (Content content : contents) {
			assertThat(this.codec.decode(this.codec.encode(content))).isEqualTo(content);
		}
	}

	@Test
	void errorCodeGivenAsNumericStringIsRead() throws ProtocolException {
		Content content = this.codec.fromHeader(this.mapper.readTree("{\"type\":\"error\",\"text\":\"x\",\"code\":\"5002\"}"));

		assertThat(content).isEqualTo(new ErrorContent("x", 5002));
	}

	@Test
	void errorCodeThatIsNoIntegerIsLeftOutRatherThanReadAsZero() throws ProtocolException {
		for (String code : new String[] { "\"not a number\"", "true", "1e20", "{}" }) {
			Content content = this.codec
				.fromHeader(this.mapper.readTree("{\"type\":\"error\",\"text\":\"x\",\"code\":" + code + "}"));

			assertThat(content).as("code %s", code).isEqualTo(new ErrorContent("x", null));
		}
	}

	@Test
	void fileContentWritesMimeTypeInSnakeCase() {
		assertThat(this.codec.toHeader(new FileContent("f", "image/png", new byte[0])).toString())
			.isEqualTo("{\"type\":\"file\",\"name\":\"f\",\"mime_type\":\"image/png\"}");
	}

	@Test
	void unknownContentTypeIsAProtocolError() {
		assertThatExceptionOfType(ProtocolException.class)
			.isThrownBy(() -> this.codec.fromHeader(this.mapper.readTree("{\"type\":\"raw\",\"outputs\":[]}")))
			.withMessageContaining("unknown content type 'raw'");
	}

	@Test
	void contentWithoutTypeIsAProtocolError() {
		assertThatExceptionOfType(ProtocolException.class)
			.isThrownBy(() -> this.codec.fromHeader(this.mapper.readTree("{\"json\":{}}")))
			.withMessageContaining("'type'");
	}

}
