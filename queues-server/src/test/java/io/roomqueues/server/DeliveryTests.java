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

import static org.assertj.core.api.Assertions.assertThat;

/** Exactly-once delivery across many connections. */
class DeliveryTests {

	@RegisterExtension
	static final RoomServerExtension extension = RoomServerExtension.create();

	@Test
	void hundredReceiversAndHundredSendersDeliverEveryMessageExactlyOnce() {
		RoomServer server = extension.server();
		List<TestConnection> connections = new ArrayList<>();
		try {
			List<CompletableFuture<Content>> receives = new ArrayList<>();
			for (int i = 0; i < 100; i++) {
				TestConnection receiver = TestConnection.open(server, "crowd", "receiver-" + i);
				connections.add(receiver);
				receives.add(receiver.invoke("receive", receiver.args("name", "work", "wait", true)));
			}
			List<CompletableFuture<Content>> sends = new ArrayList<>();
			for (int i = 0; i < 100; i++) {
				TestConnection sender = TestConnection.open(server, "crowd", "sender-" + i);
				connections.add(sender);
				sends.add(sender.invoke("send", sender.args("name", "work", "message", Map.of("n", i))));
			}

			CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
			assertThat(sends).allSatisfy((send) -> assertThat(send.join()).isEqualTo(EmptyContent.INSTANCE));
			Set<Integer> received = new HashSet<>();
			for (CompletableFuture<Content> receive : receives) {
				Content content = receive.orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join();
				assertThat(content).isInstanceOf(JsonContent.class);
				received.add(((JsonContent) content).json().get("n").intValue());
			}
			assertThat(received).hasSize(100).allSatisfy((n) -> assertThat(n).isBetween(0, 99));
			assertThat(server.queues("crowd")).containsExactly(new QueueInfo("work", 0));
		}
		finally {
			connections.forEach(TestConnection::close);
		}
	}

	@Test
	void concurrentSendersAndReceiversOnOneQueueLoseAndDuplicateNothing() {
		RoomServer server = extension.server();
		try (TestConnection producer = TestConnection.open(server, "race", "producer");
				TestConnection consumerA = TestConnection.open(server, "race", "a");
				TestConnection consumerB = TestConnection.open(server, "race", "b")) {
			List<CompletableFuture<Content>> receives = new ArrayList<>();
			for (int i = 0; i < 500; i++) {
				TestConnection consumer = (i % 2 == 0) ? consumerA : consumerB;
				receives.add(consumer.invoke("receive", consumer.args("name", "r", "wait", true)));
				producer.invoke("send", producer.args("name", "r", "message", Map.of("n", i)));
			}

			Set<Integer> received = new HashSet<>();
			for (CompletableFuture<Content> receive : receives) {
				received.add(((JsonContent) receive.orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join()).json()
					.get("n")
					.intValue());
			}

			assertThat(received).hasSize(500);
			org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(server.queues("race")).containsExactly(new QueueInfo("r", 0)));
		}
	}

}
