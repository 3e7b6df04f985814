package io.roomqueues.server;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.roomqueues.protocol.MessageTypes;
import io.roomqueues.server.FuzzCase.Expectation;
import io.roomqueues.server.FuzzCase.Frame;
import io.roomqueues.server.FuzzCase.Send;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static io.roomqueues.server.FuzzFrames.CODEC;
import static io.roomqueues.server.FuzzFrames.utf8;

/**
 * Makes the cases a fuzzing connection must survive, from its seeded values: valid queue calls cut into frames in
 * every legal way, and the same calls with their bytes mangled, their lengths and counts pushed past every limit,
 * their JSON deepened, bloated or broken, their types and tools unknown. Each is answered as its expectation says, or
 * not at all when it is one-way; none closes the connection. {@link BrokenFrames} makes the ones that do.
 */
final class FuzzCases {

	private final FuzzValues values;

	private final int maxMessageSize;

	FuzzCases(FuzzValues values, int maxMessageSize) {
		this.values = values;
		this.maxMessageSize = maxMessageSize;
	}

	/** A {@code list} request, the well-formed probe a client waits on. */
	static FuzzCase sentinel(long id) {
		byte[] payload = CODEC.payloads()
			.pack(FuzzFrames.invokeTool("queues", "list", CODEC.jsonMapper().createObjectNode()));
		return new FuzzCase("sentinel", FuzzFrames.standard(id, utf8(MessageTypes.INVOKE_TOOL), payload), Map.of(), null,
				false);
	}

	/** A case the server must answer (or, for one-way messages, accept silently) and survive. */
	FuzzCase nonFatal() {
		int roll = this.values.random.nextInt(1000);
		if (roll < 250) {
			return valid("valid", false);
		}
		if (roll < 400) {
			return valid("rechunked", true);
		}
		if (roll < 450) {
			return fragmented();
		}
		if (roll < 520) {
			return jsonBitFlips();
		}
		if (roll < 560) {
			return truncatedPayload();
		}
		if (roll < 600) {
			return wrongJsonLength();
		}
		if (roll < 630) {
			return binaryTail();
		}
		if (roll < 670) {
			return invalidUtf8InJson();
		}
		if (roll < 700) {
			return notAnObject();
		}
		if (roll < 730) {
			return deepJson();
		}
		if (roll < 735) {
			return hugeJson();
		}
		if (roll < 740) {
			return tooLargeByData();
		}
		if (roll < 770) {
			return hugePacketCount();
		}
		if (roll < 820) {
			return unknownType();
		}
		if (roll < 840) {
			return legacyType();
		}
		if (roll < 870) {
			return setAttributes();
		}
		if (roll < 950) {
			return badToolCall();
		}
		if (roll < 965) {
			return emptyPayload();
		}
		if (roll < 980) {
			return ping();
		}
		if (roll < 990) {
			return responseType();
		}
		return droppedByAnEmptyMessage();
	}

	private FuzzCase valid(String kind, boolean rechunk) {
		long request = this.values.nextId();
		FuzzValues.Call call = this.values.queueCall();
		return new FuzzCase(kind, chunked(request, utf8(MessageTypes.INVOKE_TOOL), CODEC.payloads().pack(call.header()),
				rechunk), Map.of(request, call.expectation(kind)), null, false);
	}

	private FuzzCase fragmented() {
		FuzzCase whole = valid("fragmented", this.values.random.nextBoolean());
		List<Send> sends = new ArrayList<>();
		for (Send send : whole.sends()) {
			byte[] bytes = ((Frame) send).bytes();
			int pieces = Math.min(bytes.length - 1, this.values.random.nextInt(4));
			int[] cuts = this.values.random.ints(pieces, 1, bytes.length).distinct().sorted().toArray();
			sends.add(new Frame(bytes, cuts));
		}
		return new FuzzCase(whole.kind(), sends, whole.expected(), null, false);
	}

	private FuzzCase jsonBitFlips() {
		long request = this.values.nextId();
		byte[] payload = CODEC.payloads().pack(this.values.queueCall().header());
		for (int flips = 1 + this.values.random.nextInt(4); flips > 0; flips--) {
			payload[8 + this.values.random.nextInt(payload.length - 8)] ^= (byte) (1 << this.values.random.nextInt(8));
		}
		return new FuzzCase("JSON bits flipped", chunked(request, utf8(MessageTypes.INVOKE_TOOL), payload,
				this.values.random.nextBoolean()), Map.of(request, Expectation.maybe("JSON bits flipped")), null, false);
	}

