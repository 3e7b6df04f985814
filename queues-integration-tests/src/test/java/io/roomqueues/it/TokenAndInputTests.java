package io.roomqueues.it;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.roomqueues.client.ReconnectPolicy;
import io.roomqueues.client.RoomClient;
import io.roomqueues.protocol.EmptyContent;
import io.roomqueues.server.junit.RoomServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Where the token travels and never shows, and input the client must not rewrite. */
class TokenAndInputTests {

	private static final String TOKEN = "header.payload.signature-that-must-stay-secret";

	@RegisterExtension
	static RoomServerExtension server = RoomServerExtension.create();

	@Test
	void theTokenTravelsOnceAsABearerHeaderAndNotInTheUrl() throws Exception {
		try (ScriptedRoomServer scripted = ScriptedRoomServer.answering((message) -> EmptyContent.INSTANCE);
				RoomClient client = RoomClient.builder().url(scripted.url()).room("r").token(TOKEN).build()) {
			client.connect().join();

			String handshake = scripted.handshakes.get(0);
			assertThat(handshake.lines().findFirst().orElseThrow()).doesNotContain("token").doesNotContain(TOKEN);
			assertThat(handshake).containsIgnoringCase("authorization: Bearer " + TOKEN);
			assertThat(handshake.split(TOKEN, -1)).hasSize(2);
		}
	}

	@Test
	void theQueryCarrierIsThereForServersThatReadNothingElse() throws Exception {
		try (ScriptedRoomServer scripted = ScriptedRoomServer.answering((message) -> EmptyContent.INSTANCE);
				RoomClient client = RoomClient.builder()
					.url(scripted.url())
					.room("r")
					.token(TOKEN)
					.tokenInQuery(true)
					.build()) {
			client.connect().join();

			assertThat(scripted.handshakes.get(0).lines().findFirst().orElseThrow()).contains("token=" + TOKEN);
		}
	}

	@Test
	void aTokenInTheConfiguredUrlIsUsedButNeverShown() throws Exception {
		PrintStream original = System.err;
		ByteArrayOutputStream captured = new ByteArrayOutputStream();
		try (ScriptedRoomServer scripted = ScriptedRoomServer.answering((message) -> EmptyContent.INSTANCE)) {
			System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
			try (RoomClient client = RoomClient.builder().url(scripted.url() + "/?v=1&token=" + TOKEN).room("r").build()) {
				client.connect().join();

				assertThat(client.baseUrl()).isEqualTo(scripted.url() + "/?v=1").doesNotContain(TOKEN);
				String handshake = scripted.handshakes.get(0);
				assertThat(handshake.lines().findFirst().orElseThrow()).contains("v=1").doesNotContain(TOKEN);
				assertThat(handshake).contains("Bearer " + TOKEN);
			}
			finally {
				System.setErr(original);
			}
		}
		assertThat(captured.toString(StandardCharsets.UTF_8)).contains("Connected to room 'r'").doesNotContain(TOKEN);
	}

	@Test
	void noLogLineShowsTheTokenWhenTheRoomCannotBeReached() throws Exception {
		PrintStream original = System.err;
		ByteArrayOutputStream captured = new ByteArrayOutputStream();
		System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
		try (RoomClient client = RoomClient.builder()
			.url("ws://127.0.0.1:1/?token=" + TOKEN)
			.room("r")
			.tokenInQuery(true)
			.connectTimeout(Duration.ofSeconds(2))
			.reconnect(ReconnectPolicy.NEVER)
			.build()) {
			assertThatExceptionOfType(CompletionException.class).isThrownBy(() -> client.connect().join())
				.satisfies((ex) -> assertThat(ex).hasStackTraceContaining("127.0.0.1:1"))
				.satisfies((ex) -> assertThat(ex.getCause().getMessage()).doesNotContain(TOKEN));
		}
		finally {
			System.setErr(original);
		}
		assertThat(captured.toString(StandardCharsets.UTF_8)).contains("Could not connect").doesNotContain(TOKEN);
	}

	@Test
	void aJackson2ObjectNodeIsSentAsItsJson() throws Exception {
		com.fasterxml.jackson.databind.JsonNode jackson2 = new ObjectMapper().readTree("{\"a\":1,\"b\":[true,null]}");
		try (RoomClient client = RoomClient.builder()
			.url(server.server().url())
			.room("room")
			.token(server.server().token("jackson2", "room"))
			.build()) {
			client.connect().join();

			client.queues().send("jackson2", jackson2).join();

			assertThat(client.queues().tryReceive("jackson2").join()).hasToString("{\"a\":1,\"b\":[true,null]}");
		}
	}

	@Test
	void aValueThatIsNotAJsonObjectIsRefusedBeforeAnythingIsSent() {
		try (RoomClient client = RoomClient.builder()
			.url(server.server().url())
			.room("room")
			.token(server.server().token("refused", "room"))
			.build()) {
			client.connect().join();

			assertThat(client.queues().send("refused", java.util.List.of(1, 2)))
				.failsWithin(Duration.ofSeconds(1))
				.withThrowableOfType(java.util.concurrent.ExecutionException.class)
				.havingCause()
				.isInstanceOf(IllegalArgumentException.class)
				.withMessageContaining("JSON objects")
				.withMessageContaining("array");
			assertThat(client.queues().send("refused", Map.of("ok", true))).succeedsWithin(Duration.ofSeconds(5));
		}
	}

}
