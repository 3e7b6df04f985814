package io.roomqueues.server;

import io.roomqueues.protocol.ErrorContent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** An unexpected failure in a request handler reaches the client as a generic text; its details stay in the log. */
class InternalErrorsTests {

	@Test
	void theClientGetsAGenericTextWithAnErrorIdAndTheLogGetsTheDetailsUnderIt() {
		try (LogCapture log = new LogCapture()) {
			ErrorContent answer = InternalErrors.report(42, "room.invoke_tool",
					new IllegalStateException("table rooms_internal is corrupt at /var/lib/x"));

			assertThat(answer.code()).isEqualTo(1008);
			assertThat(answer.text()).matches("internal server error \\(error id [0-9a-f-]{36}\\); the server log has the details")
				.doesNotContain("corrupt")
				.doesNotContain("IllegalStateException");
			String errorId = answer.text().substring(answer.text().indexOf("id ") + 3, answer.text().indexOf(')'));
			assertThat(log.text()).contains("Request 42 of type 'room.invoke_tool' failed (error id " + errorId + ")")
				.contains("java.lang.IllegalStateException: table rooms_internal is corrupt at /var/lib/x");
		}
	}

}
