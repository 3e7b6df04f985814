package io.roomqueues.autoconfigure;

import java.io.IOException;
import java.net.ServerSocket;

import io.roomqueues.client.ConnectionState;
import io.roomqueues.client.RoomClient;
import io.roomqueues.server.RoomServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@link EmbeddedRoomServerAutoConfiguration}: the embedded default when no room URL is set. */
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedRoomServerAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(EmbeddedRoomServerAutoConfiguration.class, RoomClientAutoConfiguration.class));

	@Test
	void startsAnEmbeddedServerAndPointsTheClientAtItWhenNoUrlIsSet(CapturedOutput output) {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(RoomServer.class).hasSingleBean(EmbeddedRoomConnectionDetails.class);
			RoomServer server = context.getBean(RoomServer.class);
			RoomClient client = context.getBean(RoomClient.class);
			assertThat(client.baseUrl()).isEqualTo(server.url()).startsWith("ws://127.0.0.1:");
			assertThat(client.room()).isEqualTo("local");
			await().untilAsserted(() -> assertThat(client.state()).isEqualTo(ConnectionState.CONNECTED));
			assertThat(output).contains("Started an embedded room server at " + server.url());
		});
	}

	@Test
	void roomNameAndPortAreConfigurable() throws IOException {
		int port = freePort();
		this.runner.withPropertyValues("queues.room.name=orders-room", "queues.server.port=" + port)
			.run((context) -> {
				assertThat(context.getBean(RoomServer.class).port()).isEqualTo(port);
				assertThat(context.getBean(RoomClient.class).room()).isEqualTo("orders-room");
			});
	}

	@Test
	void settingARoomUrlSwitchesItOff() {
		this.runner.withPropertyValues("queues.room.url=ws://127.0.0.1:1", "queues.room.name=r", "queues.room.token=t")
			.run((context) -> assertThat(context).doesNotHaveBean(RoomServer.class)
				.hasSingleBean(PropertiesRoomConnectionDetails.class));
	}

	@Test
	void meshAgentUrlVariablesSwitchItOff() {
		this.runner.withPropertyValues("MESHAGENT_ROOM_URL=https://room.example.com", "queues.room.name=r",
				"queues.room.token=t").run((context) -> assertThat(context).doesNotHaveBean(RoomServer.class));
	}

	@Test
	void canBeSwitchedOffExplicitly() {
		this.runner.withPropertyValues("queues.server.enabled=false", "queues.room.name=r", "queues.room.token=t")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(RoomServer.class);
				assertThat(context.getBean(RoomConnectionDetails.class).getUrl()).isEqualTo("wss://api.meshagent.com");
			});
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
