package io.roomqueues.server;

import java.util.Map;

import io.roomqueues.protocol.Content;
import io.roomqueues.protocol.JsonContent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A queued message counts its text plus a fixed bookkeeping cost, answers as its own JSON, and never prints it. */
class QueuedMessageTests {

	private final QueuedMessage message = new QueuedMessage("{\"secret\":\"s3cr3t\"}");

	@Test
	void aMessageCountsItsTextAndItsBookkeeping() {
		assertThat(this.message.budgetBytes()).isEqualTo(19 + 64);
	}

	@Test
	void aMessageAnswersAReceiveWithItsJsonAsSent() throws Exception {
		JsonContent content = this.message.toContent();

		assertThat(StubConnection.CODEC.contents().decode(StubConnection.CODEC.contents().encode(content)))
			.isEqualTo(new JsonContent(StubConnection.CODEC.jsonMapper().readTree(this.message.json())));
	}

	@Test
	void aMessageHoldingUnpairedSurrogatesAnswersWithThemEscapedAsJsonCarriesThem() throws Exception {
		String text = "low \uDE00 high \uD83D pair \uD83D\uDE00 end";
		QueuedMessage message = new QueuedMessage(
				StubConnection.CODEC.jsonMapper().writeValueAsString(Map.of("text", text)));

		Content decoded = StubConnection.CODEC.contents().decode(StubConnection.CODEC.contents().encode(message.toContent()));

		assertThat(((JsonContent) decoded).json().get("text").stringValue()).isEqualTo(text);
		assertThat(message.json()).contains("\\ude00").contains("\\ud83d ").contains("\uD83D\uDE00");
	}

	@Test
	void unpairedSurrogatesAreEscapedAtEitherEndOfEvenAShortText() {
		assertThat(new QueuedMessage("\uDE00{}\uD83D").json()).isEqualTo("\\ude00{}\\ud83d");
		assertThat(new QueuedMessage("{\"a\":\"\uD83D\uDE00\"}").json()).as("a pair is kept")
			.isEqualTo("{\"a\":\"\uD83D\uDE00\"}");
	}

	@Test
	void aMessagePrintsItsLengthNotItsBody() {
		assertThat(this.message).hasToString("QueuedMessage[19 characters]");
	}

}
