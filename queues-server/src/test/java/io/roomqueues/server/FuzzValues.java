package io.roomqueues.server;

import java.util.SplittableRandom;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static io.roomqueues.server.FuzzFrames.CODEC;

/**
 * The random values of one fuzzing connection, all drawn from its seeded source: request ids, bytes, text in many
 * scripts, JSON values, and valid calls of the queues toolkit.
 */
final class FuzzValues {

	/** A valid call of the queues toolkit; a receive that may wait may never be answered. */
	record Call(ObjectNode header, boolean mayPark) {

		FuzzCase.Expectation expectation(String kind) {
			String what = kind + " " + this.header.get("tool").stringValue();
			return this.mayPark ? FuzzCase.Expectation.maybe(what) : FuzzCase.Expectation.anyAnswer(what);
		}

	}

	private static final String[] TOOLS = { "list", "open", "send", "send", "send", "receive", "receive", "drain",
			"close" };

	private static final String ALPHABET = "abcxyz019 _-.:/\"\\\n\t\u0000é日本語\uD83D\uDE00\u00A0";

	/** Sent as JSON escapes, as JavaScript writes them; valid JSON, though UTF-8 cannot carry them raw. */
	private static final String[] LONE_SURROGATES = { "\uDE00", "\uD83D", "\uDE00\uD83D", "x\uDBFF" };

	private static final byte[][] INVALID_UTF8 = { { (byte) 0xFF }, { (byte) 0xFE }, { (byte) 0x80 },
			{ (byte) 0xC3, 0x28 }, { (byte) 0xE2, (byte) 0x82, 0x28 }, { (byte) 0xF0, (byte) 0x9F, 0x28 } };

	final SplittableRandom random;

	private long id;

	FuzzValues(SplittableRandom random) {
		this.random = random;
		this.id = random.nextLong(1L << 40);
	}

	/** A fresh request id, above every one before it; sometimes past 32 bits. */
	long nextId() {
		this.id += 1 + this.random.nextInt(4);
		if (this.random.nextInt(2000) == 0) {
			this.id += 1L << 32;
		}
		return this.id;
	}

	/** A call of a random tool on one of six queues. */
	Call queueCall() {
		String tool = TOOLS[this.random.nextInt(TOOLS.length)];
		ObjectNode arguments = CODEC.jsonMapper().createObjectNode();
		boolean mayPark = false;
		if (!tool.equals("list")) {
			arguments.put("name", queueName());
		}
		if (tool.equals("send")) {
			arguments.set("message", object(3));
		}
		if ((tool.equals("send") || tool.equals("receive")) && this.random.nextBoolean()) {
			arguments.put("create", this.random.nextInt(4) != 0);
		}
		if (tool.equals("receive")) {
			mayPark = this.random.nextInt(8) == 0;
			arguments.put("wait", mayPark);
		}
		return new Call(FuzzFrames.invokeTool("queues", tool, arguments), mayPark);
	}

	String queueName() {
		return "q" + this.random.nextInt(6);
	}

	ObjectNode object(int depth) {
		ObjectNode object = CODEC.jsonMapper().createObjectNode();
		for (int i = this.random.nextInt(5); i > 0; i--) {
			object.set(text(this.random.nextInt(8)), value(depth - 1));
		}
		return object;
	}

	private JsonNode value(int depth) {
		JsonNodeFactory nodes = CODEC.jsonMapper().getNodeFactory();
		return switch (this.random.nextInt((depth > 0) ? 8 : 6)) {
			case 0 -> nodes.stringNode(text(this.random.nextInt(30)) + ((this.random.nextInt(20) == 0)
					? LONE_SURROGATES[this.random.nextInt(LONE_SURROGATES.length)] : ""));
			case 1 -> nodes.numberNode(this.random.nextLong());
			case 2 -> nodes.numberNode(this.random.nextDouble() * 1e6);
			case 3 -> nodes.booleanNode(this.random.nextBoolean());
			case 4 -> nodes.nullNode();
			case 5 -> nodes.numberNode(this.random.nextInt(1000));
			case 6 -> object(depth);
			default -> {
				ArrayNode array = nodes.arrayNode();
				for (int i = this.random.nextInt(4); i > 0; i--) {
					array.add(value(depth - 1));
				}
				yield array;
			}
		};
	}

	/** Text of about the given length, in several scripts, with control characters and surrogate pairs. */
	String text(int length) {
		StringBuilder text = new StringBuilder(length);
		while (text.length() < length) {
			int at = this.random.nextInt(ALPHABET.length());
			char c = ALPHABET.charAt(at);
			if (Character.isHighSurrogate(c)) {
				text.append(c).append(ALPHABET.charAt(at + 1));
			}
			else if (!Character.isLowSurrogate(c)) {
				text.append(c);
			}
		}
		return text.toString();
	}

	/** A JSON string literal of random text. */
	String jsonString() {
		return CODEC.jsonMapper().writeValueAsString(text(this.random.nextInt(20)));
	}

	/** A byte sequence that is not UTF-8. */
	byte[] invalidUtf8() {
		return INVALID_UTF8[this.random.nextInt(INVALID_UTF8.length)];
	}

	byte[] bytes(int size) {
		byte[] bytes = new byte[size];
		for (int i = 0; i < size; i += 8) {
			long value = this.random.nextLong();
			for (int j = i; j < Math.min(size, i + 8); j++) {
				bytes[j] = (byte) value;
				value >>>= 8;
			}
		}
		return bytes;
	}

}
