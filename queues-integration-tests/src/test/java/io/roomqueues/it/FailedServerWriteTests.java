package io.roomqueues.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import io.roomqueues.client.ReconnectPolicy;
import io.roomqueues.client.RoomClient;
import io.roomqueues.server.QueueInfo;
import io.roomqueues.server.RoomServer;
import io.roomqueues.server.junit.TcpRelay;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A server write to a consumer that fails part-way. The server cannot tell which messages of the batch went out whole
 * before the failure, so it puts the whole batch back (at least once): nothing is lost, only messages of that batch may
 * be seen twice, as the README's "What is not guaranteed" says; and what goes back keeps its queue order.
 */
class FailedServerWriteTests {

	private static final int LARGE = 8_000_000;

	@Test
	void aBatchWriteThatFailsPartWayPutsItsWholeBatchBackSoNothingIsLostAndOnlyThatBatchMayBeSeenTwice() throws Exception {
		try (RoomServer server = RoomServer.builder().secret("s").writeTimeout(Duration.ofSeconds(1)).build().start();
				CappedRelay relay = CappedRelay.start(server.port());
				RoomClient producer = connect(server.url(), server, "producer");
				RoomClient other = connect(server.url(), server, "other")) {
			RoomClient consumer = connect("ws://127.0.0.1:" + relay.port(), server, "consumer");
			try {
				List<CompletableFuture<ObjectNode>> parked = new ArrayList<>();
				for (int i = 0; i < 4; i++) {
					parked.add(consumer.queues().receive("batch"));
				}
				await().until(() -> server.parkedReceiveCount("room") == 4);
				// from now on the relay forwards nothing more to the consumer until the cap is raised
				long before = relay.holdDown();

				// 0 blocks the server's writer; 1, 2 and 3 wait meanwhile and join its batch
				producer.queues().send("batch", Map.of("n", 0, "pad", "x".repeat(LARGE))).join();
				producer.queues().send("batch", Map.of("n", 1)).join();
				producer.queues().send("batch", Map.of("n", 2)).join();
				producer.queues().send("batch", Map.of("n", 3, "pad", "x".repeat(LARGE))).join();
				await().until(() -> server.parkedReceiveCount("room") == 0);

				// 0, 1 and 2 go through whole; 3 only in part, so the server's write of it times out
				relay.allowDown(before + LARGE + 256 * 1024);
				await().atMost(Duration.ofSeconds(30))
					.until(() -> parked.stream().filter(CompletableFuture::isDone).count() == 3);
				Set<Integer> readByConsumer = new TreeSet<>();
				parked.stream()
					.filter(CompletableFuture::isDone)
					.forEach((receive) -> readByConsumer.add(receive.join().get("n").intValue()));
				assertThat(readByConsumer).containsExactly(0, 1, 2);

				// the write of 3 times out (1 s): the server puts back what it counts as not delivered
				await().atMost(Duration.ofSeconds(30))
					.until(() -> server.queues("room").stream().mapToInt(QueueInfo::size).sum() > 0);
				Set<Integer> handedOutAgain = new TreeSet<>();
				ObjectNode message;
				while ((message = other.queues().tryReceive("batch").join()) != null) {
					handedOutAgain.add(message.get("n").intValue());
				}
				// 3, which the consumer never got whole, is not lost; the messages that shared its failed batch (0, 1
				// and 2 were written while 3 waited, up to 64 a batch) may be handed out again, nothing else
				assertThat(handedOutAgain).contains(3).isSubsetOf(0, 1, 2, 3);
				Set<Integer> everyMessage = new TreeSet<>(readByConsumer);
				everyMessage.addAll(handedOutAgain);
				assertThat(everyMessage).containsExactly(0, 1, 2, 3);
			}
			finally {
				relay.cut();
				consumer.close();
			}
		}
	}

