package io.roomqueues.client;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Reproduction (review 6): a room URL that carries its token in the query and is refused by the builder must not put
 * the token into the exception message, which a Spring Boot startup failure prints.
 */
class RoomUrlTokenLeakTests {

	private static final String TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJuYW1lIjoic2VjcmV0In0.c2lnbmF0dXJlLXNlY3JldA";

	@Test
	void aUrlWithoutASchemeIsRefusedWithoutItsToken() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RoomClient.builder().room("r").url("localhost:8765?token=" + TOKEN).build())
			.withMessageNotContaining(TOKEN);
	}

	@Test
	void aUrlThatIsNotAUriIsRefusedWithoutItsToken() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RoomClient.builder().room("r").url("ws://localhost:8765/a b?token=" + TOKEN).build())
			.withMessageNotContaining(TOKEN);
	}

}
