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

	/**
	 * Keeps the text, with every unpaired UTF-16 surrogate written as a JSON escape: a client may send one, as a JSON
	 * escape (JavaScript's {@code JSON.stringify} writes a lone surrogate so), and the text is written to consumers as
	 * is, in UTF-8, which cannot carry it raw. In a JSON text such a character can only stand inside a string.
	 */
	QueuedMessage {
		json = escapeUnpairedSurrogates(json);
	}

	/** The bytes this message counts against the memory budgets. */
	long budgetBytes() {
		return this.json.length() + BOOKKEEPING_BYTES;
	}

	/** The content that answers a receive with this message; its text is written as is, not parsed again. */
	JsonContent toContent() {
		return new JsonContent(JsonNodeFactory.instance.rawValueNode(new RawValue(this.json)));
	}

	private static String escapeUnpairedSurrogates(String json) {
		StringBuilder escaped = null;
		for (int i = 0; i < json.length(); i++) {
			char c = json.charAt(i);
			boolean paired = Character.isHighSurrogate(c) && i + 1 < json.length()
					&& Character.isLowSurrogate(json.charAt(i + 1));
			if (Character.isSurrogate(c) && !paired) {
				if (escaped == null) {
					escaped = new StringBuilder(json.length() + 16).append(json, 0, i);
				}
				escaped.append(String.format("\\u%04x", (int) c));
			}
			else if (escaped != null) {
				escaped.append(c);
				if (paired) {
					escaped.append(json.charAt(i + 1));
				}
			}
			if (paired) {
				i++;
			}
		}
		return (escaped != null) ? escaped.toString() : json;
	}

	@Override
	public String toString() {
		return "QueuedMessage[" + this.json.length() + " characters]";
	}

}