	private FuzzCase truncatedPayload() {
		byte[] payload = CODEC.payloads().pack(this.values.queueCall().header());
		return invalidPayload("payload truncated", Arrays.copyOf(payload, this.values.random.nextInt(payload.length)),
				"invalid request: payload");
	}

	private FuzzCase wrongJsonLength() {
		byte[] payload = CODEC.payloads().pack(this.values.queueCall().header());
		long actual = payload.length - 8;
		long length = switch (this.values.random.nextInt(4)) {
			case 0 -> this.values.random.nextLong(Long.MIN_VALUE, 0);
			case 1 -> actual + 1 + this.values.random.nextLong(1L << 40);
			case 2 -> this.values.random.nextLong(actual);
			default -> 0;
		};
		ByteBuffer.wrap(payload).putLong(length);
		return invalidPayload("JSON length wrong", payload, "invalid request: payload");
	}

	private FuzzCase binaryTail() {
		long request = this.values.nextId();
		FuzzValues.Call call = this.values.queueCall();
		byte[] json = CODEC.payloads().pack(call.header());
		byte[] tail = this.values.bytes(this.values.random.nextInt(1, 3000));
		byte[] payload = ByteBuffer.allocate(json.length + tail.length).put(json).put(tail).array();
		return new FuzzCase("binary tail", chunked(request, utf8(MessageTypes.INVOKE_TOOL), payload,
				this.values.random.nextBoolean()), Map.of(request, call.expectation("binary tail")), null, false);
	}

	private FuzzCase invalidUtf8InJson() {
		String marker = "@@INVALID@@";
		ObjectNode arguments = CODEC.jsonMapper().createObjectNode().put("name", "q1");
		arguments.putObject("message").put(this.values.random.nextBoolean() ? "text" : marker, "before " + marker + " after");
		byte[] json = utf8(CODEC.jsonMapper().writeValueAsString(FuzzFrames.invokeTool("queues", "send", arguments)));
		byte[] broken = FuzzFrames.replace(json, utf8(marker), this.values.invalidUtf8());
		return invalidPayload("invalid UTF-8 in JSON", FuzzFrames.withLength(broken), "not valid UTF-8 JSON");
	}

	private FuzzCase notAnObject() {
		String[] values = { "[1,2]", "\"queues\"", "42", "null", "true", "[]", "\"\"" };
		String value = values[this.values.random.nextInt(values.length)];
		return invalidPayload("JSON not an object", FuzzFrames.withLength(utf8(value)),
				"payload header must be a JSON object");
	}

	private FuzzCase deepJson() {
		long request = this.values.nextId();
		int depth = 10 + this.values.random.nextInt(3000);
		boolean arrays = this.values.random.nextBoolean();
		StringBuilder nested = new StringBuilder();
		nested.append((arrays ? "[" : "{\"a\":").repeat(depth)).append("1").append((arrays ? "]" : "}").repeat(depth));
		String json = "{\"toolkit\":\"queues\",\"tool\":\"send\",\"arguments\":{\"type\":\"json\",\"json\":{\"name\":\"q"
				+ this.values.random.nextInt(6) + "\",\"message\":{\"deep\":" + nested + "}}}}";
		return new FuzzCase("deep JSON", chunked(request, utf8(MessageTypes.INVOKE_TOOL), FuzzFrames.withLength(utf8(json)),
				this.values.random.nextBoolean()), Map.of(request, Expectation.anyAnswer("deep JSON of depth " + depth)), null,
				false);
	}

	private FuzzCase hugeJson() {
		long request = this.values.nextId();
		ObjectNode arguments = CODEC.jsonMapper().createObjectNode().put("name", this.values.queueName());
		ObjectNode message = arguments.putObject("message");
		int size = this.values.random.nextInt(this.maxMessageSize / 4, this.maxMessageSize - 4096);
		if (this.values.random.nextBoolean()) {
			message.put("text", "x".repeat(size));
		}
		else {
			ArrayNode wide = message.putArray("wide");
			for (int i = 0; i < size / 8; i++) {
				wide.add(i);
			}
		}
		return new FuzzCase("huge JSON", FuzzFrames.standard(request, utf8(MessageTypes.INVOKE_TOOL),
				CODEC.payloads().pack(FuzzFrames.invokeTool("queues", "send", arguments))),
				Map.of(request, Expectation.anyAnswer("huge JSON")), null, false);
	}

