package io.roomqueues.server;

import io.roomqueues.protocol.JsonContent;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.util.RawValue;

/**
 * A message held by the server, as the compact JSON text it was received as: a JSON tree of a small message takes
 * six to ten times its text in memory, the text only itself, so the memory budgets count what is really held.
 *
 * @param json the message's JSON object, compact
 */
record QueuedMessage(String json) {

	/** What the server counts per message on top of its text: the string, the record and the queue slot. */
	static final int BOOKKEEPING_BYTES = 64;

	/** The bytes this message counts against the memory budgets. */
	long budgetBytes() {
		return this.json.length() + BOOKKEEPING_BYTES;
	}

	/** The content that answers a receive with this message; its text is written as is, not parsed again. */
	JsonContent toContent() {
		return new JsonContent(JsonNodeFactory.instance.rawValueNode(new RawValue(this.json)));
	}

	@Override
	public String toString() {
		return "QueuedMessage[" + this.json.length() + " characters]";
	}

}
