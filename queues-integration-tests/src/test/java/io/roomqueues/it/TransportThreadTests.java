package io.roomqueues.it;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.roomqueues.client.ReconnectPolicy;
import io.roomqueues.client.RoomClient;
import io.roomqueues.client.RoomConnectionListener;
import io.roomqueues.server.junit.RoomServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the client calls back, a future's completion or a connection listener, never runs on the thread that reads
 * and writes the connection (Netty's event loop, with the default transport when Netty is on the class path), so a
 * callback that blocks on another request of the same client does not stall the connection.
 */
class TransportThreadTests {

	@RegisterExtension
	static RoomServerExtension server = RoomServerExtension.create();

	/** Runs on the default transport: Netty's in this module's default test run, the JDK's in its second run. */
	@Test
	void aSetAttributesCallbackThatBlocksOnAnotherRequestDoesNotStallTheConnection() {
		String name = "attributes";
		try (RoomClient client = client(name)) {
			client.connect().join();
			ObjectNode attributes = client.jsonMapper().createObjectNode().put("name", name);

			CompletableFuture<String> inCallback = client.setAttributes(attributes)
				.thenApply((ignored) -> Thread.currentThread().getName() + " listed "
						+ client.queues().list().join().size());

			// the list inside the callback is answered at once by a connection that is not blocked; a callback on the
			// connection's own thread waits for the 5 s request timeout and fails with RoomTimeoutException
			assertThat(inCallback).succeedsWithin(Duration.ofSeconds(4))
				.asString()
				.doesNotContain("netty")
				.contains("listed");
		}
	}

	@Test
	void aConnectionListenerThatCallsTheClientWhenConnectedDoesNotStallTheConnection() {
		String name = "listener";
		CompletableFuture<String> inListener = new CompletableFuture<>();
		try (RoomClient client = client(name)) {
			client.addConnectionListener(new RoomConnectionListener() {
				@Override
				public void connected(RoomClient room, boolean reconnect) {
					try {
						inListener.complete(Thread.currentThread().getName() + " listed "
								+ room.queues().list().join().size());
					}
					catch (RuntimeException ex) {
						inListener.completeExceptionally(ex);
					}
				}
			});
			client.connect().join();

			assertThat(inListener).succeedsWithin(Duration.ofSeconds(4))
				.asString()
				.doesNotContain("netty")
				.contains("listed");
		}
	}

	/** A client whose requests time out after 5 s, so a stalled connection fails the test instead of hanging it. */
	private static RoomClient client(String participant) {
		return RoomClient.builder()
			.url(server.server().url())
			.room("room")
			.token(server.server().token(participant, "room"))
			.requestTimeout(Duration.ofSeconds(5))
			.reconnect(ReconnectPolicy.NEVER)
			.build();
	}

}
