package io.roomqueues.server;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The command line of the runnable jar. */
class RoomServerMainTests {

	@Test
	void portSecretAndHostAreRead() {
		RoomServer server = RoomServerMain.parse(new String[] { "--port", "0", "--secret", "dev-secret", "--host",
				"127.0.0.1", "--max-queue-length", "7" }).build();

		try (server) {
			server.start();
			assertThat(server.url()).startsWith("ws://127.0.0.1:");
			assertThat(server.limits().maxQueueLength()).isEqualTo(7);
		}
	}

	@Test
	void everyLimitHasAnOption() {
		RoomServer server = RoomServerMain.parse(new String[] { "--secret", "s", "--max-message-size", "1MB",
				"--max-queue-length", "11", "--max-connections", "12", "--max-pending-outbound-bytes", "512KiB",
				"--max-queues-per-room", "13", "--max-parked-receives", "14", "--max-rooms", "15",
				"--max-queue-name-length", "16", "--max-room-queued-bytes", "2GB", "--max-server-queued-bytes",
				"17179869184" })
			.build();

		assertThat(server.limits()).isEqualTo(ServerLimits.builder()
			.maxMessageSize(1 << 20)
			.maxQueueLength(11)
			.maxConnections(12)
			.maxPendingOutboundBytes(512 << 10)
			.maxQueuesPerRoom(13)
			.maxParkedReceivesPerConnection(14)
			.maxRooms(15)
			.maxQueueNameLength(16)
			.maxQueuedBytesPerRoom(2L << 30)
			.maxQueuedBytesPerServer(16L << 30)
			.build());
	}

	@Test
	void timeoutsAndTheTokenPolicyHaveOptions() {
		RoomServer server = RoomServerMain.parse(new String[] { "--secret", "s", "--upgrade-timeout", "500ms",
				"--first-frame-timeout", "2s", "--ping-interval", "1m", "--pong-timeout", "PT3S", "--write-timeout",
				"1h", "--require-expiry" })
			.build();

		assertThat(server.settings().timeouts()).isEqualTo(new ConnectionTimeouts(Duration.ofMillis(500),
				Duration.ofSeconds(2), Duration.ofMinutes(1), Duration.ofSeconds(3), Duration.ofHours(1)));
		assertThat(server.settings().tokens().requiresExpiry()).isTrue();
	}

	@Test
	void badSizesDurationsAndTlsCombinationsAreReported() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RoomServerMain.parse(new String[] { "--secret", "s", "--max-room-queued-bytes", "lots" }))
			.withMessage("--max-room-queued-bytes needs a size such as 1048576, 512KB or 64MB, not 'lots'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RoomServerMain.parse(new String[] { "--secret", "s", "--ping-interval", "soon" }))
			.withMessage("--ping-interval needs a duration such as 500ms, 10s, 2m or PT10S, not 'soon'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RoomServerMain.parse(new String[] { "--secret", "s", "--tls-certificate", "c.pem" }))
			.withMessage("--tls-certificate and --tls-private-key go together");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RoomServerMain.parse(new String[] { "--secret", "s", "--max-rooms", "0" }).build())
			.withMessage("maxRooms must be positive, was 0");
	}

	@Test
	void usageNamesEveryOption() {
		assertThat(RoomServerMain.USAGE).contains("--max-queues-per-room", "--max-parked-receives", "--max-rooms",
				"--max-queue-name-length", "--max-room-queued-bytes", "--max-server-queued-bytes",
				"--max-pending-outbound-bytes", "--upgrade-timeout", "--first-frame-timeout", "--ping-interval",
				"--pong-timeout", "--write-timeout", "--require-expiry", "--tls-keystore", "--tls-certificate");
	}

	@Test
	void unknownOptionIsReported() {
		assertThatIllegalArgumentException().isThrownBy(() -> RoomServerMain.parse(new String[] { "--prot", "1" }))
			.withMessage("unknown option --prot");
	}

	@Test
	void portThatIsNotANumberIsReported() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RoomServerMain.parse(new String[] { "--port", "eighty", "--secret", "s" }))
			.withMessage("--port needs a whole number, not 'eighty'");
	}

	@Test
	void toStringNeverShowsTheSecret() {
		RoomServer server = RoomServer.builder().secret("very-secret").build();

		assertThat(server.toString()).doesNotContain("very-secret");
	}

}
