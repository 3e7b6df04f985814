package io.roomqueues.server;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.roomqueues.protocol.JsonContent;
import io.roomqueues.protocol.MessageTypes;
import io.roomqueues.server.junit.RoomServerExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A connection the server closes for breaking the protocol has nothing it sent afterwards carried out, even what was
 * already on its way: the client was told it is closed, and gets no answer that a send took effect.
 */
class ProtocolViolationTests {

	@RegisterExtension
	static final RoomServerExtension extension = RoomServerExtension.create((builder) -> builder
		.limits(ServerLimits.DEFAULTS.withMaxMessageSize(4096)));

	@ParameterizedTest
	@ValueSource(strings = { "short frame", "data frame without a header", "frame too big" })
	void requestsThatFollowAProtocolViolationAreNotCarriedOut(String violation) {
		RoomServer server = extension.server();
		String room = violation.replace(' ', '-');
		try (TestConnection offender = TestConnection.open(server, room, "offender");
				TestConnection bystander = TestConnection.open(server, room, "bystander")) {
			ObjectNode send = offender.args("name", "after", "message", Map.of("sent", "after the violation"));
			ByteBuffer[] after = TestConnection.CODEC.encode(99, MessageTypes.INVOKE_TOOL, invokeTool("send", send));
			ByteBuffer[] frames = new ByteBuffer[after.length + 1];
			frames[0] = switch (violation) {
				case "short frame" -> ByteBuffer.wrap(new byte[] { 1, 2, 3 });
				case "data frame without a header" -> ByteBuffer.allocate(20).putLong(5).putInt(1).flip();
				default -> ByteBuffer.wrap(new byte[4096 + 64 * 1024 + 1]);
			};
			System.arraycopy(after, 0, frames, 1, after.length);

			try {
				offender.sendFrames(frames);
			}
			catch (java.util.concurrent.CompletionException ex) {
				// the close overtook the last frames: they never left, so there is less to carry out
			}

			assertThat(offender.closed).succeedsWithin(Duration.ofSeconds(5))
				.satisfies((close) -> assertThat(close.code()).isIn(1002, 1009));
			await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
				.untilAsserted(() -> assertThat(server.queues(room)).isEmpty());
			assertThat(bystander.invoke("list", bystander.args()).join()).isEqualTo(new JsonContent(
					TestConnection.CODEC.jsonMapper().createObjectNode().set("queues",
							TestConnection.CODEC.jsonMapper().valueToTree(List.of()))));
		}
	}

	private static ObjectNode invokeTool(String tool, ObjectNode arguments) {
		ObjectNode header = TestConnection.CODEC.jsonMapper().createObjectNode().put("toolkit", "queues").put("tool", tool);
		header.putObject("arguments").put("type", "json").set("json", arguments);
		return header;
	}

}
