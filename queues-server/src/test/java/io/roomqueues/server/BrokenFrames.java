package io.roomqueues.server;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.roomqueues.protocol.MessageTypes;
import io.roomqueues.server.FuzzCase.Expectation;
import io.roomqueues.server.FuzzCase.Fatal;
import io.roomqueues.server.FuzzCase.Frame;
import io.roomqueues.server.FuzzCase.Send;
import tools.jackson.databind.node.ObjectNode;

import static io.roomqueues.server.FuzzFrames.CODEC;
import static io.roomqueues.server.FuzzFrames.data;
import static io.roomqueues.server.FuzzFrames.header;
import static io.roomqueues.server.FuzzFrames.utf8;

/**
 * The fuzz cases that break the framing itself, after which the server closes the connection with a reason: text
 * messages, frames too short or too big, data frames out of sequence, types that are not UTF-8; and valid calls
 * changed at random anywhere, headers included, which the server may answer or close on.
 */
final class BrokenFrames {

	/** The queue a connection sends to right after breaking the protocol; nothing may ever arrive in it. */
	static final String TRIPWIRE = "tripwire";

	private final FuzzValues values;

	private final int maxMessageSize;

	BrokenFrames(FuzzValues values, int maxMessageSize) {
		this.values = values;
		this.maxMessageSize = maxMessageSize;
	}

	/** A case that breaks the framing: the server must close the connection, with a reason. */
	FuzzCase fatal() {
		long first = this.values.nextId();
		byte[] type = utf8(MessageTypes.INVOKE_TOOL);
		return switch (this.values.random.nextInt(9)) {
			case 0 -> text();
			case 1 -> fatal("short frame", List.of(new Frame(this.values.bytes(this.values.random.nextInt(12)))), 1002,
					"shorter than the 12-byte frame prefix");
			case 2 -> fatal("short header", List.of(new Frame(ByteBuffer.allocate(12 + this.values.random.nextInt(4))
				.putLong(first)
				.array())), 1002, "shorter than the 16-byte header prefix");
			case 3 -> fatal("data without header", List.of(new Frame(data(first, 1 + this.values.random.nextInt(5),
					this.values.bytes(20)))), 1002, "without a header frame");
			case 4 -> fatal("id changed", List.of(new Frame(header(first, 3, type)),
					new Frame(data(first, 1, this.values.bytes(5))), new Frame(data(first + 1, 2, this.values.bytes(5)))),
					1002, "message id changed");
			case 5 -> fatal("index skipped", List.of(new Frame(header(first, 3, type)),
					new Frame(data(first, 1, this.values.bytes(5))), new Frame(data(first, 3, this.values.bytes(5)))),
					1002, "expected packet 2");
			case 6 -> fatal("invalid UTF-8 type", List.of(new Frame(header(first, 1, invalidUtf8Type()))), 1002,
					"message type is not valid UTF-8");
			case 7 -> fatal("interrupted", List.of(new Frame(header(first, 2, type)),
					new Frame(data(first, 1, this.values.bytes(5))), new Frame(header(this.values.nextId(), 1, type))),
					1002, "was interrupted");
			default -> frameTooBig();
		};
	}

	/**
	 * A valid call whose frames were then changed at random anywhere, headers included: bits flipped, frames cut,
	 * dropped, doubled or swapped. The server may answer, or close the connection as malformed.
	 */
	FuzzCase mangledAnywhere() {
		long request = this.values.nextId();
		byte[] payload = CODEC.payloads().pack(this.values.queueCall().header());
		List<Send> valid = this.values.random.nextBoolean()
				? FuzzFrames.standard(request, utf8(MessageTypes.INVOKE_TOOL), payload)
				: FuzzFrames.rechunked(this.values.random, request, utf8(MessageTypes.INVOKE_TOOL), payload);
		List<byte[]> frames = new ArrayList<>();
		valid.forEach((send) -> frames.add(((Frame) send).bytes().clone()));
		for (int changes = 1 + this.values.random.nextInt(3); changes > 0; changes--) {
			change(frames);
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
		byte[] payload = CODEC.payloads().pack(FuzzFrames.invokeTool("queues", "send", arguments));
		return new FuzzCase("tripwire", FuzzFrames.standard(this.values.nextId(), utf8(MessageTypes.INVOKE_TOOL),
				payload), Map.of(), null, false);
	}

	private void change(List<byte[]> frames) {
		int target = this.values.random.nextInt(frames.size());
		byte[] frame = frames.get(target);
		switch (this.values.random.nextInt(5)) {
			case 0 -> {
				if (frame.length > 0) {
					frame[this.values.random.nextInt(frame.length)] ^= (byte) (1 << this.values.random.nextInt(8));
				}
			}
			case 1 -> frames.set(target, Arrays.copyOf(frame, this.values.random.nextInt(frame.length + 1)));
			case 2 -> {
				if (frames.size() > 1) {
					frames.remove(target);
				}
			}
			case 3 -> frames.add(target, frame.clone());
			default -> {
				int other = this.values.random.nextInt(frames.size());
				frames.set(target, frames.get(other));
				frames.set(other, frame);
			}
		}
	}

	private FuzzCase text() {
		boolean tooLong = this.values.random.nextInt(10) == 0;
		String text = this.values.text(tooLong ? 20_000 : this.values.random.nextInt(2000));
		// the server takes text in parts, so even one past Tomcat's 8192-character buffer is closed by the server
		return new FuzzCase("text message", List.of(new FuzzCase.Text(text)), Map.of(),
				new Fatal(Set.of(1003), "text messages are not part of the room protocol", true), false);
	}

	private FuzzCase frameTooBig() {
		int size = this.maxMessageSize + 64 * 1024 + 1 + this.values.random.nextInt(50_000);
		byte[] bytes = this.values.bytes(size);
		ByteBuffer.wrap(bytes).putLong(this.values.nextId()).putInt(1);
		int[] cuts = this.values.random.nextBoolean() ? new int[0]
				: this.values.random.ints(1 + this.values.random.nextInt(8), 1, size).distinct().sorted().toArray();
		return fatal("frame too big", List.of(new Frame(bytes, cuts)), 1009, "exceeds the maximum frame size");
	}

	private byte[] invalidUtf8Type() {
		byte[] invalid = this.values.invalidUtf8();
		byte[] prefix = utf8(this.values.text(this.values.random.nextInt(5)));
		return ByteBuffer.allocate(prefix.length + invalid.length).put(prefix).put(invalid).array();
	}

	private static FuzzCase fatal(String kind, List<Send> sends, int code, String reason) {
		return new FuzzCase(kind, sends, Map.of(), new Fatal(Set.of(code), reason, true), false);
	}

}
