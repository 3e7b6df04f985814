package io.roomqueues.server;

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
