package io.roomqueues.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.roomqueues.protocol.Content;
import io.roomqueues.protocol.EmptyContent;
import io.roomqueues.protocol.JsonContent;
import io.roomqueues.server.junit.RoomServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A consumer is handed messages only as fast as it reads them: what it asked for never gets it closed as "not
 * reading", the rest waits in the queue where other consumers can take it, and a client that leaves its other
 * responses unread is still closed.
 */
class FlowControlTests {

	private static final int WINDOW = 1024 * 1024;

	private static final String HALF_MIB = "x".repeat(512 * 1024);

	@RegisterExtension
	static final RoomServerExtension extension = RoomServerExtension
		.create((builder) -> builder.limits(ServerLimits.DEFAULTS.withMaxPendingOutboundBytes(WINDOW)));

	@Test
	void aConsumerThatAskedForLargeMessagesIsNeverCutOffAsNotReading() {
		RoomServer server = extension.server();
		try (TestConnection consumer = TestConnection.open(server, "slow", "consumer");
				TestConnection producer = TestConnection.open(server, "slow", "producer")) {
			List<CompletableFuture<Content>> receives = park(consumer, "big", 20);
			consumer.pauseReading();

			for (int i = 0; i < 20; i++) {
				assertThat(send(producer, "big", i)).isEqualTo(EmptyContent.INSTANCE);
			}
			await().untilAsserted(() -> assertThat(server.queues("slow").get(0).size()).isPositive());
			consumer.resumeReading();

			assertThat(numbers(receives)).hasSize(20);
			assertThat(consumer.closed).isNotDone();
			assertThat(server.queues("slow")).containsExactly(new QueueInfo("big", 0));
		}
	}

	@Test
	void messagesAConsumerCannotTakeYetGoToAConsumerThatReads() {
		RoomServer server = extension.server();
		try (TestConnection stalled = TestConnection.open(server, "share", "stalled");
				TestConnection reading = TestConnection.open(server, "share", "reading");
				TestConnection producer = TestConnection.open(server, "share", "producer")) {
			List<CompletableFuture<Content>> stalledReceives = park(stalled, "work", 20);
			stalled.pauseReading();
			List<CompletableFuture<Content>> readingReceives = park(reading, "work", 20);

			for (int i = 0; i < 20; i++) {
				send(producer, "work", i);
			}

			await().untilAsserted(() -> assertThat(readingReceives).anyMatch(CompletableFuture::isDone));
			stalled.resumeReading();
			List<CompletableFuture<Content>> all = new ArrayList<>(stalledReceives);
			all.addAll(readingReceives);
			await().until(() -> all.stream().filter(CompletableFuture::isDone).count() == 20);
			Set<Integer> numbers = new HashSet<>();
			all.stream().filter(CompletableFuture::isDone).forEach((done) -> numbers.add(number(done.join())));
			assertThat(numbers).hasSize(20);
		}
	}

	@Test
	void aClientThatLeavesItsResponsesUnreadIsClosedAndTheMessageItWasWrittenGoesBack() {
		try (RoomServer server = RoomServer.builder()
			.secret(extension.secret())
			.limits(ServerLimits.DEFAULTS.withMaxPendingOutboundBytes(WINDOW))
			.writeTimeout(Duration.ofMillis(500))
			.build()
			.start();
				TestConnection client = TestConnection.open(server, "unread", "client");
				TestConnection producer = TestConnection.open(server, "unread", "producer")) {
			for (int i = 0; i < 100; i++) {
				producer.invoke("open", producer.args("name", i + "-" + "q".repeat(200))).join();
			}
			client.invoke("receive", client.args("name", "big", "wait", true));
			await().until(() -> server.parkedReceiveCount("unread") == 1);
			client.pauseReading();
			producer.invoke("send", producer.args("name", "big", "message", Map.of("pad", "x".repeat(12 << 20))))
				.join();

			for (int i = 0; i < 100; i++) {
				client.send("room.invoke_tool", listRequest(client));
			}

			await().until(() -> server.connectionCount() == 1);
			await().untilAsserted(() -> assertThat(server.queues("unread")).contains(new QueueInfo("big", 1)));
		}
	}

	private static ObjectNode listRequest(TestConnection client) {
		ObjectNode header = client.args("toolkit", "queues", "tool", "list");
		header.putObject("arguments").put("type", "json").putObject("json");
		return header;
	}

	private static List<CompletableFuture<Content>> park(TestConnection consumer, String queue, int count) {
		int before = extension.server().parkedReceiveCount(consumer.room);
		List<CompletableFuture<Content>> receives = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			receives.add(consumer.invoke("receive", consumer.args("name", queue, "wait", true)));
		}
		await().until(() -> extension.server().parkedReceiveCount(consumer.room) >= before + count);
		return receives;
	}

	private static Content send(TestConnection producer, String queue, int n) {
		return producer.invoke("send", producer.args("name", queue, "message", Map.of("n", n, "pad", HALF_MIB))).join();
	}

	private static Set<Integer> numbers(List<CompletableFuture<Content>> receives) {
		Set<Integer> numbers = new HashSet<>();
		for (CompletableFuture<Content> receive : receives) {
			assertThat(receive).succeedsWithin(Duration.ofSeconds(10)).isInstanceOf(JsonContent.class);
			numbers.add(number(receive.join()));
		}
		return numbers;
	}

	private static int number(Content content) {
		return ((JsonContent) content).json().get("n").intValue();
	}

}
