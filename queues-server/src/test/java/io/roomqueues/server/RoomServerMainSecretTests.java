package io.roomqueues.server;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Reproduction (review 6): a command line the runnable jar refuses is printed to standard error with its usage, so
 * the refusal must not repeat a secret written in the common {@code --option=value} form.
 */
class RoomServerMainSecretTests {

	private static final String SECRET = "a-very-secret-signing-key-of-32-bytes";

	@Test
	void aSecretGivenAsOptionEqualsValueIsRefusedWithoutRepeatingIt() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RoomServerMain.parse(new String[] { "--secret=" + SECRET }))
			.withMessageNotContaining(SECRET);
	}

	@Test
	void aKeyStorePasswordGivenAsOptionEqualsValueIsRefusedWithoutRepeatingIt() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RoomServerMain.parse(new String[] { "--secret", "s", "--tls-keystore-password=" + SECRET }))
			.withMessageNotContaining(SECRET);
	}

}
