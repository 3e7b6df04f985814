package io.roomqueues.server;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.roomqueues.protocol.MessageTypes;
import io.roomqueues.protocol.ProtocolMessage;
import io.roomqueues.server.junit.RoomServerExtension;
import io.roomqueues.token.ParticipantToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The upgrade handshake and the greeting that follows it. */
class HandshakeTests {

	@RegisterExtension
	static final RoomServerExtension extension = RoomServerExtension.create();

	@Test
	void serverGreetsWithRoomReadyThenConnected() throws Exception {
		RoomServer server = extension.server();
		try (TestConnection connection = TestConnection.open(server, "greetings", "alice")) {
			assertThat(connection.pushes).extracting(ProtocolMessage::type)
				.containsExactly(MessageTypes.ROOM_READY, MessageTypes.CONNECTED);
			ObjectNode ready = TestConnection.CODEC.decodePayload(connection.pushes.get(0)).header();
			assertThat(ready.get("room_name").stringValue()).isEqualTo("greetings");
			assertThat(ready.get("room_url").stringValue()).isEqualTo(server.roomUrl("greetings"));
			assertThat(ready.get("session_id").isString()).isTrue();
			ObjectNode connected = TestConnection.CODEC.decodePayload(connection.pushes.get(1)).header();
			assertThat(connected.get("type").stringValue()).isEqualTo("init");
			assertThat(connected.get("participantId").stringValue()).isNotBlank();
			assertThat(connected.at("/attributes/name").stringValue()).isEqualTo("alice");
		}
	}

	@Test
	void tokenIsAcceptedAsBearerHeader() {
		RoomServer server = extension.server();
		URI uri = URI.create(server.roomUrl("bearer"));

		try (TestConnection connection = TestConnection.open(uri,
				Map.of("Authorization", "Bearer " + server.token("bob", "bearer")), List.of())) {
			assertThat(connection.pushes).hasSize(2);
		}
	}

	@Test
	void tokenIsAcceptedAsSubprotocolWhichIsEchoed() {
		RoomServer server = extension.server();
		String subprotocol = "meshagent-room." + server.token("carol", "sub");

		try (TestConnection connection = TestConnection.open(URI.create(server.roomUrl("sub")), Map.of(),
				List.of(subprotocol))) {
			assertThat(connection.subprotocol()).isEqualTo(subprotocol);
		}
	}

	@Test
	void missingTokenIsRefusedWith403() {
		assertThat(TestConnection.refusedStatus(URI.create(extension.server().roomUrl("r")), Map.of())).isEqualTo(403);
	}

	@Test
	void tokenSignedWithAnotherSecretIsRefusedWith403() {
		String jwt = ParticipantToken.builder("mallory").build().toJwt("not-the-secret");

		assertThat(status("r", jwt)).isEqualTo(403);
	}

	@Test
	void expiredTokenIsRefusedWith403() {
		String jwt = ParticipantToken.builder("late").expiresAt(Instant.now().minusSeconds(5)).build()
			.toJwt(extension.secret());

		assertThat(status("r", jwt)).isEqualTo(403);
	}

	@Test
	void tokenForAnotherRoomIsRefusedWith403() {
		assertThat(status("room-b", extension.server().token("dave", "room-a"))).isEqualTo(403);
	}

	@Test
	void tokenWithoutRoomGrantIsAcceptedForAnyRoom() {
		String jwt = ParticipantToken.builder("any").build().toJwt(extension.secret());

		assertThat(status("whatever", jwt)).isEqualTo(101);
	}

	@Test
	void unknownPathIsRefusedWith404() {
		RoomServer server = extension.server();
		String token = "?token=" + server.token("x", "r");

		assertThat(TestConnection.refusedStatus(URI.create(server.url() + "/other/r" + token), Map.of())).isEqualTo(404);
		assertThat(TestConnection.refusedStatus(URI.create(server.url() + "/rooms/" + token), Map.of())).isEqualTo(404);
		assertThat(TestConnection.refusedStatus(URI.create(server.url() + "/rooms/a/b" + token), Map.of())).isEqualTo(404);
	}

	@Test
	void websocketPingsAreAnswered() {
		try (TestConnection connection = TestConnection.open(extension.server(), "pings", "p")) {
			connection.ping();

			assertThat(connection.pong).succeedsWithin(java.time.Duration.ofSeconds(5));
		}
	}

	private static int status(String room, String jwt) {
		return TestConnection.refusedStatus(URI.create(extension.server().roomUrl(room) + "?token=" + jwt), Map.of());
	}

}
