package io.roomqueues.protocol;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

import static io.roomqueues.protocol.WorkedExampleTests.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** Joining the parts of one WebSocket message. */
class FrameAccumulatorTests {

	@Test
	void aWholeMessageIsPassedThroughAndPartsAreJoined() {
		FrameAccumulator frames = new FrameAccumulator(100);
		ByteBuffer whole = ByteBuffer.wrap(new byte[] { 1, 2 });

		assertThat(frames.add(whole, true)).isSameAs(whole);
		assertThat(frames.add(ByteBuffer.wrap(new byte[] { 1, 2 }), false)).isNull();
		assertThat(bytes(frames.add(ByteBuffer.wrap(new byte[] { 3 }), true))).containsExactly(1, 2, 3);
		assertThat(bytes(frames.add(ByteBuffer.wrap(new byte[] { 9 }), true))).containsExactly(9);
	}

	@Test
	void aMessagePastTheLimitIsRefusedWithTheLimitNamed() {
		FrameAccumulator frames = new FrameAccumulator(4);
		frames.add(ByteBuffer.wrap(new byte[3]), false);

		assertThatIllegalStateException().isThrownBy(() -> frames.add(ByteBuffer.wrap(new byte[2]), true))
			.withMessageContaining("maximum frame size of 4 bytes");
	}

}
