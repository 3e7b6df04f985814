package io.roomqueues.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.roomqueues.client.ReconnectPolicy;
import io.roomqueues.client.RoomClient;
import io.roomqueues.client.RoomTimeoutException;
import io.roomqueues.server.QueueInfo;
import io.roomqueues.server.RoomServer;
import io.roomqueues.server.junit.RoomServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A receive whose caller gives up (cancel, {@code orTimeout}, a bounded receive) keeps its message: the protocol
 * cannot cancel a receive parked on the server, so the client holds or returns what it later gets.
 */
class AbandonedReceiveTests {

	@RegisterExtension
	static RoomServerExtension server = RoomServerExtension.create();

	@Test
	void aReceiveItsCallerCancelledKeepsItsMessage() {
		try (RoomClient consumer = connect("consumer"); RoomClient producer = connect("producer")) {
			CompletableFuture<ObjectNode> receive = consumer.queues().receive("cancelled");
			awaitParked(consumer, 1);
			receive.cancel(false);

			producer.queues().send("cancelled", Map.of("n", 1)).join();

			assertThat(producer.queues().receive("cancelled").orTimeout(5, TimeUnit.SECONDS).join())
				.hasToString("{\"n\":1}");
		}
	}

	@Test
	void aReceiveCompletedByOrTimeoutKeepsItsMessage() {
		try (RoomClient consumer = connect("consumer"); RoomClient producer = connect("producer")) {
			CompletableFuture<ObjectNode> receive = consumer.queues().receive("timed-out").orTimeout(100,
					TimeUnit.MILLISECONDS);
			await().until(receive::isDone);

			producer.queues().send("timed-out", Map.of("n", 2)).join();

			assertThat(producer.queues().receive("timed-out").orTimeout(5, TimeUnit.SECONDS).join())
				.hasToString("{\"n\":2}");
		}
	}

	@Test
	void aBoundedReceiveAnswersNullInTimeAndTheNextReceiveTakesTheLateMessage() {
		try (RoomClient consumer = connect("consumer"); RoomClient producer = connect("producer")) {
			for (int i = 0; i < 3; i++) {
				assertThat(consumer.queues().receive("bounded", Duration.ofMillis(50)).join()).isNull();
			}
			// each bounded receive took over the one before it instead of parking another
			await().untilAsserted(() -> assertThat(consumer.unclaimedMessages()).isEqualTo(1));
			assertThat(consumer.pendingRequests()).isZero();

			producer.queues().send("bounded", Map.of("n", 3)).join();

			assertThat(consumer.queues().receive("bounded", Duration.ofSeconds(5)).join()).hasToString("{\"n\":3}");
			assertThat(consumer.unclaimedMessages()).isZero();
			assertThat(server.server().queues("room")).filteredOn((queue) -> queue.name().equals("bounded"))
				.singleElement()
				.satisfies((queue) -> assertThat(queue.size()).isZero());
		}
	}

	@Test
	void aTypedBoundedReceiveTakesTheMessageThatCameLate() {
		try (RoomClient consumer = connect("consumer"); RoomClient producer = connect("producer")) {
			assertThat(consumer.queues().receive("typed", Duration.ofMillis(50), Job.class).join()).isNull();
			producer.queues().send("typed", new Job(7)).join();

			assertThat(consumer.queues().receive("typed", Duration.ofSeconds(5), Job.class).join()).isEqualTo(new Job(7));
		}
	}

