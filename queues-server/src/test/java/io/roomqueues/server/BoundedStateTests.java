package io.roomqueues.server;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

import io.roomqueues.protocol.Content;
import io.roomqueues.protocol.EmptyContent;
import io.roomqueues.protocol.ErrorContent;
import io.roomqueues.protocol.JsonContent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What one participant can make the server hold is bounded: queues, parked receives, rooms, name lengths and queued
 * bytes, each refused with 1008 and an error that names the limit and its value, nothing dropped.
 */
class BoundedStateTests {

	private static final String PAD = "x".repeat(1000);

	private RoomServer server;

	@AfterEach
	void stop() {
		if (this.server != null) {
			this.server.close();
		}
	}

	@Test
	void queuesPastTheRoomLimitAreRefusedWith1008() {
		start((limits) -> limits.maxQueuesPerRoom(3));
		try (TestConnection client = TestConnection.open(this.server, "r", "c")) {
			assertThat(call(client, "open", "name", "a")).isEqualTo(EmptyContent.INSTANCE);
			assertThat(call(client, "send", "name", "b", "message", Map.of())).isEqualTo(EmptyContent.INSTANCE);
			assertThat(call(client, "receive", "name", "c", "wait", false)).isEqualTo(EmptyContent.INSTANCE);

			for (Content refused : List.of(call(client, "open", "name", "d"),
					call(client, "send", "name", "d", "message", Map.of()),
					call(client, "receive", "name", "d", "wait", true))) {
				assertRefused(refused, "holds 3 queues, the max-queues-per-room limit");
			}
			assertThat(this.server.queues("r")).extracting(QueueInfo::name).containsExactly("a", "b", "c");

			call(client, "close", "name", "a");
			assertThat(call(client, "open", "name", "d")).isEqualTo(EmptyContent.INSTANCE);
		}
	}

	@Test
	void parkedReceivesPastTheConnectionLimitAreRefusedWith1008() {
		start((limits) -> limits.maxParkedReceivesPerConnection(2));
		try (TestConnection consumer = TestConnection.open(this.server, "r", "consumer");
				TestConnection other = TestConnection.open(this.server, "r", "other")) {
			CompletableFuture<Content> first = consumer.invoke("receive", consumer.args("name", "q", "wait", true));
			CompletableFuture<Content> second = consumer.invoke("receive", consumer.args("name", "q", "wait", true));

			assertRefused(call(consumer, "receive", "name", "q", "wait", true),
					"has 2 receives waiting, the max-parked-receives limit");
			CompletableFuture<Content> others = other.invoke("receive", other.args("name", "q", "wait", true));
			call(other, "send", "name", "q", "message", Map.of("n", 1));
			assertThat(first).succeedsWithin(Duration.ofSeconds(5)).isInstanceOf(JsonContent.class);
			CompletableFuture<Content> third = consumer.invoke("receive", consumer.args("name", "q", "wait", true));
			for (int n = 2; n <= 4; n++) {
				call(other, "send", "name", "q", "message", Map.of("n", n));
			}
			assertThat(List.of(second, others, third)).allSatisfy((receive) -> assertThat(receive)
				.succeedsWithin(Duration.ofSeconds(5)).isInstanceOf(JsonContent.class));
		}
	}

	@Test
	void aClosedConnectionsParkedReceivesLeaveTheirQueues() {
		start(UnaryOperator.identity());
		TestConnection leaver = TestConnection.open(this.server, "r", "leaver");
		for (int i = 0; i < 5; i++) {
			leaver.invoke("receive", leaver.args("name", "q" + i, "wait", true));
		}
		await().until(() -> this.server.parkedReceiveCount("r") == 5);

		leaver.abort();

		await().atMost(Duration.ofSeconds(5)).until(() -> this.server.parkedReceiveCount("r") == 0);
	}

	@Test
	void roomsPastTheServerLimitAreRefusedWith503NamingTheLimit() {
		start((limits) -> limits.maxRooms(2));
		try (TestConnection a = TestConnection.open(this.server, "a", "c");
				TestConnection b = TestConnection.open(this.server, "b", "c")) {
			assertThat(List.of(a, b)).allSatisfy((open) -> assertThat(open.closed).isNotDone());

			String body = refusal("c");

			assertThat(body).startsWith("503:").contains("holds 2 rooms, the max-rooms limit");
			assertThat(this.server.roomCount()).isEqualTo(2);
		}
	}

	@Test
	void roomsWithNoConnectionAndNoQueueAreRemovedSoTheCountDoesNotCreep() {
		start((limits) -> limits.maxRooms(2));
		try (TestConnection keeper = TestConnection.open(this.server, "kept", "c")) {
			call(keeper, "send", "name", "q", "message", Map.of("kept", true));
		}
		for (int i = 0; i < 3; i++) {
			try (TestConnection visitor = TestConnection.open(this.server, "visit-" + i, "c")) {
				assertThat(call(visitor, "list")).isInstanceOf(JsonContent.class);
			}
			await().until(() -> this.server.roomCount() == 1);
		}

		assertThat(this.server.queues("kept")).containsExactly(new QueueInfo("q", 1));
		try (TestConnection emptier = TestConnection.open(this.server, "kept", "c")) {
			call(emptier, "close", "name", "q");
		}
		await().until(() -> this.server.roomCount() == 0);
	}

