package io.roomqueues.server;

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
	void aMessagePrintsItsLengthNotItsBody() {
		assertThat(this.message).hasToString("QueuedMessage[19 characters]");
	}

}
