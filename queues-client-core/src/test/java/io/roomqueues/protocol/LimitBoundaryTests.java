package io.roomqueues.protocol;

import java.nio.ByteBuffer;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static io.roomqueues.protocol.MessageAssemblerTests.dataFrame;
import static io.roomqueues.protocol.MessageAssemblerTests.headerFrame;
import static io.roomqueues.protocol.WorkedExampleTests.ascii;
import static io.roomqueues.protocol.WorkedExampleTests.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Every size limit and minimum length of the codec, exactly at its boundary: the last value accepted and the first one
 * refused.
 */
class LimitBoundaryTests {

	private final CollectingListener listener = new CollectingListener();

	private final PayloadCodec payloads = new PayloadCodec(JsonMapper.builder().build());

	@Test
	void anAssemblerTakesMaximumSizesFromOneToTheLargestArray() {
		assertThatNoException().isThrownBy(() -> new MessageAssembler(1));
		assertThatNoException().isThrownBy(() -> new MessageAssembler(Integer.MAX_VALUE - 8));

		for (long refused : new long[] { 0, -1, Integer.MAX_VALUE - 7L }) {
			assertThatIllegalArgumentException().isThrownBy(() -> new MessageAssembler(refused))
				.withMessage("maxMessageSize must be between 1 and 2147483639");
		}
	}

	@Test
	void headersRefusedForTheirPacketCountAllocateNoBuffer() {
		MessageAssembler assembler = new MessageAssembler(WireCodec.DEFAULT_MAX_MESSAGE_SIZE);
		ByteBuffer[] refused = new ByteBuffer[200];
		for (int i = 0; i < refused.length; i++) {
			refused[i] = headerFrame(i, 0xFFFF_FFFFL, "t");
		}
		feed(assembler, headerFrame(-1, 0xFFFF_FFFFL, "warm-up"));
		long before = allocatedBytes();

		feed(assembler, refused);

		assertThat(allocatedBytes() - before).as("bytes allocated for %d refused headers", refused.length)
			.isLessThan(1024 * 1024);
		assertThat(this.listener.errors).hasSize(refused.length + 1).allMatch(MessageTooLargeException.class::isInstance);
	}

	@Test
	void aMessageOfExactlyTheMaximumSizeArrivesAndOneByteMoreIsRefused() {
		MessageAssembler assembler = new MessageAssembler(2048);
		byte[] exact = filled(2048);

		feed(assembler, Frames.encode(1, "t", exact));
		feed(assembler, Frames.encode(2, "t", filled(2049)));
		feed(assembler, Frames.encode(3, "t", new byte[] { 3 }));

		assertThat(this.listener.messages).extracting(ProtocolMessage::id).containsExactly(1L, 3L);
		assertThat(this.listener.messages.get(0).payload()).isEqualTo(exact);
		assertThat(this.listener.errors).singleElement().isInstanceOfSatisfying(MessageTooLargeException.class,
				(ex) -> assertThat(ex.messageId()).isEqualTo(2));
	}

	@Test
	void aMessageThatPassesTheLimitOnItsNextToLastFrameSkipsItsLastFrameQuietly() {
		MessageAssembler assembler = new MessageAssembler(1500);

		feed(assembler, Frames.encode(1, "big", filled(3000)));
		feed(assembler, Frames.encode(2, "next", new byte[] { 2 }));

		assertThat(this.listener.errors).singleElement().isInstanceOf(MessageTooLargeException.class);
		assertThat(this.listener.messages).extracting(ProtocolMessage::id).containsExactly(2L);
	}

	@Test
	void aDataFrameOfExactlyTheTwelveBytePrefixIsAnEmptyChunk() {
		MessageAssembler assembler = new MessageAssembler(100);

		feed(assembler, headerFrame(1, 2, "t"), dataFrame(1, 1, new byte[0]), dataFrame(1, 2, new byte[] { 7 }));

		assertThat(this.listener.errors).isEmpty();
		assertThat(this.listener.messages).containsExactly(new ProtocolMessage(1, "t", new byte[] { 7 }));
	}

	@Test
	void aFrameOfElevenBytesIsRefusedWithItsLength() {
		MessageAssembler assembler = new MessageAssembler(100);

		feed(assembler, ByteBuffer.wrap(new byte[11]));

		assertThat(this.listener.errors).singleElement()
			.extracting(Throwable::getMessage)
			.isEqualTo("frame of 11 bytes is shorter than the 12-byte frame prefix");
	}

