package io.roomqueues.client;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Room URLs from settings and MeshAgent's environment, and keeping tokens out of text. */
class RoomUrlsTests {

	@Test
	void roomUrlVariableWinsOverApiUrlAndHttpBecomesWs() {
		Map<String, String> environment = Map.of("MESHAGENT_ROOM_URL", "https://rooms.example.com/",
				"MESHAGENT_API_URL", "http://api.example.com");

		assertThat(RoomUrls.fromEnvironment(environment::get)).isEqualTo("wss://rooms.example.com");
		assertThat(RoomUrls.fromEnvironment(Map.of("MESHAGENT_API_URL", "http://api.example.com")::get))
			.isEqualTo("ws://api.example.com");
		assertThat(RoomUrls.fromEnvironment(Map.<String, String>of()::get)).isNull();
	}

	@Test
	void roomUriAddsTheTokenKeepsOtherQueryParametersAndReplacesAnOldToken() {
		assertThat(RoomUrls.roomUri("wss://h:8/base?v=1&token=old", "my room", "a.b.c"))
			.hasToString("wss://h:8/base/rooms/my%20room?v=1&token=a.b.c");
	}

	@Test
	void redactedUriHasNoToken() {
		assertThat(RoomUrls.redact(RoomUrls.roomUri("ws://h:1", "r", "secret.jwt.value"))).isEqualTo("ws://h:1/rooms/r");
	}

	@Test
	void tokensInTextAreHidden() {
		assertThat(RoomUrls.redactTokens("connect failed for [ws://h:1/rooms/r?token=eyJ.abc.def&v=2]: refused"))
			.isEqualTo("connect failed for [ws://h:1/rooms/r?token=<hidden>&v=2]: refused");
	}

	@Test
	void otherSchemesAreRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> RoomUrls.toWebSocket("ftp://x"))
			.withMessageContaining("ws:, wss:, http: or https:");
	}

}