	private FuzzCase tooLargeByData() {
		long request = this.values.nextId();
		byte[] payload = this.values.bytes(this.maxMessageSize + 1 + this.values.random.nextInt(8192));
		return new FuzzCase("too large by its data", FuzzFrames.standard(request, utf8(MessageTypes.INVOKE_TOOL), payload),
				Map.of(request, Expectation.error("too large by its data", 1002, "exceeds the maximum message size of "
						+ this.maxMessageSize + " bytes")),
				null, false);
	}

	private FuzzCase hugePacketCount() {
		long request = this.values.nextId();
		long count = this.values.random.nextLong(this.maxMessageSize + 1L, 1L << 32);
		List<Send> sends = new ArrayList<>();
		sends.add(new Frame(FuzzFrames.header(request, count, utf8(MessageTypes.INVOKE_TOOL))));
		int frames = this.values.random.nextInt(4);
		for (int i = 1; i <= frames; i++) {
			sends.add(new Frame(FuzzFrames.data(request, i, this.values.bytes(this.values.random.nextInt(2000)))));
		}
		return new FuzzCase("huge packet count", sends, Map.of(request, Expectation.error("huge packet count", 1002,
				"exceeds the maximum message size of " + this.maxMessageSize + " bytes")), null, false);
	}

	private FuzzCase unknownType() {
		long request = this.values.nextId();
		String type;
		do {
			boolean huge = this.values.random.nextInt(100) == 0;
			type = this.values.text(huge ? 1000 + this.values.random.nextInt(20_000) : this.values.random.nextInt(40));
		}
		while (type.equals(MessageTypes.INVOKE_TOOL) || type.equals(MessageTypes.SET_ATTRIBUTES)
				|| type.startsWith("queues."));
		byte[] payload = this.values.random.nextBoolean() ? CODEC.payloads().pack(this.values.queueCall().header())
				: this.values.bytes(this.values.random.nextInt(300));
		return new FuzzCase("unknown type", chunked(request, utf8(type), payload, false),
				Map.of(request, Expectation.error("unknown type", 1002, "is not supported by this server")), null, false);
	}

	private FuzzCase legacyType() {
		long request = this.values.nextId();
		FuzzValues.Call call = this.values.queueCall();
		JsonNode arguments = call.header().at("/arguments/json");
		return new FuzzCase("legacy type", chunked(request, utf8("queues." + call.header().get("tool").stringValue()),
				CODEC.payloads().pack(arguments), this.values.random.nextBoolean()),
				Map.of(request, call.expectation("legacy type")), null, false);
	}

	private FuzzCase setAttributes() {
		long request = this.values.nextId();
		byte[] payload = switch (this.values.random.nextInt(3)) {
			case 0 -> CODEC.payloads().pack(this.values.object(2));
			case 1 -> this.values.bytes(this.values.random.nextInt(200));
			default -> FuzzFrames.withLength(utf8("{\"name\":" + this.values.jsonString() + "}"));
		};
		return new FuzzCase("set_attributes", chunked(request, utf8(MessageTypes.SET_ATTRIBUTES), payload,
				this.values.random.nextBoolean()), Map.of(request, Expectation.silent("set_attributes")), null, false);
	}

