package io.roomqueues.server;

import java.time.Duration;
import java.util.function.UnaryOperator;

import io.roomqueues.protocol.JsonContent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Connections that hold a slot without taking part are closed: one that never sends its upgrade request, one that
 * upgrades and then never sends a frame, not even a pong, one that never answers the server's close; a client that
 * answers pings stays however idle it is.
 * Each test shortens only the timeout it expects to fire, so that a busy machine does not fire the others.
 */
class ConnectionTimeoutsTests {

	private RoomServer server;

	@AfterEach
	void stop() {
		this.server.close();
	}

	@Test
	void aTcpConnectionThatNeverSendsItsUpgradeRequestIsClosedAfterTheUpgradeTimeout() throws Exception {
		start((builder) -> builder.upgradeTimeout(Duration.ofMillis(500)));
		try (RawSocket silent = RawSocket.connect(this.server.port())) {
			assertThat(silent.closedWithin(Duration.ofSeconds(10))).isTrue();
		}
	}

	@Test
	void anUpgradedConnectionThatNeverSendsAFrameIsClosedAfterTheFirstFrameTimeout() throws Exception {
		start((builder) -> builder.firstFrameTimeout(Duration.ofMillis(500)));
		try (RawSocket mute = RawSocket.upgrade(this.server, "mute", "mute")) {
			assertThat(mute.closedWithin(Duration.ofSeconds(10))).isTrue();
			assertThat(mute.received()).contains("the first-frame timeout");
			await().until(() -> this.server.connectionCount() == 0);
		}
	}

	@Test
	void aClientThatNeverAnswersTheServersCloseIsCutOffAfterThePongTimeoutNotTomcatsThirtySeconds() throws Exception {
		start((builder) -> builder.pongTimeout(Duration.ofMillis(500)));
		try (RawSocket deaf = RawSocket.upgrade(this.server, "deaf", "deaf")) {
			deaf.sendText("text is not part of the protocol, so the server closes");

			assertThat(deaf.closedWithin(Duration.ofSeconds(10))).isTrue();
			assertThat(deaf.received()).contains("text messages are not part of the room protocol");
			await().until(() -> this.server.connectionCount() == 0);
		}
	}

	@Test
	void anIdleClientThatAnswersPingsStaysConnectedPastEveryTimeout() {
		start((builder) -> builder.pingInterval(Duration.ofMillis(100)).firstFrameTimeout(Duration.ofSeconds(3))
			.pongTimeout(Duration.ofSeconds(3)));
		try (TestConnection idle = TestConnection.open(this.server, "idle", "idle")) {
			await().atMost(Duration.ofSeconds(10)).until(() -> idle.pings.get() >= 5);

			assertThat(idle.closed).isNotDone();
			assertThat(idle.invoke("list", idle.args()).join()).isInstanceOf(JsonContent.class);
		}
	}

	private void start(UnaryOperator<RoomServer.Builder> customizer) {
		this.server = customizer.apply(RoomServer.builder().secret("timeouts-secret-of-at-least-32-bytes"))
			.build()
			.start();
	}

}
