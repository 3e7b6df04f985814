package io.roomqueues.protocol;

import java.nio.ByteBuffer;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * Joins the parts of one WebSocket message, which a WebSocket implementation may hand over in pieces, into one frame,
 * up to a size limit; used by the server and the client transport alike.
 */
public final class FrameAccumulator {

	private final int maxFrameSize;

	private byte[] buffer = new byte[0];

	private int size;

	public FrameAccumulator(int maxFrameSize) {
		this.maxFrameSize = maxFrameSize;
	}

	/**
	 * Adds a part.
	 * @return the whole frame once the last part arrived, else {@code null}; the buffer is only valid until the next
	 * call
	 * @throws IllegalStateException if the frame passes the size limit
	 */
	public @Nullable ByteBuffer add(ByteBuffer part, boolean last) {
		if (last && this.size == 0) {
			return part;
		}
		if ((long) this.size + part.remaining() > this.maxFrameSize) {
			this.size = 0;
			this.buffer = new byte[0];
			throw new IllegalStateException("WebSocket message exceeds the maximum frame size of " + this.maxFrameSize
					+ " bytes (the maximum message size plus frame headers)");
		}
		if (this.size + part.remaining() > this.buffer.length) {
			int grown = (int) Math.min(this.maxFrameSize, Math.max(this.buffer.length * 2L, this.size + part.remaining()));
			this.buffer = Arrays.copyOf(this.buffer, grown);
		}
		int length = part.remaining();
		part.get(this.buffer, this.size, length);
		this.size += length;
		if (!last) {
			return null;
		}
		ByteBuffer frame = ByteBuffer.wrap(this.buffer, 0, this.size);
		this.size = 0;
		return frame;
	}

}
