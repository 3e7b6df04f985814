package io.roomqueues.server;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.roomqueues.protocol.EmptyContent;
import io.roomqueues.protocol.JsonContent;
import io.roomqueues.server.junit.RoomServerExtension;
import io.roomqueues.server.junit.TcpRelay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The server finds peers that went silent without closing, through a relay that freezes: it closes them and takes
 * their parked receives off the queues before a message can be handed to them.
 */
class KeepaliveTests {

	private static final String PAD = "x".repeat(10_000);

	@RegisterExtension
	static final RoomServerExtension extension = RoomServerExtension.create((builder) -> builder
		.pingInterval(Duration.ofMillis(500))
		.pongTimeout(Duration.ofSeconds(1)));

	@Test
	void aFrozenPeerIsClosedAndItsParkedReceiveNeverGetsTheMessage() {
		RoomServer server = extension.server();
		await().until(() -> server.connectionCount() == 0);
		try (TcpRelay relay = TcpRelay.start(server.port());
				TestConnection frozen = TestConnection.open(relayedUrl(relay, "frozen"), Map.of(), List.of());
				TestConnection producer = TestConnection.open(server, "frozen", "producer");
				TestConnection healthy = TestConnection.open(server, "frozen", "healthy")) {
			frozen.invoke("receive", frozen.args("name", "jobs", "wait", true));
			await().until(() -> server.parkedReceiveCount("frozen") == 1);

			relay.freeze();
			long forwardedAtFreeze = relay.bytesFromTarget();
			await().atMost(Duration.ofSeconds(10)).until(() -> server.connectionCount() == 2);
			assertThat(server.parkedReceiveCount("frozen")).isZero();

			assertThat(producer.invoke("send", producer.args("name", "jobs", "message", Map.of("pad", PAD))).join())
				.isEqualTo(EmptyContent.INSTANCE);
			assertThat(server.queues("frozen")).containsExactly(new QueueInfo("jobs", 1));

			relay.heal();
			await().until(() -> frozen.closed.isDone());
			assertThat(relay.bytesFromTarget() - forwardedAtFreeze).isLessThan(PAD.length());
			assertThat(healthy.invoke("receive", healthy.args("name", "jobs", "wait", false)).join())
				.isInstanceOfSatisfying(JsonContent.class,
						(message) -> assertThat(message.json().get("pad").stringValue()).hasSize(PAD.length()));
		}
	}

	@Test
	void theServerPingsAConnectionOnlyWhenItIsSilent() {
		try (TestConnection busy = TestConnection.open(extension.server(), "busy", "busy");
				TestConnection idle = TestConnection.open(extension.server(), "busy", "idle")) {
			while (idle.pings.get() < 3) {
				assertThat(busy.invoke("list", busy.args()).join()).isInstanceOf(JsonContent.class);
			}

			assertThat(busy.pings.get()).as("only the ping of the greeting").isLessThanOrEqualTo(1);
		}
	}

	private static URI relayedUrl(TcpRelay relay, String room) {
		return URI.create("ws://127.0.0.1:" + relay.port() + "/rooms/" + room + "?token="
				+ extension.server().token("frozen", room));
	}

}