	@Test
	void messagesForSeveralAbandonedReceivesGoBackOnceEachInTheirOrder() {
		try (RoomClient consumer = connect("consumer"); RoomClient producer = connect("producer")) {
			List<CompletableFuture<ObjectNode>> receives = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				receives.add(consumer.queues().receive("several"));
			}
			awaitParked(consumer, 3);
			receives.forEach((receive) -> receive.cancel(false));

			for (int i = 1; i <= 3; i++) {
				producer.queues().send("several", Map.of("n", i)).join();
			}

			List<String> received = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				received.add(producer.queues().receive("several").orTimeout(5, TimeUnit.SECONDS).join().toString());
			}
			assertThat(received).containsExactly("{\"n\":1}", "{\"n\":2}", "{\"n\":3}");
			assertThat(producer.queues().tryReceive("several").join()).isNull();
			// the consumer counts a return once the server's answer to it has been handled
			await().untilAsserted(() -> {
				assertThat(consumer.unclaimedMessages()).isZero();
				assertThat(consumer.returnedMessages()).isEqualTo(3);
			});
		}
	}

	@Test
	void aMessageHeldForAnAbandonedReceiveReachesAnotherConsumerOnceItsHoldTimeIsUp() {
		try (RoomClient consumer = connect("consumer"); RoomClient producer = connect("producer");
				RoomClient other = connect("other")) {
			CompletableFuture<ObjectNode> first = consumer.queues().receive("stranded");
			CompletableFuture<ObjectNode> second = consumer.queues().receive("stranded");
			awaitParked(consumer, 2);
			first.cancel(false);
			second.cancel(false);
			producer.queues().send("stranded", Map.of("n", 1)).join();
			CompletableFuture<ObjectNode> others = other.queues().receive("stranded", Duration.ofSeconds(10));

			// held for the default second, then back to the queue: the other abandoned receive takes it and holds it
			// a second more, then it reaches the other consumer, parked behind the two abandoned receives
			assertThat(others).succeedsWithin(Duration.ofSeconds(10)).hasToString("{\"n\":1}");
			await().untilAsserted(() -> assertThat(consumer.unclaimedMessages()).isZero());
		}
	}

	/**
	 * The protocol cannot cancel a parked receive: a message returned when its hold time is up lands on the next
	 * abandoned receive of the same client, so on a quiet queue it goes back once per abandoned receive, never more.
	 */
	@Test
	void aMessageOfSeveralAbandonedReceivesGoesBackAtMostOncePerAbandonedReceiveAndEndsInItsQueueOnce() {
		try (RoomClient consumer = RoomClient.builder()
			.url(server.server().url())
			.room("room")
			.token(server.server().token("consumer", "room"))
			.holdTime(Duration.ofMillis(100))
			.build(); RoomClient producer = connect("producer")) {
			consumer.connect().join();
			List<CompletableFuture<ObjectNode>> receives = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				receives.add(consumer.queues().receive("once"));
			}
			awaitParked(consumer, 3);
			receives.forEach((receive) -> receive.cancel(false));

			producer.queues().send("once", Map.of("n", 1)).join();

			await().atMost(Duration.ofSeconds(10))
				.until(() -> consumer.unclaimedMessages() == 0 && sizeOf("once") == 1);
			assertThat(consumer.returnedMessages()).as("times the message was sent back").isBetween(1L, 3L);
			assertThat(producer.queues().tryReceive("once").join()).hasToString("{\"n\":1}");
			assertThat(producer.queues().tryReceive("once").join()).isNull();
		}
	}

	@Test
	void aMessageHeldForAnAbandonedReceiveGoesToTheNextReceiveOfItsQueue() {
		try (RoomClient consumer = connect("consumer"); RoomClient producer = connect("producer")) {
			CompletableFuture<ObjectNode> first = consumer.queues().receive("held");
			CompletableFuture<ObjectNode> second = consumer.queues().receive("held");
			awaitParked(consumer, 2);
			first.cancel(false);
			second.cancel(false);
			producer.queues().send("held", Map.of("n", 1)).join();
			await().until(() -> consumer.unclaimedMessages() == 2);

			assertThat(consumer.queues().receive("held", Duration.ofSeconds(5)).join()).hasToString("{\"n\":1}");
			producer.queues().send("held", Map.of("n", 2)).join();
			assertThat(consumer.queues().receive("held", Duration.ofSeconds(5)).join()).hasToString("{\"n\":2}");
		}
	}

	@Test
	void aNonWaitingReceiveThatTimedOutReturnsItsLateMessage() {
		try (ScriptedRoomServer slow = ScriptedRoomServer.answeringReceivesLate(Duration.ofMillis(300));
				RoomClient consumer = RoomClient.builder()
					.url(slow.url())
					.room("r")
					.token("t")
					.requestTimeout(Duration.ofMillis(50))
					.reconnect(ReconnectPolicy.NEVER)
					.build()) {
			consumer.connect().join();
			CompletableFuture<ObjectNode> receive = consumer.queues().tryReceive("late");
			await().until(receive::isDone);
			assertThat(receive).failsWithin(Duration.ZERO)
				.withThrowableOfType(java.util.concurrent.ExecutionException.class)
				.withCauseInstanceOf(RoomTimeoutException.class);

			await().until(() -> slow.sends.contains("late:{\"late\":0}"));
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	@Test
	void aMessageOnItsWayBackWaitsForTheNextConnection() {
		RoomServer stoppable = RoomServer.builder().secret("s").build().start();
		int port = stoppable.port();
		try (RoomClient client = RoomClient.builder()
			.url(stoppable.url())
			.room("room")
			.token(() -> stoppable.token("returner", "room"))
			.reconnect(new ReconnectPolicy(Duration.ofMillis(50), Duration.ofMillis(200), 2, 0, 1000))
			.build()) {
			client.connect().join();
			stoppable.close();
			await().until(() -> client.state() != io.roomqueues.client.ConnectionState.CONNECTED);

			CompletableFuture<Void> returned = client.queues()
				.returnToQueue("returns", client.queues().toObject(Map.of("n", 1)));
			assertThat(returned).isNotDone();

			try (RoomServer restarted = RoomServer.builder().secret("s").port(port).build().start()) {
				returned.orTimeout(10, TimeUnit.SECONDS).join();
				assertThat(restarted.queues("room")).singleElement()
					.satisfies((queue) -> assertThat(queue.size()).isEqualTo(1));
			}
		}
	}

	@Test
	void aClosingClientSendsHeldMessagesBack() {
		try (RoomClient producer = connect("producer")) {
			RoomClient consumer = connect("consumer");
			CompletableFuture<ObjectNode> first = consumer.queues().receive("closing");
			CompletableFuture<ObjectNode> second = consumer.queues().receive("closing");
			awaitParked(consumer, 2);
			first.cancel(false);
			second.cancel(false);
			producer.queues().send("closing", Map.of("n", 1)).join();
			await().until(() -> consumer.unclaimedMessages() == 2);

			consumer.close();

			assertThat(producer.queues().receive("closing", Duration.ofSeconds(5)).join()).hasToString("{\"n\":1}");
		}
	}

	@Test
	void aMessageOnItsWayBackWhenTheClientClosesIsSentOnce() throws Exception {
		try (ScriptedRoomServer scripted = ScriptedRoomServer.answeringSendsOnlyOnClose()) {
			RoomClient client = RoomClient.builder().url(scripted.url()).room("r").token("t").build();
			client.connect().join();
			CompletableFuture<Void> returned = client.queues()
				.returnToQueue("back", client.queues().toObject(Map.of("n", 1)));
			await().until(() -> scripted.sends.size() == 1);

			client.close();

			assertThat(returned).succeedsWithin(Duration.ofSeconds(5));
			assertThat(scripted.sends).containsExactly("back:{\"n\":1}");
		}
	}

	private static void awaitParked(RoomClient client, int receives) {
		await().until(() -> client.queues().waitingReceives() == receives && client.pendingRequests() == receives);
		// the server answers a list only after it has handled the receives sent before it
		client.queues().list().join();
	}

	private static int sizeOf(String queue) {
		return server.server()
			.queues("room")
			.stream()
			.filter((info) -> info.name().equals(queue))
			.mapToInt(QueueInfo::size)
			.findFirst()
			.orElse(0);
	}

	private static RoomClient connect(String participant) {
		RoomClient client = RoomClient.builder()
			.url(server.server().url())
			.room("room")
			.token(server.server().token(participant, "room"))
			.build();
		client.connect().join();
		return client;
	}

	record Job(int id) {
	}

}
