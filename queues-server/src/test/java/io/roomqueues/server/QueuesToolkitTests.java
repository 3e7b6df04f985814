package io.roomqueues.server;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import io.roomqueues.protocol.Content;
import io.roomqueues.protocol.EmptyContent;
import io.roomqueues.protocol.ErrorContent;
import io.roomqueues.protocol.JsonContent;
import io.roomqueues.server.junit.RoomServerExtension;
import io.roomqueues.token.ParticipantToken;
import io.roomqueues.token.QueuesGrant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Every queues operation and error code, over real sockets. */
class QueuesToolkitTests {

	@RegisterExtension
	static final RoomServerExtension extension = RoomServerExtension.create();

	private final String room = "room-" + UUID.randomUUID();

	private final TestConnection client = TestConnection.open(extension.server(), this.room, "tester");

	@AfterEach
	void closeClient() {
		this.client.close();
	}

	@Test
	void seedExampleRunsLineByLine() {
		assertThat(call("list")).isEqualTo(json("{\"queues\":[]}"));
		assertThat(call("open", "name", "q")).isEqualTo(EmptyContent.INSTANCE);
		assertThat(call("send", "name", "q", "create", true, "message", Map.of("payload", "Hello World!")))
			.isEqualTo(EmptyContent.INSTANCE);
		assertThat(call("list")).isEqualTo(json("{\"queues\":[{\"name\":\"q\",\"size\":1}]}"));
		assertThat(call("receive", "name", "q", "create", true, "wait", true))
			.isEqualTo(json("{\"payload\":\"Hello World!\"}"));
		assertThat(call("receive", "name", "q", "create", true, "wait", false)).isEqualTo(EmptyContent.INSTANCE);
		assertThat(call("drain", "name", "q")).isEqualTo(EmptyContent.INSTANCE);
		assertThat(call("close", "name", "q")).isEqualTo(EmptyContent.INSTANCE);
		assertThat(call("list")).isEqualTo(json("{\"queues\":[]}"));
	}

	@Test
	void openingAnOpenQueueAnswers5002() {
		call("open", "name", "q");

		assertThat(call("open", "name", "q")).isEqualTo(new ErrorContent("queue 'q' already exists", 5002));
	}

	@Test
	void missingQueueWithoutCreateAnswers5001() {
		ErrorContent notFound = new ErrorContent("queue 'nope' not found", 5001);

		assertThat(call("send", "name", "nope", "create", false, "message", Map.of())).isEqualTo(notFound);
		assertThat(call("receive", "name", "nope", "create", false, "wait", false)).isEqualTo(notFound);
		assertThat(call("receive", "name", "nope", "create", false, "wait", true)).isEqualTo(notFound);
		assertThat(call("drain", "name", "nope")).isEqualTo(notFound);
		assertThat(call("close", "name", "nope")).isEqualTo(notFound);
		assertThat(call("list")).isEqualTo(json("{\"queues\":[]}"));
	}

	@Test
	void sendAndReceiveCreateTheQueueByDefault() {
		assertThat(call("send", "name", "auto", "message", Map.of("n", 1))).isEqualTo(EmptyContent.INSTANCE);
		assertThat(call("receive", "name", "other", "wait", false)).isEqualTo(EmptyContent.INSTANCE);

		assertThat(call("list")).isEqualTo(json("{\"queues\":[{\"name\":\"auto\",\"size\":1},{\"name\":\"other\",\"size\":0}]}"));
	}

	@Test
	void messagesComeOutInTheOrderTheyWentIn() {
		for (int i = 0; i < 20; i++) {
			call("send", "name", "fifo", "message", Map.of("n", i));
		}

		for (int i = 0; i < 20; i++) {
			assertThat(call("receive", "name", "fifo", "wait", false)).isEqualTo(json("{\"n\":" + i + "}"));
		}
	}

	@Test
	void drainEmptiesTheQueue() {
		call("send", "name", "d", "message", Map.of());
		call("send", "name", "d", "message", Map.of());

		call("drain", "name", "d");

		assertThat(call("list")).isEqualTo(json("{\"queues\":[{\"name\":\"d\",\"size\":0}]}"));
	}