	@Test
	void messagesPutBackAfterAFailedWriteKeepTheirQueueOrder() {
		try (RoomServer server = RoomServer.builder().secret("s").build().start();
				TcpRelay relay = TcpRelay.start(server.port());
				RoomClient producer = connect(server.url(), server, "producer");
				RoomClient other = connect(server.url(), server, "other");
				RoomClient consumer = connect("ws://127.0.0.1:" + relay.port(), server, "consumer")) {
			List<CompletableFuture<ObjectNode>> parked = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				parked.add(consumer.queues().receive("ordered"));
			}
			await().until(() -> server.parkedReceiveCount("room") == 4);
			relay.freeze();

			// 0 is too large for the socket buffers of a frozen peer, so the server's writer blocks on it; 1, 2 and 3
			// are handed to the same connection and wait behind it
			producer.queues().send("ordered", Map.of("n", 0, "pad", "x".repeat(LARGE))).join();
			for (int n = 1; n <= 3; n++) {
				producer.queues().send("ordered", Map.of("n", n)).join();
			}
			await().until(() -> server.parkedReceiveCount("room") == 0);

			// the connection is reset: the blocked write fails and every message goes back to the queue
			relay.cut();
			await().atMost(Duration.ofSeconds(20))
				.until(() -> server.queues("room").stream().mapToInt(QueueInfo::size).sum() == 4);

			List<Integer> order = new ArrayList<>();
			ObjectNode message;
			while ((message = other.queues().tryReceive("ordered").join()) != null) {
				order.add(message.get("n").intValue());
			}
			assertThat(order).containsExactly(0, 1, 2, 3);
		}
	}

	private static RoomClient connect(String url, RoomServer server, String participant) {
		RoomClient client = RoomClient.builder()
			.url(url)
			.room("room")
			.token(() -> server.token(participant, "room"))
			.reconnect(ReconnectPolicy.NEVER)
			.closeTimeout(Duration.ofMillis(200))
			.build();
		client.connect().join();
		return client;
	}

	/** A TCP relay whose server-to-client direction forwards only up to a byte cap, then holds without reading. */
	private static final class CappedRelay implements AutoCloseable {

		private final ServerSocket listener;

		private final int targetPort;

		private final List<Socket> sockets = new CopyOnWriteArrayList<>();

		private final Object gate = new Object();

		private long forwardedDown;

		private long capDown = Long.MAX_VALUE;

		private CappedRelay(ServerSocket listener, int targetPort) {
			this.listener = listener;
			this.targetPort = targetPort;
		}

		static CappedRelay start(int targetPort) throws IOException {
			ServerSocket listener = new ServerSocket();
			listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			CappedRelay relay = new CappedRelay(listener, targetPort);
			daemon(relay::accept).start();
			return relay;
		}

		int port() {
			return this.listener.getLocalPort();
		}

		/** Stops forwarding to the client at what was forwarded so far; returns that count. */
		long holdDown() {
			synchronized (this.gate) {
				this.capDown = this.forwardedDown;
				return this.capDown;
			}
		}

		void allowDown(long cap) {
			synchronized (this.gate) {
				this.capDown = cap;
				this.gate.notifyAll();
			}
		}

		void cut() {
			for (Socket socket : this.sockets) {
				try {
					socket.setSoLinger(true, 0);
					socket.close();
				}
				catch (IOException ex) {
					// already closed
				}
			}
			synchronized (this.gate) {
				this.capDown = Long.MAX_VALUE;
				this.gate.notifyAll();
			}
		}

		@Override
		public void close() throws IOException {
			cut();
			this.listener.close();
		}

		private void accept() {
			try {
				while (true) {
					Socket client = this.listener.accept();
					Socket target = new Socket();
					// a small receive buffer, so that the server's writes block soon once the relay holds
					target.setReceiveBufferSize(16 * 1024);
					target.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.targetPort));
					this.sockets.add(client);
					this.sockets.add(target);
					daemon(() -> pump(client, target, false)).start();
					daemon(() -> pump(target, client, true)).start();
				}
			}
			catch (IOException ex) {
				// closed
			}
		}

		private void pump(Socket from, Socket to, boolean down) {
			byte[] buffer = new byte[8192];
			try {
				InputStream in = from.getInputStream();
				OutputStream out = to.getOutputStream();
				int read;
				while ((read = in.read(buffer)) >= 0) {
					int offset = 0;
					while (offset < read) {
						int allowed = down ? allowed(read - offset) : read - offset;
						out.write(buffer, offset, allowed);
						out.flush();
						offset += allowed;
					}
				}
				to.shutdownOutput();
			}
			catch (IOException | InterruptedException ex) {
				closeQuietly(from);
				closeQuietly(to);
			}
		}

		private int allowed(int wanted) throws InterruptedException {
			synchronized (this.gate) {
				while (this.forwardedDown >= this.capDown) {
					this.gate.wait();
				}
				int allowed = (int) Math.min(wanted, this.capDown - this.forwardedDown);
				this.forwardedDown += allowed;
				return allowed;
			}
		}

		private static void closeQuietly(Socket socket) {
			try {
				socket.close();
			}
			catch (IOException ex) {
				// best effort
			}
		}

		private static Thread daemon(Runnable task) {
			Thread thread = new Thread(task, "capped-relay");
			thread.setDaemon(true);
			return thread;
		}

	}

}
