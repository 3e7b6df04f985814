package io.roomqueues.protocol;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static io.roomqueues.protocol.WorkedExampleTests.bytes;
import static org.assertj.core.api.Assertions.assertThat;

/** Frame encoding and reassembly, including every malformed sequence section 3.2 names. */
class MessageAssemblerTests {

	private final MessageAssembler assembler = new MessageAssembler(WireCodec.DEFAULT_MAX_MESSAGE_SIZE);

	private final CollectingListener listener = new CollectingListener();

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, 1023, 1024, 1025, 5000, 1024 * 1024 })
	void messagesOfEverySizeRoundTripThroughFrames(int size) {
		byte[] payload = randomBytes(size);

		ByteBuffer[] frames = Frames.encode(0x1_0000_0002L, "room.invoke_tool", payload);
		feed(frames);

		assertThat(frames).hasSize(1 + (size + 1023) / 1024);
		for (int i = 1; i < frames.length; i++) {
			int expected = (i < frames.length - 1) ? 1024 : size - (frames.length - 2) * 1024;
			assertThat(frames[i].remaining()).isEqualTo(12 + expected);
		}
		assertThat(this.listener.errors).isEmpty();
		assertThat(this.listener.messages).containsExactly(new ProtocolMessage(0x1_0000_0002L, "room.invoke_tool", payload));
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 7, 1000, 4096 })
	void dataFramesOfAnyChunkSizeAreAccepted(int chunk) {
		byte[] payload = randomBytes(5000);
		int count = (payload.length + chunk - 1) / chunk;
		List<ByteBuffer> frames = new ArrayList<>();
		frames.add(headerFrame(9, count, "x"));
		for (int i = 1; i <= count; i++) {
			int offset = (i - 1) * chunk;
			frames.add(dataFrame(9, i, java.util.Arrays.copyOfRange(payload, offset, Math.min(payload.length, offset + chunk))));
		}

		feed(frames.toArray(ByteBuffer[]::new));

		assertThat(this.listener.errors).isEmpty();
		assertThat(this.listener.messages).containsExactly(new ProtocolMessage(9, "x", payload));
	}

	@Test
	void shortFrameIsAProtocolErrorAndTheNextMessageStillArrives() {
		feed(ByteBuffer.wrap(new byte[] { 0, 0, 0, 1, 0 }));
		feed(Frames.encode(2, "ok", new byte[] { 1, 2, 3 }));

		assertThat(this.listener.errors).singleElement()
			.extracting(Throwable::getMessage)
			.asString()
			.contains("shorter than the 12-byte frame prefix");
		assertThat(this.listener.messages).extracting(ProtocolMessage::id).containsExactly(2L);
	}

	@Test
	void headerFrameShorterThanSixteenBytesIsAProtocolError() {
		feed(ByteBuffer.wrap(new byte[14]));

		assertThat(this.listener.errors).singleElement()
			.extracting(Throwable::getMessage)
			.asString()
			.contains("16-byte header prefix");
	}

	@Test
	void wrongPacketIndexDropsTheMessageAndRecoversOnTheNextHeader() {
		feed(headerFrame(1, 2, "a"), dataFrame(1, 2, new byte[] { 1 }), dataFrame(1, 1, new byte[] { 1 }));
		feed(Frames.encode(2, "b", new byte[] { 7 }));

		assertThat(this.listener.errors).singleElement()
			.extracting(Throwable::getMessage)
			.asString()
			.contains("expected packet 1 of message 1 but got packet 2");
		assertThat(this.listener.messages).containsExactly(new ProtocolMessage(2, "b", new byte[] { 7 }));
	}

	@Test
	void idChangingMidMessageDropsTheMessage() {
		feed(headerFrame(1, 2, "a"), dataFrame(1, 1, new byte[] { 1 }), dataFrame(5, 2, new byte[] { 1 }));
		feed(Frames.encode(3, "c", new byte[0]));

		assertThat(this.listener.errors).singleElement()
			.extracting(Throwable::getMessage)
			.asString()
			.contains("message id changed from 1 to 5");
		assertThat(this.listener.messages).extracting(ProtocolMessage::id).containsExactly(3L);
	}

	@Test
	void dataFrameWithoutHeaderIsAProtocolError() {
		feed(dataFrame(4, 1, new byte[] { 1 }));

		assertThat(this.listener.errors).singleElement()
			.extracting(Throwable::getMessage)
			.asString()
			.contains("without a header frame");
		assertThat(this.listener.messages).isEmpty();
	}

	@Test
	void headerInterruptingAMessageDropsTheOldOneAndKeepsTheNewOne() {
		feed(headerFrame(1, 2, "a"), dataFrame(1, 1, new byte[] { 1 }));
		feed(Frames.encode(2, "b", new byte[] { 9 }));

		assertThat(this.listener.errors).singleElement()
			.extracting(Throwable::getMessage)
			.asString()
			.contains("message 1 was interrupted");
		assertThat(this.listener.messages).containsExactly(new ProtocolMessage(2, "b", new byte[] { 9 }));
	}

	@Test
	void invalidUtf8TypeIsAProtocolError() {
		ByteBuffer frame = ByteBuffer.allocate(18).putLong(1).putInt(0).putInt(0).put((byte) 0xC3).put((byte) 0x28).flip();

		feed(frame);

		assertThat(this.listener.errors).singleElement()
			.extracting(Throwable::getMessage)
			.asString()
			.contains("not valid UTF-8");
	}

	@Test
	void messagePastTheLimitIsRefusedWithTheLimitNamedAndTheConnectionGoesOn() {
		MessageAssembler small = new MessageAssembler(2048);

		for (ByteBuffer frame : Frames.encode(7, "big", new byte[5000])) {
			small.accept(frame, this.listener);
		}
		for (ByteBuffer frame : Frames.encode(8, "small", new byte[100])) {
			small.accept(frame, this.listener);
		}

		assertThat(this.listener.errors).singleElement().isInstanceOfSatisfying(MessageTooLargeException.class, (ex) -> {
			assertThat(ex.messageId()).isEqualTo(7);
			assertThat(ex.limit()).isEqualTo(2048);
			assertThat(ex).hasMessageContaining("maximum message size of 2048 bytes");
		});
		assertThat(this.listener.messages).extracting(ProtocolMessage::id).containsExactly(8L);
	}

	@Test
	void packetCountUpToTheLimitDoesNotAllocateUpFront() {
		feed(headerFrame(1, WireCodec.DEFAULT_MAX_MESSAGE_SIZE, "a"), dataFrame(1, 1, new byte[] { 1 }));

		assertThat(this.listener.errors).isEmpty();
		assertThat(this.listener.messages).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(longs = { 2049, 0xFFFF_FFFFL })
	void headerAnnouncingMorePacketsThanTheLimitHasBytesIsRefusedAtOnce(long count) {
		MessageAssembler small = new MessageAssembler(2048);

		small.accept(headerFrame(5, count, "room.invoke_tool"), this.listener);

		assertThat(this.listener.errors).singleElement().isInstanceOfSatisfying(MessageTooLargeException.class, (ex) -> {
			assertThat(ex.messageId()).isEqualTo(5);
			assertThat(ex.messageType()).isEqualTo("room.invoke_tool");
			assertThat(ex).hasMessageContaining("maximum message size of 2048 bytes");
		});
		small.accept(dataFrame(5, 1, new byte[] { 1 }), this.listener);
		for (ByteBuffer frame : Frames.encode(6, "next", new byte[] { 1, 2 })) {
			small.accept(frame, this.listener);
		}
		assertThat(this.listener.errors).hasSize(1);
		assertThat(this.listener.messages).extracting(ProtocolMessage::id).containsExactly(6L);
	}

	@Test
	void headerAnnouncingAsManyPacketsAsTheLimitHasBytesIsAccepted() {
		MessageAssembler small = new MessageAssembler(2048);

		small.accept(headerFrame(5, 2048, "t"), this.listener);
		for (int i = 1; i <= 2048; i++) {
			small.accept(dataFrame(5, i, new byte[] { (byte) i }), this.listener);
		}

		assertThat(this.listener.errors).isEmpty();
		assertThat(this.listener.messages).singleElement()
			.satisfies((message) -> assertThat(message.payload()).hasSize(2048));
	}

	@Test
	void aOneFrameMessageIsCopiedOutOfTheFrameItArrivedIn() {
		byte[] whole = bytes(Frames.encode(3, "t", new byte[] { 1, 2, 3 })[1]);
		byte[] padded = new byte[whole.length + 8];
		System.arraycopy(whole, 0, padded, 5, whole.length);
		ByteBuffer frame = ByteBuffer.wrap(padded, 5, whole.length).slice();

		this.assembler.accept(ByteBuffer.wrap(bytes(headerFrame(3, 1, "t"))), this.listener);
		this.assembler.accept(frame, this.listener);
		java.util.Arrays.fill(padded, (byte) 9);

		assertThat(this.listener.messages).singleElement()
			.satisfies((message) -> assertThat(message.payload()).containsExactly(1, 2, 3));
		assertThat(frame.hasRemaining()).isFalse();
	}

	@Test
	void aOneFrameMessagePastTheLimitIsRefusedAndTheNextArrives() {
		MessageAssembler small = new MessageAssembler(10);

		small.accept(headerFrame(4, 1, "big"), this.listener);
		small.accept(dataFrame(4, 1, new byte[11]), this.listener);
		small.accept(headerFrame(5, 1, "small"), this.listener);
		small.accept(dataFrame(5, 1, new byte[10]), this.listener);

		assertThat(this.listener.errors).singleElement().isInstanceOfSatisfying(MessageTooLargeException.class,
				(ex) -> assertThat(ex.messageId()).isEqualTo(4));
		assertThat(this.listener.messages).singleElement()
			.satisfies((message) -> assertThat(message.payload()).hasSize(10));
	}

	@Test
	void anEmptyDataFrameBeforeTheLastLeavesThePayloadWhole() {
		feed(headerFrame(6, 2, "t"), dataFrame(6, 1, new byte[0]), dataFrame(6, 2, new byte[] { 7, 8 }));

		assertThat(this.listener.messages).singleElement()
			.satisfies((message) -> assertThat(message.payload()).containsExactly(7, 8));
	}

	@Test
	void typesAreReadAsUtf8FromHeapAndDirectFrames() {
		String type = "queues.\u00e9t\u00e9-\u2713";
		ByteBuffer heap = headerFrame(1, 0, type);
		ByteBuffer direct = ByteBuffer.allocateDirect(heap.remaining()).put(heap.duplicate()).flip();

		this.assembler.accept(heap, this.listener);
		this.assembler.accept(direct, this.listener);
		this.assembler.accept(headerFrame(2, 0, MessageTypes.RESPONSE), this.listener);

		assertThat(this.listener.errors).isEmpty();
		assertThat(this.listener.messages).extracting(ProtocolMessage::type)
			.containsExactly(type, type, MessageTypes.RESPONSE);
	}

	@Test
	void invalidUtf8TypeInADirectFrameIsAProtocolErrorAndTheNextTypeStillDecodes() {
		ByteBuffer bad = ByteBuffer.allocateDirect(18).putLong(1).putInt(0).putInt(0).put((byte) 0xC3).put((byte) 0x28)
			.flip();

		this.assembler.accept(bad, this.listener);
		this.assembler.accept(headerFrame(2, 0, "\u00e9"), this.listener);

		assertThat(this.listener.errors).singleElement().extracting(Throwable::getMessage).asString()
			.contains("not valid UTF-8");
		assertThat(this.listener.messages).extracting(ProtocolMessage::type).containsExactly("\u00e9");
	}

	@Test
	void idAboveThirtyTwoBitsIsReadAsTwoWords() {
		feed(Frames.encode(0xFFFF_FFFF_FFFFL, "t", new byte[0]));

		assertThat(this.listener.messages).extracting(ProtocolMessage::id).containsExactly(0xFFFF_FFFF_FFFFL);
	}

	private void feed(ByteBuffer... frames) {
		for (ByteBuffer frame : frames) {
			this.assembler.accept(ByteBuffer.wrap(bytes(frame)), this.listener);
		}
	}

	static ByteBuffer headerFrame(long id, long count, String type) {
		byte[] typeBytes = type.getBytes(java.nio.charset.StandardCharsets.UTF_8);
		return ByteBuffer.allocate(16 + typeBytes.length).putLong(id).putInt(0).putInt((int) count).put(typeBytes).flip();
	}

	static ByteBuffer dataFrame(long id, int index, byte[] data) {
		return ByteBuffer.allocate(12 + data.length).putLong(id).putInt(index).put(data).flip();
	}

	private static byte[] randomBytes(int size) {
		byte[] bytes = new byte[size];
		new Random(size).nextBytes(bytes);
		return bytes;
	}

}