	@Test
	void parkedReceiveIsReleasedBySendOnAnotherConnection() {
		CompletableFuture<Content> parked = this.client.invoke("receive", this.client.args("name", "wake", "wait", true));
		try (TestConnection sender = TestConnection.open(extension.server(), this.room, "sender")) {
			assertThat(sender.invoke("send", sender.args("name", "wake", "message", Map.of("hi", true))).join())
				.isEqualTo(EmptyContent.INSTANCE);
		}

		assertThat(parked).succeedsWithin(Duration.ofSeconds(5)).isEqualTo(json("{\"hi\":true}"));
		assertThat(call("list")).isEqualTo(json("{\"queues\":[{\"name\":\"wake\",\"size\":0}]}"));
	}

	@Test
	void parkedReceivesAreServedInArrivalOrder() {
		CompletableFuture<Content> first = this.client.invoke("receive", this.client.args("name", "o", "wait", true));
		CompletableFuture<Content> second = this.client.invoke("receive", this.client.args("name", "o", "wait", true));
		assertThat(call("list")).isEqualTo(json("{\"queues\":[{\"name\":\"o\",\"size\":0}]}"));

		call("send", "name", "o", "message", Map.of("n", 1));
		call("send", "name", "o", "message", Map.of("n", 2));

		assertThat(first).succeedsWithin(Duration.ofSeconds(5)).isEqualTo(json("{\"n\":1}"));
		assertThat(second).succeedsWithin(Duration.ofSeconds(5)).isEqualTo(json("{\"n\":2}"));
	}

	@Test
	void listIsAnsweredWhileAReceiveIsParkedOnTheSameConnection() {
		CompletableFuture<Content> parked = this.client.invoke("receive", this.client.args("name", "p", "wait", true));

		assertThat(call("list")).isEqualTo(json("{\"queues\":[{\"name\":\"p\",\"size\":0}]}"));
		assertThat(parked).isNotDone();
	}

	@Test
	void closeAnswersParkedReceivesWithEmpty() {
		CompletableFuture<Content> parked = this.client.invoke("receive", this.client.args("name", "c", "wait", true));
		call("list");

		assertThat(call("close", "name", "c")).isEqualTo(EmptyContent.INSTANCE);

		assertThat(parked).succeedsWithin(Duration.ofSeconds(5)).isEqualTo(EmptyContent.INSTANCE);
	}

	@Test
	void closedQueueDisappearsAndStartsAfreshWhenOpenedAgain() {
		call("send", "name", "c", "message", Map.of());
		call("close", "name", "c");

		assertThat(call("open", "name", "c")).isEqualTo(EmptyContent.INSTANCE);
		assertThat(call("list")).isEqualTo(json("{\"queues\":[{\"name\":\"c\",\"size\":0}]}"));
	}

	@Test
	void disconnectedParkedReceiverNeverGetsAMessage() {
		TestConnection leaver = TestConnection.open(extension.server(), this.room, "leaver");
		CompletableFuture<Content> parked = leaver.invoke("receive", leaver.args("name", "gone", "wait", true));
		assertThat(leaver.invoke("list", leaver.args()).join()).isNotNull();
		leaver.abort();
		org.awaitility.Awaitility.await().until(() -> extension.server().connectionCount() == 1);

		call("send", "name", "gone", "message", Map.of("kept", true));

		assertThat(parked).isNotCompleted();
		assertThat(call("list")).isEqualTo(json("{\"queues\":[{\"name\":\"gone\",\"size\":1}]}"));
		assertThat(call("receive", "name", "gone", "wait", false)).isEqualTo(json("{\"kept\":true}"));
	}

	@Test
	void queuesOutliveTheConnectionThatFilledThem() {
		try (TestConnection sender = TestConnection.open(extension.server(), this.room, "sender")) {
			sender.invoke("send", sender.args("name", "stays", "message", Map.of("v", 1))).join();
		}

		assertThat(call("receive", "name", "stays", "wait", false)).isEqualTo(json("{\"v\":1}"));
	}

	@Test
	void nonObjectMessageIsRefusedWith1002() {
		Content answer = call("send", "name", "q", "message", List.of(1, 2));

		assertThat(answer).isInstanceOfSatisfying(ErrorContent.class, (error) -> {
			assertThat(error.code()).isEqualTo(1002);
			assertThat(error.text()).contains("must be a JSON object");
		});
	}