	private FuzzCase badToolCall() {
		ObjectNode arguments = CODEC.jsonMapper().createObjectNode().put("name", this.values.queueName());
		return switch (this.values.random.nextInt(12)) {
			case 0 -> toolCall("unknown toolkit", FuzzFrames.invokeTool("not-" + this.values.text(8), "send", arguments),
					1003, "not found");
			case 1 -> toolCall("unknown tool", FuzzFrames.invokeTool("queues", "x" + this.values.text(8), arguments), 1003,
					"has no tool");
			case 2 -> {
				ObjectNode header = FuzzFrames.invokeTool("queues", "list", arguments);
				header.put("toolkit", this.values.random.nextInt(100));
				yield toolCall("toolkit not a string", header, 1002, "needs a string 'toolkit'");
			}
			case 3 -> {
				ObjectNode header = FuzzFrames.invokeTool("queues", "list", arguments);
				header.remove("tool");
				yield toolCall("tool missing", header, 1002, "needs a string 'tool'");
			}
			case 4 -> {
				ObjectNode header = FuzzFrames.invokeTool("queues", "open", arguments);
				header.putObject("arguments").put("type", "text").put("text", "q1");
				yield toolCall("arguments as text", header, 1002, "takes arguments as a json content");
			}
			case 5 -> {
				ObjectNode header = FuzzFrames.invokeTool("queues", "open", arguments);
				header.putObject("arguments").put("type", this.values.text(6));
				yield toolCall("arguments of an unknown content type", header, 1002, "invalid request:");
			}
			case 6 -> {
				ObjectNode header = FuzzFrames.invokeTool("queues", "open", arguments);
				header.put("arguments", this.values.random.nextInt());
				yield toolCall("arguments a number", header, 1002, "invalid request:");
			}
			case 7 -> {
				arguments.set("name", this.values.random.nextBoolean() ? CODEC.jsonMapper().getNodeFactory().numberNode(7)
						: CODEC.jsonMapper().getNodeFactory().stringNode(""));
				yield toolCall("name not a non-empty string", FuzzFrames.invokeTool("queues", "open", arguments), 1002,
						"needs a non-empty string 'name'");
			}
			case 8 -> {
				arguments.put("name", "n".repeat(1025 + this.values.random.nextInt(3000)));
				yield toolCall("name too long", FuzzFrames.invokeTool("queues", "send", arguments), 1008,
						"the max-queue-name-length limit");
			}
			case 9 -> {
				arguments.put("wait", "yes");
				yield toolCall("wait not a boolean", FuzzFrames.invokeTool("queues", "receive", arguments), 1002,
						"'wait' must be a boolean");
			}
			case 10 -> {
				arguments.put("create", 1);
				yield toolCall("create not a boolean", FuzzFrames.invokeTool("queues", "send", arguments), 1002,
						"'create' must be a boolean");
			}
			default -> {
				arguments.set("message", this.values.random.nextBoolean() ? CODEC.jsonMapper().createArrayNode()
						: CODEC.jsonMapper().getNodeFactory().stringNode(this.values.text(5)));
				yield toolCall("message not an object", FuzzFrames.invokeTool("queues", "send", arguments), 1002,
						"'message' must be a JSON object");
			}
		};
	}

	private FuzzCase emptyPayload() {
		long request = this.values.nextId();
		byte[] header = FuzzFrames.header(request, 0, utf8(MessageTypes.INVOKE_TOOL));
		return new FuzzCase("empty payload", List.of(new Frame(header)),
				Map.of(request, Expectation.error("empty payload", 1002, "shorter than its 8-byte length")), null, false);
	}

	private FuzzCase ping() {
		byte[] data = this.values.bytes(this.values.random.nextInt(126));
		return new FuzzCase("ping", List.of(new FuzzCase.Ping(data)), Map.of(), null, false);
	}

	private FuzzCase responseType() {
		long request = this.values.nextId();
		return new FuzzCase("response sent to the server", chunked(request, utf8(MessageTypes.RESPONSE),
				CODEC.payloads().pack(CODEC.jsonMapper().createObjectNode().put("type", "empty")), false),
				Map.of(request, Expectation.error("response sent to the server", 1002, "is not supported")), null, false);
	}

	private FuzzCase droppedByAnEmptyMessage() {
		long dropped = this.values.nextId();
		long empty = this.values.nextId();
		byte[] type = utf8(MessageTypes.INVOKE_TOOL);
		Map<Long, Expectation> expected = new LinkedHashMap<>();
		expected.put(dropped, Expectation.silent("interrupted by an empty message"));
		expected.put(empty, Expectation.error("empty message interrupting another", 1002, "shorter than its 8-byte length"));
		return new FuzzCase("interrupted by an empty message", List.of(new Frame(FuzzFrames.header(dropped, 2, type)),
				new Frame(FuzzFrames.data(dropped, 1, this.values.bytes(10))), new Frame(FuzzFrames.header(empty, 0, type))),
				expected, null, false);
	}

	private FuzzCase invalidPayload(String kind, byte[] payload, String text) {
		long request = this.values.nextId();
		return new FuzzCase(kind, chunked(request, utf8(MessageTypes.INVOKE_TOOL), payload, this.values.random.nextBoolean()),
				Map.of(request, Expectation.error(kind, 1002, text)), null, false);
	}

	private FuzzCase toolCall(String kind, ObjectNode header, int code, String text) {
		long request = this.values.nextId();
		return new FuzzCase(kind, chunked(request, utf8(MessageTypes.INVOKE_TOOL), CODEC.payloads().pack(header),
				this.values.random.nextBoolean()), Map.of(request, Expectation.error(kind, code, text)), null, false);
	}

	private List<Send> chunked(long request, byte[] type, byte[] payload, boolean rechunk) {
		return rechunk ? FuzzFrames.rechunked(this.values.random, request, type, payload)
				: FuzzFrames.standard(request, type, payload);
	}

}
