package io.roomqueues.it;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.roomqueues.client.ConnectionState;
import io.roomqueues.client.ReconnectPolicy;
import io.roomqueues.client.RoomClient;
import io.roomqueues.client.RoomClientBuilder;
import io.roomqueues.client.RoomConnectionListener;
import io.roomqueues.server.junit.RoomServerExtension;
import io.roomqueues.server.junit.TcpRelay;
import io.roomqueues.token.ParticipantToken;
import io.roomqueues.token.QueuesGrant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.awaitility.Awaitility.await;

/**
 * An application hook that throws (a connection listener, the unreturned-message handler, a request interceptor)
 * is logged and changes nothing the client does: it reconnects, completes every request and loses no message.
 */
class UserCallbackFailureTests {

	@RegisterExtension
	static RoomServerExtension server = RoomServerExtension.create();

	@Test
	void aConnectionListenerThatThrowsNeitherStopsTheReconnectNorLeavesRequestsWaiting() {
		try (TcpRelay relay = TcpRelay.start(server.server().port());
				RoomClient client = RoomClient.builder()
					.url("ws://127.0.0.1:" + relay.port())
					.room("room")
					.token(server.server().token("listened", "room"))
					.reconnect(new ReconnectPolicy(Duration.ofMillis(50), Duration.ofMillis(200), 2, 0, 1000))
					.build()) {
			client.addConnectionListener(new RoomConnectionListener() {
				@Override
				public void disconnected(RoomClient room, Throwable cause) {
					throw new IllegalStateException("a metrics hook with a bug");
				}
			});
			client.connect().join();
			CompletableFuture<ObjectNode> parked = client.queues().receive("listened");
			await().until(() -> client.pendingRequests() == 1);

			relay.cut();

			assertThat(parked).as("the pending receive fails").failsWithin(Duration.ofSeconds(5));
			await().atMost(Duration.ofSeconds(10)).until(() -> client.state() == ConnectionState.CONNECTED);
		}
	}

	@Test
	void aConnectionListenerThatThrowsWhenConnectedLetsTheConnectCompleteAndTheCloseFinish() {
		List<String> heard = new CopyOnWriteArrayList<>();
		RoomClient client = builder("connected").build();
		client.addConnectionListener(new RoomConnectionListener() {
			@Override
			public void connected(RoomClient room, boolean reconnect) {
				throw new IllegalStateException("a listener with a bug");
			}

			@Override
			public void closed(RoomClient room, Throwable cause) {
				throw new IllegalStateException("a listener with a bug");
			}
		});
		client.addConnectionListener(new RoomConnectionListener() {
			@Override
			public void connected(RoomClient room, boolean reconnect) {
				heard.add("connected");
			}

			@Override
			public void closed(RoomClient room, Throwable cause) {
				heard.add("closed");
			}
		});

		assertThat(client.connect()).succeedsWithin(Duration.ofSeconds(5));
		assertThatNoException().isThrownBy(client::close);
		await().untilAsserted(() -> assertThat(heard).containsExactly("connected", "closed"));
	}

	@Test
	void anUnreturnedMessageHandlerThatThrowsStillGetsEveryMessageTheRoomRefusedToTakeBack() {
		List<String> unreturned = new CopyOnWriteArrayList<>();
		String receiveOnly = ParticipantToken.builder("receiver")
			.room("room")
			.queues(new QueuesGrant(List.of(), List.of("refused"), true))
			.build()
			.toJwt(server.secret());
		try (RoomClient consumer = RoomClient.builder()
			.url(server.server().url())
			.room("room")
			.token(receiveOnly)
			// the first message is held until the second arrives, so both go back together, one after the other
			.holdTime(Duration.ofSeconds(10))
			.unreturnedMessageHandler((queue, message, cause) -> {
				unreturned.add(message.toString());
				throw new IllegalStateException("a store that is down");
			})
			.build(); RoomClient producer = builder("producer").build()) {
			consumer.connect().join();
			producer.connect().join();
			CompletableFuture<ObjectNode> first = consumer.queues().receive("refused");
			CompletableFuture<ObjectNode> second = consumer.queues().receive("refused");
			await().until(() -> consumer.pendingRequests() == 2);
			consumer.queues().list().join();
			first.cancel(false);
			second.cancel(false);

			producer.queues().send("refused", Map.of("n", 1)).join();
			producer.queues().send("refused", Map.of("n", 2)).join();

			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(unreturned).containsExactly("{\"n\":1}", "{\"n\":2}"));
			await().untilAsserted(() -> assertThat(consumer.unclaimedMessages()).isZero());
		}
	}

	@Test
	void aRequestInterceptorThatThrowsNeitherFailsRequestsNorKeepsAMessageFromGoingBack() {
		try (RoomClient consumer = builder("intercepted").holdTime(Duration.ZERO).interceptor((type, header) -> {
			throw new IllegalStateException("a tracing hook with a bug");
		}).build(); RoomClient producer = builder("producer").build()) {
			consumer.connect().join();
			producer.connect().join();
			CompletableFuture<ObjectNode> abandoned = consumer.queues().receive("intercepted");
			await().until(() -> consumer.pendingRequests() == 1);
			consumer.queues().list().join();
			abandoned.cancel(false);

			producer.queues().send("intercepted", Map.of("n", 1)).join();

			assertThat(producer.queues().receive("intercepted").orTimeout(5, TimeUnit.SECONDS).join())
				.hasToString("{\"n\":1}");
			assertThat(consumer.queues().send("intercepted", Map.of("n", 2))).succeedsWithin(Duration.ofSeconds(5));
		}
	}

	@Test
	void aRequestCompletionHookThatThrowsStillCompletesTheRequest() {
		try (RoomClient client = builder("completion").interceptor((type, header) -> (response, failure) -> {
			throw new IllegalStateException("a tracing hook with a bug");
		}).build()) {
			client.connect().join();

			assertThat(client.queues().send("completion", Map.of("n", 1))).succeedsWithin(Duration.ofSeconds(5));
			assertThat(client.queues().receive("completion", Duration.ofSeconds(5))).succeedsWithin(Duration.ofSeconds(5))
				.hasToString("{\"n\":1}");
		}
	}

	private static RoomClientBuilder builder(String participant) {
		return RoomClient.builder()
			.url(server.server().url())
			.room("room")
			.token(server.server().token(participant, "room"));
	}

}