	@Test
	void missingNameIsRefusedWith1002() {
		assertThat(call("open")).isEqualTo(new ErrorContent("queues.open needs a non-empty string 'name'", 1002));
	}

	@Test
	void unknownToolkitAndToolAnswer1003() {
		ObjectNode header = TestConnection.CODEC.jsonMapper().createObjectNode();
		header.put("toolkit", "storage").put("tool", "list");
		assertThat(this.client.request("room.invoke_tool", header).join())
			.isInstanceOfSatisfying(ErrorContent.class, (error) -> assertThat(error.code()).isEqualTo(1003));

		assertThat(call("explode")).isInstanceOfSatisfying(ErrorContent.class,
				(error) -> assertThat(error.code()).isEqualTo(1003));
	}

	@Test
	void unknownMessageTypeAnswers1002() {
		Content answer = this.client.request("room.list_toolkits", TestConnection.CODEC.jsonMapper().createObjectNode())
			.join();

		assertThat(answer).isEqualTo(new ErrorContent("message type 'room.list_toolkits' is not supported by this server", 1002));
	}

	@Test
	void setAttributesIsAcceptedSilently() {
		long id = this.client.send("set_attributes", this.client.args("name", "worker-1"));

		assertThat(call("list")).isInstanceOf(JsonContent.class);
		assertThat(this.client.responseTo(id)).isNotDone();
	}

	@Test
	void legacyDirectMessageTypesWork() {
		assertThat(this.client.request("queues.send", this.client.args("name", "legacy", "message", Map.of("a", 1))).join())
			.isEqualTo(EmptyContent.INSTANCE);
		assertThat(this.client.request("queues.receive", this.client.args("name", "legacy", "wait", false)).join())
			.isEqualTo(json("{\"a\":1}"));
	}

	@Test
	void aMessageArrivesAsTheJsonItWasSentAsWhateverItsSpacing() {
		String compact = "{\"a\":\"x y \\\"q\\\"\",\"n\":[1,{\"b\":null}],\"e\":\"\u00e9\"}";
		String spaced = "{ \"a\" : \"x y \\\"q\\\"\", \"n\" : [1, {\"b\": null}],\n \"e\":\"\\u00e9\" }";
		for (String message : List.of(compact, spaced)) {
			String header = "{\"toolkit\":\"queues\",\"tool\":\"send\",\"arguments\":{\"type\":\"json\",\"json\":"
					+ "{\"name\":\"raw\",\"message\":" + message + "}}}";
			byte[] json = header.getBytes(java.nio.charset.StandardCharsets.UTF_8);
			byte[] payload = java.nio.ByteBuffer.allocate(8 + json.length).putLong(json.length).put(json).array();

			assertThat(this.client.responseTo(this.client.sendPayload("room.invoke_tool", payload)).join())
				.isEqualTo(EmptyContent.INSTANCE);
		}

		assertThat(call("receive", "name", "raw", "wait", false)).isEqualTo(json(compact));
		assertThat(call("receive", "name", "raw", "wait", false)).isEqualTo(json(compact));
	}

	@Test
	void grantsAreEnforcedWith1001() {
		ParticipantToken limited = ParticipantToken.builder("limited")
			.room(this.room)
			.queues(new QueuesGrant(List.of("out"), List.of("in"), false))
			.build();
		try (TestConnection connection = TestConnection.open(
				java.net.URI.create(extension.server().roomUrl(this.room) + "?token=" + limited.toJwt(extension.secret())),
				Map.of(), List.of())) {
			assertThat(code(connection.invoke("list", connection.args()).join())).isEqualTo(1001);
			assertThat(code(connection.invoke("send", connection.args("name", "in", "message", Map.of())).join())).isEqualTo(1001);
			assertThat(code(connection.invoke("receive", connection.args("name", "out", "wait", false)).join())).isEqualTo(1001);
			assertThat(code(connection.invoke("drain", connection.args("name", "out")).join())).isEqualTo(1001);
			assertThat(connection.invoke("send", connection.args("name", "out", "message", Map.of())).join())
				.isEqualTo(EmptyContent.INSTANCE);
			assertThat(connection.invoke("receive", connection.args("name", "in", "wait", false)).join())
				.isEqualTo(EmptyContent.INSTANCE);
		}
	}

