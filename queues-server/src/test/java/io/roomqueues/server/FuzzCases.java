package io.roomqueues.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import io.roomqueues.protocol.Frames;
import io.roomqueues.protocol.MessageTypes;
import io.roomqueues.protocol.WireCodec;
import io.roomqueues.server.FuzzCase.Expectation;
import io.roomqueues.server.FuzzCase.Fatal;
import io.roomqueues.server.FuzzCase.Frame;
import io.roomqueues.server.FuzzCase.Send;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Makes the cases one fuzzing connection sends, from its own seeded random source: valid queue calls cut into frames
 * in every legal way, and the same calls with their bytes mangled, their lengths and counts pushed past every limit,
 * their JSON deepened, bloated or broken, their types and tools unknown. Most cases are ones the server must answer
 * and survive; {@link #fatal} and {@link #mangledAnywhere} make the ones that break the framing itself.
 */
final class FuzzCases {

	static final WireCodec CODEC = new WireCodec(JsonMapper.builder().build());

	/** The queue a connection sends to right after breaking the protocol; nothing may ever arrive in it. */
	static final String TRIPWIRE = "tripwire";

	private static final String[] TOOLS = { "list", "open", "send", "send", "send", "receive", "receive", "drain",
			"close" };

	private static final String ALPHABET = "abcxyz019 _-.:/\"\\\n\t\u0000é日本語\uD83D\uDE00\u00A0";

	/** Sent as JSON escapes, as JavaScript writes them; valid JSON, though UTF-8 cannot carry them raw. */
	private static final String[] LONE_SURROGATES = { "\uDE00", "\uD83D", "\uDE00\uD83D", "x\uDBFF" };

	private static final byte[][] INVALID_UTF8 = { { (byte) 0xFF }, { (byte) 0xFE }, { (byte) 0x80 },
			{ (byte) 0xC3, 0x28 }, { (byte) 0xE2, (byte) 0x82, 0x28 }, { (byte) 0xF0, (byte) 0x9F, 0x28 } };

	private final SplittableRandom random;

	private final int maxMessageSize;

	private long id;

	FuzzCases(SplittableRandom random, int maxMessageSize) {
		this.random = random;
		this.maxMessageSize = maxMessageSize;
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

	/** A {@code list} request, the well-formed probe a client waits on. */
	static FuzzCase sentinel(long id) {
		byte[] payload = CODEC.payloads().pack(invokeTool("queues", "list", CODEC.jsonMapper().createObjectNode()));
		return new FuzzCase("sentinel", standardFrames(id, MessageTypes.INVOKE_TOOL, payload), Map.of(), null, false);
	}

	/** A case the server must answer (or, for one-way messages, accept silently) and survive. */
	FuzzCase nonFatal() {
		int roll = this.random.nextInt(1000);
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

	/** A case that breaks the framing: the server must close the connection, with a reason. */
	FuzzCase fatal() {
		long first = nextId();
		byte[] type = ascii(MessageTypes.INVOKE_TOOL);
		return switch (this.random.nextInt(9)) {
			case 0 -> text();
			case 1 -> fatal("short frame", List.of(new Frame(randomBytes(this.random.nextInt(12)))), 1002,
					"shorter than the 12-byte frame prefix");
			case 2 -> fatal("short header", List.of(new Frame(ByteBuffer.allocate(12 + this.random.nextInt(4))
				.putLong(first).array())), 1002, "shorter than the 16-byte header prefix");
			case 3 -> fatal("data without header", List.of(new Frame(data(first, 1 + this.random.nextInt(5), randomBytes(20)))),
					1002, "without a header frame");
			case 4 -> fatal("id changed", List.of(new Frame(header(first, 3, type)), new Frame(data(first, 1, randomBytes(5))),
					new Frame(data(first + 1, 2, randomBytes(5)))), 1002, "message id changed");
			case 5 -> fatal("index skipped", List.of(new Frame(header(first, 3, type)),
					new Frame(data(first, 1, randomBytes(5))), new Frame(data(first, 3, randomBytes(5)))), 1002,
					"expected packet 2");
			case 6 -> fatal("invalid UTF-8 type", List.of(new Frame(header(first, 1, invalidUtf8Type()))), 1002,
					"message type is not valid UTF-8");
			case 7 -> fatal("interrupted", List.of(new Frame(header(first, 2, type)), new Frame(data(first, 1, randomBytes(5))),
					new Frame(header(nextId(), 1, type))), 1002, "was interrupted");
			default -> frameTooBig();
		};
	}

	/**
	 * A valid call whose frames were then changed at random anywhere, headers included: bits flipped, frames cut,
	 * dropped, doubled or swapped. The server may answer, or close the connection as malformed.
	 */
	FuzzCase mangledAnywhere() {
		long request = nextId();
		List<byte[]> frames = new ArrayList<>();
		for (Send send : chunked(request, ascii(MessageTypes.INVOKE_TOOL), CODEC.payloads().pack(queueCall().header()),
				this.random.nextBoolean())) {
			frames.add(((Frame) send).bytes().clone());
		}
		for (int changes = 1 + this.random.nextInt(3); changes > 0; changes--) {
			int target = this.random.nextInt(frames.size());
			byte[] frame = frames.get(target);
			switch (this.random.nextInt(5)) {
				case 0 -> {
					if (frame.length > 0) {
						frame[this.random.nextInt(frame.length)] ^= (byte) (1 << this.random.nextInt(8));
					}
				}
				case 1 -> frames.set(target, Arrays.copyOf(frame, this.random.nextInt(frame.length + 1)));
				case 2 -> {
					if (frames.size() > 1) {
						frames.remove(target);
					}
				}
				case 3 -> frames.add(target, frame.clone());
				default -> {
					int other = this.random.nextInt(frames.size());
					frames.set(target, frames.get(other));
					frames.set(other, frame);
				}
			}
		}
		List<Send> sends = new ArrayList<>();
		frames.forEach((frame) -> sends.add(new Frame(frame)));
		return new FuzzCase("mangled anywhere", sends, Map.of(request, Expectation.maybe("mangled anywhere")),
				new Fatal(Set.of(1002, 1009), "", false), true);
	}

	/** A valid send to the {@link #TRIPWIRE} queue, made right after a fatal case: it must never take effect. */
	FuzzCase tripwire() {
		ObjectNode arguments = CODEC.jsonMapper().createObjectNode().put("name", TRIPWIRE);
		arguments.putObject("message").put("sent", "after the connection broke the protocol");
		byte[] payload = CODEC.payloads().pack(invokeTool("queues", "send", arguments));
		return new FuzzCase("tripwire", standardFrames(nextId(), MessageTypes.INVOKE_TOOL, payload), Map.of(), null, false);
	}

	private FuzzCase valid(String kind, boolean rechunk) {
		long request = nextId();
		Call call = queueCall();
		return new FuzzCase(kind, chunked(request, ascii(MessageTypes.INVOKE_TOOL), CODEC.payloads().pack(call.header()),
				rechunk), Map.of(request, call.expectation(kind)), null, false);
	}

	private FuzzCase fragmented() {
		FuzzCase whole = valid("fragmented", this.random.nextBoolean());
		List<Send> sends = new ArrayList<>();
		for (Send send : whole.sends()) {
			byte[] bytes = ((Frame) send).bytes();
			int pieces = Math.min(bytes.length - 1, this.random.nextInt(4));
			int[] cuts = this.random.ints(pieces, 1, bytes.length).distinct().sorted().toArray();
			sends.add(new Frame(bytes, cuts));
		}
		return new FuzzCase(whole.kind(), sends, whole.expected(), null, false);
	}

	private FuzzCase jsonBitFlips() {
		long request = nextId();
		byte[] payload = CODEC.payloads().pack(queueCall().header());
		for (int flips = 1 + this.random.nextInt(4); flips > 0; flips--) {
			payload[8 + this.random.nextInt(payload.length - 8)] ^= (byte) (1 << this.random.nextInt(8));
		}
		return new FuzzCase("JSON bits flipped", chunked(request, ascii(MessageTypes.INVOKE_TOOL), payload,
				this.random.nextBoolean()), Map.of(request, Expectation.maybe("JSON bits flipped")), null, false);
	}

	private FuzzCase truncatedPayload() {
		byte[] payload = CODEC.payloads().pack(queueCall().header());
		return invalidPayload("payload truncated", Arrays.copyOf(payload, this.random.nextInt(payload.length)),
				"invalid request: payload");
	}

	private FuzzCase wrongJsonLength() {
		byte[] payload = CODEC.payloads().pack(queueCall().header());
		long actual = payload.length - 8;
		long length = switch (this.random.nextInt(4)) {
			case 0 -> this.random.nextLong(Long.MIN_VALUE, 0);
			case 1 -> actual + 1 + this.random.nextLong(1L << 40);
			case 2 -> this.random.nextLong(actual);
			default -> 0;
		};
		ByteBuffer.wrap(payload).putLong(length);
		return invalidPayload("JSON length wrong", payload, "invalid request: payload");
	}

	private FuzzCase binaryTail() {
		long request = nextId();
		Call call = queueCall();
		byte[] json = CODEC.payloads().pack(call.header());
		byte[] tail = randomBytes(this.random.nextInt(1, 3000));
		byte[] payload = ByteBuffer.allocate(json.length + tail.length).put(json).put(tail).array();
		return new FuzzCase("binary tail", chunked(request, ascii(MessageTypes.INVOKE_TOOL), payload,
				this.random.nextBoolean()), Map.of(request, call.expectation("binary tail")), null, false);
	}

	private FuzzCase invalidUtf8InJson() {
		String marker = "@@INVALID@@";
		ObjectNode arguments = CODEC.jsonMapper().createObjectNode().put("name", "q1");
		arguments.putObject("message").put(this.random.nextBoolean() ? "text" : marker, "before " + marker + " after");
		byte[] json = ascii(CODEC.jsonMapper().writeValueAsString(invokeTool("queues", "send", arguments)));
		byte[] invalid = INVALID_UTF8[this.random.nextInt(INVALID_UTF8.length)];
		int at = indexOf(json, ascii(marker));
		int after = at + marker.length();
		byte[] broken = ByteBuffer.allocate(json.length - marker.length() + invalid.length)
			.put(json, 0, at)
			.put(invalid)
			.put(json, after, json.length - after)
			.array();
		return invalidPayload("invalid UTF-8 in JSON", withLength(broken), "not valid UTF-8 JSON");
	}

	private FuzzCase notAnObject() {
		String[] values = { "[1,2]", "\"queues\"", "42", "null", "true", "[]", "\"\"" };
		return invalidPayload("JSON not an object", withLength(ascii(values[this.random.nextInt(values.length)])),
				"payload header must be a JSON object");
	}

	private FuzzCase deepJson() {
		long request = nextId();
		int depth = 10 + this.random.nextInt(3000);
		boolean arrays = this.random.nextBoolean();
		StringBuilder nested = new StringBuilder();
		nested.append((arrays ? "[" : "{\"a\":").repeat(depth)).append("1").append((arrays ? "]" : "}").repeat(depth));
		String json = "{\"toolkit\":\"queues\",\"tool\":\"send\",\"arguments\":{\"type\":\"json\",\"json\":{\"name\":\"q"
				+ this.random.nextInt(6) + "\",\"message\":{\"deep\":" + nested + "}}}}";
		return new FuzzCase("deep JSON", chunked(request, ascii(MessageTypes.INVOKE_TOOL), withLength(ascii(json)),
				this.random.nextBoolean()), Map.of(request, Expectation.anyAnswer("deep JSON of depth " + depth)), null,
				false);
	}

	private FuzzCase hugeJson() {
		long request = nextId();
		ObjectNode arguments = CODEC.jsonMapper().createObjectNode().put("name", "q" + this.random.nextInt(6));
		ObjectNode message = arguments.putObject("message");
		int size = this.random.nextInt(this.maxMessageSize / 4, this.maxMessageSize - 4096);
		if (this.random.nextBoolean()) {
			message.put("text", "x".repeat(size));
		}
		else {
			ArrayNode wide = message.putArray("wide");
			for (int i = 0; i < size / 8; i++) {
				wide.add(i);
			}
		}
		return new FuzzCase("huge JSON", standardFrames(request, MessageTypes.INVOKE_TOOL,
				CODEC.payloads().pack(invokeTool("queues", "send", arguments))),
				Map.of(request, Expectation.anyAnswer("huge JSON")), null, false);
	}

	private FuzzCase tooLargeByData() {
		long request = nextId();
		byte[] payload = randomBytes(this.maxMessageSize + 1 + this.random.nextInt(8192));
		return new FuzzCase("too large by its data", standardFrames(request, MessageTypes.INVOKE_TOOL, payload),
				Map.of(request, Expectation.error("too large by its data", 1002, "exceeds the maximum message size of "
						+ this.maxMessageSize + " bytes")),
				null, false);
	}

	private FuzzCase hugePacketCount() {
		long request = nextId();
		long count = this.random.nextLong(this.maxMessageSize + 1L, 1L << 32);
		List<Send> sends = new ArrayList<>();
		sends.add(new Frame(header(request, count, ascii(MessageTypes.INVOKE_TOOL))));
		int frames = this.random.nextInt(4);
		for (int i = 1; i <= frames; i++) {
			sends.add(new Frame(data(request, i, randomBytes(this.random.nextInt(2000)))));
		}
		return new FuzzCase("huge packet count", sends, Map.of(request, Expectation.error("huge packet count", 1002,
				"exceeds the maximum message size of " + this.maxMessageSize + " bytes")), null, false);
	}

	private FuzzCase unknownType() {
		long request = nextId();
		String type;
		do {
			type = randomText((this.random.nextInt(100) == 0) ? 1000 + this.random.nextInt(20_000) : this.random.nextInt(40));
		}
		while (type.equals(MessageTypes.INVOKE_TOOL) || type.equals(MessageTypes.SET_ATTRIBUTES)
				|| type.startsWith("queues."));
		byte[] payload = this.random.nextBoolean() ? CODEC.payloads().pack(queueCall().header())
				: randomBytes(this.random.nextInt(300));
		return new FuzzCase("unknown type", chunked(request, type.getBytes(StandardCharsets.UTF_8), payload, false),
				Map.of(request, Expectation.error("unknown type", 1002, "is not supported by this server")), null, false);
	}

	private FuzzCase legacyType() {
		long request = nextId();
		Call call = queueCall();
		JsonNode arguments = call.header().at("/arguments/json");
		return new FuzzCase("legacy type", chunked(request, ascii("queues." + call.header().get("tool").stringValue()),
				CODEC.payloads().pack(arguments), this.random.nextBoolean()),
				Map.of(request, call.expectation("legacy type")), null, false);
	}

	private FuzzCase setAttributes() {
		long request = nextId();
		byte[] payload = switch (this.random.nextInt(3)) {
			case 0 -> CODEC.payloads().pack(randomObject(2));
			case 1 -> randomBytes(this.random.nextInt(200));
			default -> withLength(ascii("{\"name\":" + randomJsonString() + "}"));
		};
		return new FuzzCase("set_attributes", chunked(request, ascii(MessageTypes.SET_ATTRIBUTES), payload,
				this.random.nextBoolean()), Map.of(request, Expectation.silent("set_attributes")), null, false);
	}

	private FuzzCase badToolCall() {
		ObjectNode arguments = CODEC.jsonMapper().createObjectNode().put("name", "q" + this.random.nextInt(6));
		return switch (this.random.nextInt(12)) {
			case 0 -> toolCall("unknown toolkit", invokeTool("not-" + randomText(8), "send", arguments), 1003, "not found");
			case 1 -> toolCall("unknown tool", invokeTool("queues", "x" + randomText(8), arguments), 1003, "has no tool");
			case 2 -> {
				ObjectNode header = invokeTool("queues", "list", arguments);
				header.put("toolkit", this.random.nextInt(100));
				yield toolCall("toolkit not a string", header, 1002, "needs a string 'toolkit'");
			}
			case 3 -> {
				ObjectNode header = invokeTool("queues", "list", arguments);
				header.remove("tool");
				yield toolCall("tool missing", header, 1002, "needs a string 'tool'");
			}
			case 4 -> {
				ObjectNode header = invokeTool("queues", "open", arguments);
				header.putObject("arguments").put("type", "text").put("text", "q1");
				yield toolCall("arguments as text", header, 1002, "takes arguments as a json content");
			}
			case 5 -> {
				ObjectNode header = invokeTool("queues", "open", arguments);
				header.putObject("arguments").put("type", randomText(6));
				yield toolCall("arguments of an unknown content type", header, 1002, "invalid request:");
			}
			case 6 -> {
				ObjectNode header = invokeTool("queues", "open", arguments);
				header.put("arguments", this.random.nextInt());
				yield toolCall("arguments a number", header, 1002, "invalid request:");
			}
			case 7 -> {
				arguments.set("name", this.random.nextBoolean() ? CODEC.jsonMapper().getNodeFactory().numberNode(7)
						: CODEC.jsonMapper().getNodeFactory().stringNode(""));
				yield toolCall("name not a non-empty string", invokeTool("queues", "open", arguments), 1002,
						"needs a non-empty string 'name'");
			}
			case 8 -> {
				arguments.put("name", "n".repeat(1025 + this.random.nextInt(3000)));
				yield toolCall("name too long", invokeTool("queues", "send", arguments), 1008,
						"the max-queue-name-length limit");
			}
			case 9 -> {
				arguments.put("wait", "yes");
				yield toolCall("wait not a boolean", invokeTool("queues", "receive", arguments), 1002,
						"'wait' must be a boolean");
			}
			case 10 -> {
				arguments.put("create", 1);
				yield toolCall("create not a boolean", invokeTool("queues", "send", arguments), 1002,
						"'create' must be a boolean");
			}
			default -> {
				arguments.set("message", this.random.nextBoolean() ? CODEC.jsonMapper().createArrayNode()
						: CODEC.jsonMapper().getNodeFactory().stringNode(randomText(5)));
				yield toolCall("message not an object", invokeTool("queues", "send", arguments), 1002,
						"'message' must be a JSON object");
			}
		};
	}

	private FuzzCase emptyPayload() {
		long request = nextId();
		return new FuzzCase("empty payload", List.of(new Frame(header(request, 0, ascii(MessageTypes.INVOKE_TOOL)))),
				Map.of(request, Expectation.error("empty payload", 1002, "shorter than its 8-byte length")), null, false);
	}

	private FuzzCase ping() {
		return new FuzzCase("ping", List.of(new FuzzCase.Ping(randomBytes(this.random.nextInt(126)))), Map.of(), null,
				false);
	}

	private FuzzCase responseType() {
		long request = nextId();
		return new FuzzCase("response sent to the server", chunked(request, ascii(MessageTypes.RESPONSE),
				CODEC.payloads().pack(CODEC.jsonMapper().createObjectNode().put("type", "empty")), false),
				Map.of(request, Expectation.error("response sent to the server", 1002, "is not supported")), null, false);
	}

	private FuzzCase droppedByAnEmptyMessage() {
		long dropped = nextId();
		long empty = nextId();
		byte[] type = ascii(MessageTypes.INVOKE_TOOL);
		Map<Long, Expectation> expected = new LinkedHashMap<>();
		expected.put(dropped, Expectation.silent("interrupted by an empty message"));
		expected.put(empty, Expectation.error("empty message interrupting another", 1002, "shorter than its 8-byte length"));
		return new FuzzCase("interrupted by an empty message", List.of(new Frame(header(dropped, 2, type)),
				new Frame(data(dropped, 1, randomBytes(10))), new Frame(header(empty, 0, type))), expected, null, false);
	}

	private FuzzCase text() {
		boolean long_ = this.random.nextInt(10) == 0;
		String text = randomText(long_ ? 20_000 : this.random.nextInt(2000));
		return new FuzzCase("text message", List.of(new FuzzCase.Text(text)), Map.of(),
				long_ ? new Fatal(Set.of(1003, 1009), "", true)
						: new Fatal(Set.of(1003), "text messages are not part of the room protocol", true),
				false);
	}

	private FuzzCase frameTooBig() {
		int size = this.maxMessageSize + 64 * 1024 + 1 + this.random.nextInt(50_000);
		byte[] bytes = randomBytes(size);
		ByteBuffer.wrap(bytes).putLong(nextId()).putInt(1);
		int[] cuts = this.random.nextBoolean() ? new int[0]
				: this.random.ints(1 + this.random.nextInt(8), 1, size).distinct().sorted().toArray();
		return fatal("frame too big", List.of(new Frame(bytes, cuts)), 1009, "exceeds the maximum frame size");
	}

	private static FuzzCase fatal(String kind, List<Send> sends, int code, String reason) {
		return new FuzzCase(kind, sends, Map.of(), new Fatal(Set.of(code), reason, true), false);
	}

	private FuzzCase invalidPayload(String kind, byte[] payload, String text) {
		long request = nextId();
		return new FuzzCase(kind, chunked(request, ascii(MessageTypes.INVOKE_TOOL), payload, this.random.nextBoolean()),
				Map.of(request, Expectation.error(kind, 1002, text)), null, false);
	}

	private FuzzCase toolCall(String kind, ObjectNode header, int code, String text) {
		long request = nextId();
		return new FuzzCase(kind, chunked(request, ascii(MessageTypes.INVOKE_TOOL), CODEC.payloads().pack(header),
				this.random.nextBoolean()), Map.of(request, Expectation.error(kind, code, text)), null, false);
	}

	/** A valid call of the queues toolkit and what it must get. */
	private record Call(ObjectNode header, boolean mayPark) {

		Expectation expectation(String kind) {
			String what = kind + " " + this.header.get("tool").stringValue();
			return this.mayPark ? Expectation.maybe(what) : Expectation.anyAnswer(what);
		}

	}

	private Call queueCall() {
		String tool = TOOLS[this.random.nextInt(TOOLS.length)];
		ObjectNode arguments = CODEC.jsonMapper().createObjectNode();
		boolean mayPark = false;
		if (!tool.equals("list")) {
			arguments.put("name", "q" + this.random.nextInt(6));
		}
		if (tool.equals("send")) {
			arguments.set("message", randomObject(3));
		}
		if ((tool.equals("send") || tool.equals("receive")) && this.random.nextBoolean()) {
			arguments.put("create", this.random.nextInt(4) != 0);
		}
		if (tool.equals("receive")) {
			mayPark = this.random.nextInt(8) == 0;
			arguments.put("wait", mayPark);
		}
		return new Call(invokeTool("queues", tool, arguments), mayPark);
	}

	private static ObjectNode invokeTool(String toolkit, String tool, ObjectNode arguments) {
		ObjectNode header = CODEC.jsonMapper().createObjectNode().put("toolkit", toolkit).put("tool", tool);
		header.putObject("arguments").put("type", "json").set("json", arguments);
		return header;
	}

	private ObjectNode randomObject(int depth) {
		ObjectNode object = CODEC.jsonMapper().createObjectNode();
		for (int i = this.random.nextInt(5); i > 0; i--) {
			object.set(randomText(this.random.nextInt(8)), randomValue(depth - 1));
		}
		return object;
	}

	private JsonNode randomValue(int depth) {
		var nodes = CODEC.jsonMapper().getNodeFactory();
		return switch (this.random.nextInt((depth > 0) ? 8 : 6)) {
			case 0 -> nodes.stringNode(randomText(this.random.nextInt(30)) + ((this.random.nextInt(20) == 0)
					? LONE_SURROGATES[this.random.nextInt(LONE_SURROGATES.length)] : ""));
			case 1 -> nodes.numberNode(this.random.nextLong());
			case 2 -> nodes.numberNode(this.random.nextDouble() * 1e6);
			case 3 -> nodes.booleanNode(this.random.nextBoolean());
			case 4 -> nodes.nullNode();
			case 5 -> nodes.numberNode(this.random.nextInt(1000));
			case 6 -> randomObject(depth);
			default -> {
				ArrayNode array = nodes.arrayNode();
				for (int i = this.random.nextInt(4); i > 0; i--) {
					array.add(randomValue(depth - 1));
				}
				yield array;
			}
		};
	}

	private String randomText(int length) {
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

	private String randomJsonString() {
		return CODEC.jsonMapper().writeValueAsString(randomText(this.random.nextInt(20)));
	}

	private byte[] invalidUtf8Type() {
		byte[] invalid = INVALID_UTF8[this.random.nextInt(INVALID_UTF8.length)];
		byte[] prefix = ascii(randomText(this.random.nextInt(5)));
		return ByteBuffer.allocate(prefix.length + invalid.length).put(prefix).put(invalid).array();
	}

	private byte[] randomBytes(int size) {
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

	/** The frames of a message: 1024-byte chunks, or, when rechunked, chunks of 0 to 299 bytes. */
	private List<Send> chunked(long request, byte[] type, byte[] payload, boolean rechunk) {
		if (!rechunk) {
			return standardFrames(request, type, payload);
		}
		List<byte[]> chunks = new ArrayList<>();
		int offset = 0;
		while (offset < payload.length) {
			int end = Math.min(payload.length, offset + ((this.random.nextInt(10) == 0) ? 0 : this.random.nextInt(1, 300)));
			chunks.add(Arrays.copyOfRange(payload, offset, end));
			offset = end;
		}
		List<Send> sends = new ArrayList<>();
		sends.add(new Frame(header(request, chunks.size(), type)));
		for (int i = 0; i < chunks.size(); i++) {
			sends.add(new Frame(data(request, i + 1, chunks.get(i))));
		}
		return sends;
	}

	private static List<Send> standardFrames(long request, String type, byte[] payload) {
		return standardFrames(request, ascii(type), payload);
	}

	private static List<Send> standardFrames(long request, byte[] type, byte[] payload) {
		List<Send> sends = new ArrayList<>();
		int count = (payload.length + Frames.CHUNK_SIZE - 1) / Frames.CHUNK_SIZE;
		sends.add(new Frame(header(request, count, type)));
		for (int i = 1; i <= count; i++) {
			int from = (i - 1) * Frames.CHUNK_SIZE;
			sends.add(new Frame(data(request, i, Arrays.copyOfRange(payload, from, Math.min(payload.length,
					from + Frames.CHUNK_SIZE)))));
		}
		return sends;
	}

	private static byte[] header(long request, long count, byte[] type) {
		return ByteBuffer.allocate(16 + type.length).putLong(request).putInt(0).putInt((int) count).put(type).array();
	}

	private static byte[] data(long request, long index, byte[] chunk) {
		return ByteBuffer.allocate(12 + chunk.length).putLong(request).putInt((int) index).put(chunk).array();
	}

	private static byte[] withLength(byte[] json) {
		return ByteBuffer.allocate(8 + json.length).putLong(json.length).put(json).array();
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static int indexOf(byte[] bytes, byte[] marker) {
		for (int i = 0; i + marker.length <= bytes.length; i++) {
			if (Arrays.equals(bytes, i, i + marker.length, marker, 0, marker.length)) {
				return i;
			}
		}
		throw new IllegalArgumentException("marker not found");
	}

}
