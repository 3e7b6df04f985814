package io.roomqueues.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Splits a message into the binary frames that travel one per WebSocket message: a header frame with the type,
 * then data frames of at most {@value #CHUNK_SIZE} payload bytes.
 */
public final class Frames {

	/** Payload bytes per data frame, as every MeshAgent SDK sends them. */
	public static final int CHUNK_SIZE = 1024;

	static final int HEADER_FRAME_PREFIX = 16;

	static final int DATA_FRAME_PREFIX = 12;

	private static final byte[] RESPONSE_TYPE = MessageTypes.RESPONSE.getBytes(StandardCharsets.UTF_8);

	private Frames() {
	}

	/**
	 * Encodes one message into its frames, in the order they must be written.
	 * @param id the message id
	 * @param type the message type
	 * @param payload the payload bytes
	 * @return the header frame followed by {@code ceil(payload.length / 1024)} data frames
	 */
	public static ByteBuffer[] encode(long id, String type, byte[] payload) {
		int count = (payload.length + CHUNK_SIZE - 1) / CHUNK_SIZE;
		ByteBuffer[] frames = new ByteBuffer[count + 1];
		byte[] typeBytes = MessageTypes.RESPONSE.equals(type) ? RESPONSE_TYPE : type.getBytes(StandardCharsets.UTF_8);
		ByteBuffer header = ByteBuffer.allocate(HEADER_FRAME_PREFIX + typeBytes.length);
		putId(header, id);
		header.putInt(0).putInt(count).put(typeBytes).flip();
		frames[0] = header;
		for (int i = 1; i <= count; i++) {
			int offset = (i - 1) * CHUNK_SIZE;
			int length = Math.min(CHUNK_SIZE, payload.length - offset);
			ByteBuffer data = ByteBuffer.allocate(DATA_FRAME_PREFIX + length);
			putId(data, id);
			data.putInt(i).put(payload, offset, length).flip();
			frames[i] = data;
		}
		return frames;
	}

	private static void putId(ByteBuffer buffer, long id) {
		buffer.putInt((int) (id >>> 32)).putInt((int) id);
	}

}