	@Test
	void everyOperationIsRefusedWith1001WithoutItsGrantAndAllowedWithIt() {
		ParticipantToken limited = ParticipantToken.builder("limited")
			.room(this.room)
			.queues(new QueuesGrant(List.of("out"), List.of("in"), false))
			.build();
		try (TestConnection connection = TestConnection.open(
				java.net.URI.create(extension.server().roomUrl(this.room) + "?token=" + limited.toJwt(extension.secret())),
				Map.of(), List.of())) {
			Map<String, Object[]> refused = new java.util.LinkedHashMap<>();
			refused.put("list", new Object[0]);
			refused.put("open", new Object[] { "name", "elsewhere" });
			refused.put("send", new Object[] { "name", "in", "message", Map.of() });
			refused.put("receive", new Object[] { "name", "out", "wait", true });
			refused.put("drain", new Object[] { "name", "out" });
			refused.put("close", new Object[] { "name", "out" });
			refused.forEach((tool, arguments) -> assertThat(connection.invoke(tool, connection.args(arguments)).join())
				.as(tool)
				.isInstanceOfSatisfying(ErrorContent.class, (error) -> {
					assertThat(error.code()).isEqualTo(1001);
					assertThat(error.text()).startsWith("participant 'limited' may not ");
				}));
			assertThat(code(connection.request("queues.receive", connection.args("name", "out", "wait", false)).join()))
				.isEqualTo(1001);
			assertThat(extension.server().parkedReceiveCount(this.room)).isZero();
			assertThat(extension.server().queues(this.room)).isEmpty();

			for (Object[] allowed : List.of(new Object[] { "open", "name", "out" }, new Object[] { "open", "name", "in" },
					new Object[] { "send", "name", "out", "message", Map.of() },
					new Object[] { "receive", "name", "in", "wait", false }, new Object[] { "drain", "name", "in" },
					new Object[] { "close", "name", "in" })) {
				assertThat(connection.invoke((String) allowed[0],
						connection.args(java.util.Arrays.copyOfRange(allowed, 1, allowed.length))).join())
					.as((String) allowed[0])
					.isEqualTo(EmptyContent.INSTANCE);
			}
		}
	}

	@Test
	void tokenWithoutQueuesGrantIsRefusedWith1001() {
		String jwt = ParticipantToken.builder("nogrant").queues(null).build().toJwt(extension.secret());
		try (TestConnection connection = TestConnection.open(
				java.net.URI.create(extension.server().roomUrl(this.room) + "?token=" + jwt), Map.of(), List.of())) {
			assertThat(connection.invoke("list", connection.args()).join())
				.isEqualTo(new ErrorContent("participant 'nogrant' has no api.queues grant in its token", 1001));
		}
	}

	@Test
	void aMessageHoldingUnpairedSurrogatesComesBackAsSentWhetherReceivedAtOnceOrParked() {
		String text = "lone low \uDE00, lone high \uD83D, and a pair \uD83D\uDE00";
		CompletableFuture<Content> parked = this.client.invoke("receive", this.client.args("name", "s", "wait", true));

		assertThat(call("send", "name", "s", "message", Map.of("text", text))).isEqualTo(EmptyContent.INSTANCE);
		assertThat(call("send", "name", "s", "message", Map.of("text", text))).isEqualTo(EmptyContent.INSTANCE);

		assertThat(parked.join()).isEqualTo(json(Map.of("text", text)));
		assertThat(call("receive", "name", "s", "wait", false)).isEqualTo(json(Map.of("text", text)));
		assertThat(extension.server().queues(this.room)).containsExactly(new QueueInfo("s", 0));
	}

	private Content call(String tool, Object... arguments) {
		return this.client.invoke(tool, this.client.args(arguments)).join();
	}

	private static JsonContent json(String json) {
		return new JsonContent(TestConnection.CODEC.jsonMapper().readValue(json, JsonNode.class));
	}

	private static JsonContent json(Map<String, ?> value) {
		return new JsonContent(TestConnection.CODEC.jsonMapper().valueToTree(value));
	}

	private static Integer code(Content content) {
		return ((ErrorContent) content).code();
	}

}
