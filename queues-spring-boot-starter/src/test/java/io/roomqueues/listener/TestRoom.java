package io.roomqueues.listener;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.roomqueues.autoconfigure.QueueListenerAutoConfiguration;
import io.roomqueues.autoconfigure.QueuesHealthAutoConfiguration;
import io.roomqueues.autoconfigure.RoomClientAutoConfiguration;
import io.roomqueues.client.QueuesClient;
import io.roomqueues.client.RoomClient;
import io.roomqueues.server.QueueInfo;
import io.roomqueues.server.RoomServer;
import io.roomqueues.server.ServerLimits;
import io.roomqueues.token.ParticipantToken;
import io.roomqueues.token.QueuesGrant;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.node.ObjectNode;

/**
 * An embedded room server for one listener test: an application context runner pointed at it (or at a relay in
 * front of it), clients that talk to it directly, and tokens with chosen queue grants.
 */
final class TestRoom implements AutoCloseable {

	static final String SECRET = "listener-tests-secret";

	final RoomServer server;

	final String name;

	private final List<RoomClient> clients = new ArrayList<>();

	TestRoom(String prefix) {
		this(prefix, ServerLimits.DEFAULTS);
	}

	TestRoom(String prefix, ServerLimits limits) {
		this.server = RoomServer.builder().secret(SECRET).limits(limits).build().start();
		this.name = prefix + "-" + UUID.randomUUID();
	}

	/**
	 * A runner whose application joins this room at the given URL (the server's own, or a relay's), with fast
	 * reconnects and retries, the listener and health auto-configurations, and a token granting every queue.
	 */
	ApplicationContextRunner runner(String url) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(RoomClientAutoConfiguration.class,
					QueueListenerAutoConfiguration.class, QueuesHealthAutoConfiguration.class))
			.withPropertyValues("queues.room.url=" + url, "queues.room.name=" + this.name,
					"queues.room.secret=" + SECRET, "queues.room.reconnect.initial-delay=50ms",
					"queues.room.reconnect.max-delay=300ms", "queues.listener.retry.initial-interval=10ms",
					"queues.listener.retry.max-interval=40ms");
	}

	/** A runner on the server's own URL. */
	ApplicationContextRunner runner() {
		return runner(this.server.url());
	}

	/** The queues of a client connected straight to the server, closed with this room. */
	QueuesClient direct() {
		RoomClient client = RoomClient.builder()
			.url(this.server.url())
			.room(this.name)
			.token(this.server.token("direct", this.name))
			.build();
		client.connect().join();
		synchronized (this.clients) {
			this.clients.add(client);
		}
		return client.queues();
	}

	/** A token for this room that may send to and receive from the named queues only. */
	String token(List<String> send, List<String> receive) {
		return ParticipantToken.builder("app")
			.room(this.name)
			.queues(new QueuesGrant(send, receive, true))
			.expiresAt(Instant.now().plusSeconds(3600))
			.build()
			.toJwt(SECRET);
	}

	/** How many messages a queue holds on the server. */
	int size(String queue) {
		return this.server.queues(this.name)
			.stream()
			.filter((info) -> info.name().equals(queue))
			.mapToInt(QueueInfo::size)
			.findFirst()
			.orElse(0);
	}

	/** Takes every message of a queue, in order, through a direct client. */
	List<ObjectNode> drain(String queue) {
		QueuesClient queues = direct();
		List<ObjectNode> messages = new ArrayList<>();
		ObjectNode message;
		while ((message = queues.tryReceive(queue).join()) != null) {
			messages.add(message);
		}
		return messages;
	}

	@Override
	public void close() {
		synchronized (this.clients) {
			this.clients.forEach(RoomClient::close);
		}
		this.server.close();
	}

}