	@Test
	void aHeaderFrameOfExactlySixteenBytesHasAnEmptyTypeAndFifteenAreRefused() {
		MessageAssembler assembler = new MessageAssembler(100);

		feed(assembler, headerFrame(1, 0, ""));
		feed(assembler, ByteBuffer.wrap(new byte[15]));

		assertThat(this.listener.messages).containsExactly(new ProtocolMessage(1, "", new byte[0]));
		assertThat(this.listener.errors).singleElement()
			.extracting(Throwable::getMessage)
			.isEqualTo("header frame of 15 bytes is shorter than the 16-byte header prefix");
	}

	@Test
	void aDataFrameLargerThanTwiceTheAnnouncedPacketsIsTakenWhole() {
		MessageAssembler assembler = new MessageAssembler(100_000);
		byte[] chunk = filled(3000);

		feed(assembler, headerFrame(1, 1, "t"), dataFrame(1, 1, chunk));

		assertThat(this.listener.errors).isEmpty();
		assertThat(this.listener.messages).containsExactly(new ProtocolMessage(1, "t", chunk));
	}

	@Test
	void aWebSocketMessageOfExactlyTheFrameLimitIsJoinedAndOneByteMoreIsRefused() {
		FrameAccumulator frames = new FrameAccumulator(4);

		assertThat(frames.add(ByteBuffer.wrap(new byte[] { 1, 2, 3 }), false)).isNull();
		assertThat(bytes(frames.add(ByteBuffer.wrap(new byte[] { 4 }), true))).containsExactly(1, 2, 3, 4);
		frames.add(ByteBuffer.wrap(new byte[4]), false);
		assertThatIllegalStateException().isThrownBy(() -> frames.add(ByteBuffer.wrap(new byte[1]), true))
			.withMessage("WebSocket message exceeds the maximum frame size of 4 bytes (the maximum message size plus "
					+ "frame headers)");
		assertThat(bytes(frames.add(ByteBuffer.wrap(new byte[] { 9 }), true))).as("the next message after a refusal")
			.containsExactly(9);
	}

	@Test
	void partsLargerThanTwiceWhatIsBufferedAreJoinedWhole() {
		FrameAccumulator frames = new FrameAccumulator(10_000);
		byte[] first = filled(10);
		byte[] second = filled(5000);

		frames.add(ByteBuffer.wrap(first), false);
		byte[] joined = bytes(frames.add(ByteBuffer.wrap(second), true));

		assertThat(Arrays.copyOfRange(joined, 0, 10)).isEqualTo(first);
		assertThat(Arrays.copyOfRange(joined, 10, joined.length)).isEqualTo(second);
	}

	@Test
	void aPayloadOfExactlyItsEightByteLengthHoldsNoJsonAndSevenBytesAreTooShort() {
		assertThatExceptionOfType(ProtocolException.class).isThrownBy(() -> this.payloads.unpack(new byte[8]))
			.withMessage("payload header must be a JSON object, not nothing");
		assertThatExceptionOfType(ProtocolException.class).isThrownBy(() -> this.payloads.unpack(new byte[7]))
			.withMessage("payload of 7 bytes is shorter than its 8-byte length");
	}

	@Test
	void aJsonLengthReachingExactlyTheEndIsReadAndOneMoreRunsPastIt() throws ProtocolException {
		byte[] json = ascii("{\"a\":1}");

		assertThat(this.payloads.unpack(withLength(json.length, json)).header().get("a").intValue()).isEqualTo(1);
		assertThatExceptionOfType(ProtocolException.class)
			.isThrownBy(() -> this.payloads.unpack(withLength(json.length + 1, json)))
			.withMessage("payload JSON length 8 runs past the end of 7 remaining bytes");
	}

	@Test
	void aNegativeJsonLengthIsReadAsTheUnsignedValueItIsAndRefused() {
		assertThatExceptionOfType(ProtocolException.class)
			.isThrownBy(() -> this.payloads.unpack(withLength(-1, ascii("{}"))))
			.withMessage("payload JSON length 18446744073709551615 runs past the end of 2 remaining bytes");
	}

	private void feed(MessageAssembler assembler, ByteBuffer... frames) {
		for (ByteBuffer frame : frames) {
			assembler.accept(frame, this.listener);
		}
	}

	private static long allocatedBytes() {
		return ((com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean())
			.getThreadAllocatedBytes(Thread.currentThread().getId());
	}

	private static byte[] filled(int size) {
		byte[] bytes = new byte[size];
		for (int i = 0; i < size; i++) {
			bytes[i] = (byte) (i * 31 + 7);
		}
		return bytes;
	}

	private static byte[] withLength(long length, byte[] json) {
		return ByteBuffer.allocate(8 + json.length).putLong(length).put(json).array();
	}

}
