package io.roomqueues.listener;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/** What log lines say about a message. */
class MessageLogTests {

	private final ObjectNode message = JsonNodeFactory.instance.objectNode().put("card", "4111");

	@Test
	void aMessageIsNamedByQueueListenerAndSizeWithoutItsBody() {
		assertThat(new MessageLog(false).describe("orders", "order-listener", this.message))
			.isEqualTo("message from queue 'orders' (listener 'order-listener', 15 bytes)");
	}

	@Test
	void theBodyIsShownOnlyWhenAskedFor() {
		assertThat(new MessageLog(true).describe("orders", "order-listener", this.message))
			.isEqualTo("message from queue 'orders' (listener 'order-listener', 15 bytes): {\"card\":\"4111\"}");
	}

}