	@Test
	void queueNameLongerThanTheLimitIsRefusedWith1008() {
		start((limits) -> limits.maxQueueNameLength(8));
		try (TestConnection client = TestConnection.open(this.server, "r", "c")) {
			assertThat(call(client, "open", "name", "12345678")).isEqualTo(EmptyContent.INSTANCE);

			assertRefused(call(client, "open", "name", "123456789"),
					"queue name of 9 characters is longer than 8, the max-queue-name-length limit");
		}
	}

	@Test
	void sendPastTheRoomBudgetIsRefusedAndNothingIsDropped() {
		start((limits) -> limits.maxQueuedBytesPerRoom(2 * messageBytes() + 10));
		try (TestConnection client = TestConnection.open(this.server, "r", "c");
				TestConnection neighbour = TestConnection.open(this.server, "other", "c")) {
			assertThat(call(client, "send", "name", "q", "message", Map.of("n", 1, "pad", PAD))).isEqualTo(EmptyContent.INSTANCE);
			assertThat(call(client, "send", "name", "q", "message", Map.of("n", 2, "pad", PAD))).isEqualTo(EmptyContent.INSTANCE);

			assertRefused(call(client, "send", "name", "q", "message", Map.of("n", 3, "pad", PAD)),
					"room 'r' holds " + 2 * messageBytes(), "over " + (2 * messageBytes() + 10)
							+ " bytes, the max-room-queued-bytes limit; nothing was added");
			assertThat(this.server.queues("r")).containsExactly(new QueueInfo("q", 2));
			assertThat(call(neighbour, "send", "name", "q", "message", Map.of("n", 1, "pad", PAD)))
				.isEqualTo(EmptyContent.INSTANCE);

			assertThat(number(call(client, "receive", "name", "q", "wait", false))).isEqualTo(1);
			await().untilAsserted(() -> assertThat(call(client, "send", "name", "q", "message",
					Map.of("n", 3, "pad", PAD))).isEqualTo(EmptyContent.INSTANCE));
			assertThat(number(call(client, "receive", "name", "q", "wait", false))).isEqualTo(2);
			assertThat(number(call(client, "receive", "name", "q", "wait", false))).isEqualTo(3);
		}
	}

	@Test
	void sendPastTheServerBudgetIsRefusedInAnyRoom() {
		start((limits) -> limits.maxQueuedBytesPerServer(2 * messageBytes()));
		try (TestConnection a = TestConnection.open(this.server, "a", "c");
				TestConnection b = TestConnection.open(this.server, "b", "c")) {
			call(a, "send", "name", "q", "message", Map.of("n", 1, "pad", PAD));
			call(b, "send", "name", "q", "message", Map.of("n", 2, "pad", PAD));

			assertRefused(call(b, "send", "name", "q", "message", Map.of("n", 3, "pad", PAD)),
					"the server holds " + 2 * messageBytes(), "the max-server-queued-bytes limit");
			assertThat(this.server.queues("a")).containsExactly(new QueueInfo("q", 1));
			assertThat(this.server.queues("b")).containsExactly(new QueueInfo("q", 1));
		}
	}

	@Test
	void theBudgetIsGivenBackWhenMessagesAreReceivedDrainedOrClosed() {
		start(UnaryOperator.identity());
		try (TestConnection client = TestConnection.open(this.server, "r", "c")) {
			for (String queue : List.of("received", "drained", "closed")) {
				call(client, "send", "name", queue, "message", Map.of("n", 1, "pad", PAD));
			}
			assertThat(this.server.queuedBytes()).isEqualTo(3 * messageBytes());

			call(client, "receive", "name", "received", "wait", false);
			call(client, "drain", "name", "drained");
			call(client, "close", "name", "closed");

			await().until(() -> this.server.queuedBytes() == 0);
		}
	}

	/** The bytes one message with {@link #PAD} counts: its compact JSON plus the bookkeeping. */
	private static long messageBytes() {
		return ("{\"n\":1,\"pad\":\"" + PAD + "\"}").length() + QueuedMessage.BOOKKEEPING_BYTES;
	}

	private void start(UnaryOperator<ServerLimits.Builder> limits) {
		this.server = RoomServer.builder()
			.secret("bounded-state-secret-of-32-bytes!")
			.limits(limits.apply(ServerLimits.builder()).build())
			.build()
			.start();
	}

	private String refusal(String room) {
		return RawSocket.refusal(this.server.port(), "/rooms/" + room + "?token=" + this.server.token("c", room));
	}

	private static Content call(TestConnection client, String tool, Object... arguments) {
		return client.invoke(tool, client.args(arguments)).join();
	}

	private static int number(Content content) {
		return ((JsonContent) content).json().get("n").intValue();
	}

	private static void assertRefused(Content content, String... texts) {
		assertThat(content).isInstanceOfSatisfying(ErrorContent.class, (error) -> {
			assertThat(error.code()).isEqualTo(1008);
			assertThat(error.text()).contains(texts);
		});
	}

}
