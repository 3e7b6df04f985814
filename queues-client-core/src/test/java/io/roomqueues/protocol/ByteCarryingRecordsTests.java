package io.roomqueues.protocol;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The records that carry bytes compare them by content, not by array identity, and print their size, never the bytes,
 * so that a log line of one never holds a message body.
 */
class ByteCarryingRecordsTests {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	@Test
	void protocolMessagesAreEqualByIdTypeAndPayloadContent() {
		ProtocolMessage message = new ProtocolMessage(1, "t", new byte[] { 1, 2 });

		assertEqualOnlyTo(message, new ProtocolMessage(1, "t", new byte[] { 1, 2 }),
				List.of(new ProtocolMessage(2, "t", new byte[] { 1, 2 }), new ProtocolMessage(1, "u", new byte[] { 1, 2 }),
						new ProtocolMessage(1, "t", new byte[] { 1, 3 })));
		assertEqualOnlyTo(new ProtocolMessage(1000, "t", new byte[0]), new ProtocolMessage(1000, "t", new byte[0]),
				List.of(new ProtocolMessage(2000, "t", new byte[0]), new ProtocolMessage(1000, "type", new byte[0])));
		assertThat(message).hasToString("ProtocolMessage[id=1, type=t, payload=2 bytes]");
	}

	@Test
	void payloadsAreEqualByHeaderAndTailContent() {
		Payload payload = new Payload(header("a"), new byte[] { 1, 2, 3 });

		assertEqualOnlyTo(payload, new Payload(header("a"), new byte[] { 1, 2, 3 }),
				List.of(new Payload(header("b"), new byte[] { 1, 2, 3 }), new Payload(header("a"), new byte[] { 1, 2 })));
		assertThat(payload).hasToString("Payload[header={\"k\":\"a\"}, tail=3 bytes]");
	}

	@Test
	void binaryContentsAreEqualByHeadersAndDataContent() {
		BinaryContent binary = new BinaryContent(header("a"), new byte[] { 9 });

		assertEqualOnlyTo(binary, new BinaryContent(header("a"), new byte[] { 9 }),
				List.of(new BinaryContent(header("b"), new byte[] { 9 }), new BinaryContent(header("a"), new byte[] { 8 })));
		assertThat(binary).hasToString("BinaryContent[headers={\"k\":\"a\"}, data=1 bytes]");
	}

	@Test
	void fileContentsAreEqualByNameMimeTypeAndDataContent() {
		FileContent file = new FileContent("a.txt", "text/plain", new byte[] { 'h', 'i' });

		assertEqualOnlyTo(file, new FileContent("a.txt", "text/plain", new byte[] { 'h', 'i' }),
				List.of(new FileContent("b.txt", "text/plain", new byte[] { 'h', 'i' }),
						new FileContent("a.txt", "text/html", new byte[] { 'h', 'i' }),
						new FileContent("a.txt", "text/plain", new byte[] { 'h', 'o' })));
		assertThat(file).hasToString("FileContent[name=a.txt, mimeType=text/plain, data=2 bytes]");
	}

	private static <T> void assertEqualOnlyTo(T value, T equal, List<T> different) {
		assertThat(value).isEqualTo(equal).hasSameHashCodeAs(equal).isNotEqualTo(new Object());
		for (T other : different) {
			assertThat(value).isNotEqualTo(other);
			assertThat(value.hashCode()).as("hash code of %s", other).isNotEqualTo(other.hashCode());
		}
	}

	private static ObjectNode header(String value) {
		return MAPPER.createObjectNode().put("k", value);
	}

}
