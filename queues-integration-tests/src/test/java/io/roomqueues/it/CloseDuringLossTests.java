package io.roomqueues.it;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import io.roomqueues.client.ConnectionState;
import io.roomqueues.client.ReconnectPolicy;
import io.roomqueues.client.RoomClient;
import io.roomqueues.client.RoomConnectionListener;
import io.roomqueues.server.QueueInfo;
import io.roomqueues.server.RoomServer;
import io.roomqueues.server.junit.TcpRelay;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A close by the application right after a connection was lost, while the client held a message for a receive its
 * caller gave up on: the held message is on its way back before the client hears of the loss, so the close finds it
 * and sends it back over a connection of its own, instead of handing it to the unreturned-message handler.
 */
class CloseDuringLossTests {

	@Test
	void aCloseWhileALostConnectionIsWoundUpStillSendsItsHeldMessageBack() throws Exception {
		List<String> unreturned = new CopyOnWriteArrayList<>();
		CountDownLatch inListener = new CountDownLatch(1);
		CountDownLatch closedByApplication = new CountDownLatch(1);
		try (RoomServer server = RoomServer.builder().secret("s").build().start();
				TcpRelay relay = TcpRelay.start(server.port());
				RoomClient producer = RoomClient.builder()
					.url(server.url())
					.room("room")
					.token(server.token("producer", "room"))
					.build()) {
			producer.connect().join();
			RoomClient consumer = RoomClient.builder()
				.url("ws://127.0.0.1:" + relay.port())
				.room("room")
				.token(() -> server.token("consumer", "room"))
				.reconnect(new ReconnectPolicy(Duration.ofSeconds(30), Duration.ofSeconds(30), 1, 0, 1000))
				.holdTime(Duration.ofMinutes(1))
				.closeTimeout(Duration.ofSeconds(5))
				.unreturnedMessageHandler((queue, message, cause) -> unreturned.add(queue + ": " + cause.getMessage()))
				.build();
			consumer.addConnectionListener(new RoomConnectionListener() {
				@Override
				public void disconnected(RoomClient room, Throwable cause) {
					// the application closes while the client is told of the loss
					inListener.countDown();
					awaitUninterruptibly(closedByApplication);
				}
			});
			consumer.connect().join();

			// two receives given up while parked: the first takes the message, which is held for the next receive
			CompletableFuture<ObjectNode> first = consumer.queues().receive("held");
			CompletableFuture<ObjectNode> second = consumer.queues().receive("held");
			await().until(() -> server.parkedReceiveCount("room") == 2);
			first.cancel(true);
			second.cancel(true);
			producer.queues().send("held", Map.of("n", 1)).join();
			await().until(() -> consumer.unclaimedMessages() == 2);

			relay.cut();
			inListener.await();
			consumer.close();
			assertThat(consumer.state()).isEqualTo(ConnectionState.CLOSED);
			closedByApplication.countDown();

			// the room is reachable (a new connection through the relay works): the message must end in its queue
			await().atMost(Duration.ofSeconds(10))
				.until(() -> !unreturned.isEmpty()
						|| server.queues("room").stream().mapToInt(QueueInfo::size).sum() == 1);
			assertThat(unreturned).isEmpty();
			assertThat(server.queues("room")).extracting(QueueInfo::size).containsExactly(1);
		}
	}

	private static void awaitUninterruptibly(CountDownLatch latch) {
		boolean interrupted = false;
		while (true) {
			try {
				latch.await();
				break;
			}
			catch (InterruptedException ex) {
				interrupted = true;
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

}
