package io.roomqueues.server;

import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;

import io.roomqueues.protocol.Content;
import io.roomqueues.protocol.EmptyContent;
import io.roomqueues.protocol.ErrorContent;
import io.roomqueues.protocol.Frames;
import io.roomqueues.protocol.JsonContent;
import io.roomqueues.protocol.MessageTypes;
import io.roomqueues.server.junit.RoomServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** Limits and bad input: each refused with an error naming the limit, and nothing lost. */
class ServerLimitsTests {

	@RegisterExtension
	static final RoomServerExtension extension = RoomServerExtension.create((builder) -> builder
		.limits(ServerLimits.DEFAULTS.withMaxMessageSize(4096).withMaxQueueLength(3).withMaxConnections(5)));

	@Test
	void sendPastTheQueueLengthIsRefusedAndNothingIsDropped() {
		try (TestConnection client = TestConnection.open(extension.server(), "full", "c")) {
			for (int i = 0; i < 3; i++) {
				assertThat(client.invoke("send", client.args("name", "q", "message", Map.of("n", i))).join())
					.isEqualTo(EmptyContent.INSTANCE);
			}

			Content refused = client.invoke("send", client.args("name", "q", "message", Map.of("n", 3))).join();

			assertThat(refused).isInstanceOfSatisfying(ErrorContent.class, (error) -> {
				assertThat(error.code()).isEqualTo(1008);
				assertThat(error.text()).contains("holds 3 messages, the queue length limit");
			});
			assertThat(extension.server().queues("full")).containsExactly(new QueueInfo("q", 3));
			assertThat(client.invoke("receive", client.args("name", "q", "wait", false)).join())
				.isInstanceOf(JsonContent.class);
		}
	}

	@Test
	void oversizedMessageIsAnsweredWithTheLimitAndTheConnectionGoesOn() {
		try (TestConnection client = TestConnection.open(extension.server(), "big", "c")) {
			String text = "x".repeat(5000);

			Content refused = client.invoke("send", client.args("name", "q", "message", Map.of("text", text))).join();

			assertThat(refused).isInstanceOfSatisfying(ErrorContent.class, (error) -> {
				assertThat(error.code()).isEqualTo(1002);
				assertThat(error.text()).contains("maximum message size of 4096 bytes");
			});
			assertThat(client.invoke("list", client.args()).join()).isInstanceOf(JsonContent.class);
			assertThat(extension.server().queues("big")).isEmpty();
		}
	}

	@Test
	void headerFrameAnnouncingMorePacketsThanFitIsRefusedAtOnceAndTheConnectionGoesOn() {
		try (TestConnection client = TestConnection.open(extension.server(), "huge", "c")) {
			byte[] type = MessageTypes.INVOKE_TOOL.getBytes(java.nio.charset.StandardCharsets.UTF_8);
			client.sendFrames(ByteBuffer.allocate(16 + type.length).putLong(7).putInt(0).putInt(-1).put(type).flip());

			assertThat(client.responseTo(7).join()).isInstanceOfSatisfying(ErrorContent.class, (error) -> {
				assertThat(error.code()).isEqualTo(1002);
				assertThat(error.text()).contains("maximum message size of 4096 bytes");
			});
			assertThat(client.invoke("list", client.args()).join()).isInstanceOf(JsonContent.class);
		}
	}

	@Test
	void malformedFrameClosesOnlyThatConnectionWithAReason() {
		try (TestConnection bystander = TestConnection.open(extension.server(), "bad", "ok");
				TestConnection offender = TestConnection.open(extension.server(), "bad", "bad")) {
			offender.sendFrames(ByteBuffer.wrap(new byte[] { 1, 2, 3 }));

			assertThat(offender.closed).succeedsWithin(Duration.ofSeconds(5)).satisfies((close) -> {
				assertThat(close.code()).isEqualTo(1002);
				assertThat(close.reason()).contains("shorter than the 12-byte frame prefix");
			});
			assertThat(bystander.invoke("list", bystander.args()).join()).isInstanceOf(JsonContent.class);
		}
	}

	@Test
	void unreadablePayloadIsAnsweredWith1002AndTheConnectionGoesOn() {
		try (TestConnection client = TestConnection.open(extension.server(), "json", "c")) {
			byte[] payload = ByteBuffer.allocate(13).putLong(5).put("{nope".getBytes()).array();
			client.sendFrames(Frames.encode(0, MessageTypes.INVOKE_TOOL, payload));

			assertThat(client.responseTo(0).join()).isInstanceOfSatisfying(ErrorContent.class, (error) -> {
				assertThat(error.code()).isEqualTo(1002);
				assertThat(error.text()).contains("not valid UTF-8 JSON");
			});
			assertThat(client.invoke("list", client.args()).join()).isInstanceOf(JsonContent.class);
		}
	}

	@Test
	void textWebSocketMessageClosesTheConnectionWithAReason() throws Exception {
		try (TestConnection client = TestConnection.open(extension.server(), "text", "c")) {
			java.lang.reflect.Field socket = TestConnection.class.getDeclaredField("socket");
			socket.setAccessible(true);
			((java.net.http.WebSocket) socket.get(client)).sendText("hello", true).join();

			assertThat(client.closed).succeedsWithin(Duration.ofSeconds(5))
				.satisfies((close) -> assertThat(close.reason()).contains("frames are binary"));
		}
	}

	@Test
	void aTextMessageLongerThanTomcatsTextBufferIsClosedByTheServerWithItsReason() throws Exception {
		try (TestConnection client = TestConnection.open(extension.server(), "long-text", "c")) {
			java.lang.reflect.Field socket = TestConnection.class.getDeclaredField("socket");
			socket.setAccessible(true);
			((java.net.http.WebSocket) socket.get(client)).sendText("x".repeat(20_000), true).join();

			assertThat(client.closed).succeedsWithin(Duration.ofSeconds(5)).satisfies((close) -> {
				assertThat(close.code()).isEqualTo(1003);
				assertThat(close.reason()).contains("frames are binary");
			});
		}
	}

	@Test
	void connectionsPastTheLimitAreRefusedWith503() {
		RoomServer server = extension.server();
		org.awaitility.Awaitility.await().until(() -> server.connectionCount() == 0);
		TestConnection[] open = new TestConnection[5];
		try {
			for (int i = 0; i < open.length; i++) {
				open[i] = TestConnection.open(server, "many", "c" + i);
			}

			int status = TestConnection.refusedStatus(
					URI.create(server.roomUrl("many") + "?token=" + server.token("extra", "many")), Map.of());

			assertThat(status).isEqualTo(503);
		}
		finally {
			for (TestConnection connection : open) {
				if (connection != null) {
					connection.close();
				}
			}
		}
	}

}
