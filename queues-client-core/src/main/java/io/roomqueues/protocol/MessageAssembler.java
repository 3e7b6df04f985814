package io.roomqueues.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * Reassembles frames into messages for one connection, with the protocol's state machine: a broken sequence
 * drops that message and the assembler recovers on the next header frame.
 *
 * <p>
 * Not thread-safe: a connection reads its frames in order on one thread at a time.
 */
public final class MessageAssembler {

	/** Receives what the assembler makes of each frame. */
	public interface Listener {

		/** A complete message. */
		void onMessage(ProtocolMessage message);

		/** A frame or sequence that the protocol does not allow; the message it belonged to is dropped. */
		void onError(ProtocolException error);

	}

	private enum State {

		READY, PROCESSING, SKIPPING, ERROR

	}

	private static final int MAX_INITIAL_CAPACITY = 64 * 1024;

	private static final byte[] NONE = new byte[0];

	private final long maxMessageSize;

	/** Decodes the message types that are not plain ASCII; made on first use. */
	private @Nullable CharsetDecoder typeDecoder;

	private State state = State.READY;

	private long id;

	private String type = "";

	private long count;

	private long nextIndex;

	private byte[] buffer = NONE;

	/** The capacity the buffer gets when a message's second data frame needs one. */
	private int initialCapacity;

	private int size;

	/**
	 * Creates an assembler.
	 * @param maxMessageSize the largest payload in bytes that will be reassembled
	 */
	public MessageAssembler(long maxMessageSize) {
		if (maxMessageSize <= 0 || maxMessageSize > Integer.MAX_VALUE - 8) {
			throw new IllegalArgumentException("maxMessageSize must be between 1 and " + (Integer.MAX_VALUE - 8));
		}
		this.maxMessageSize = maxMessageSize;
	}

	/**
	 * Takes the next frame of the connection.
	 * @param frame the bytes of one WebSocket message, read from its position to its limit
	 * @param listener told of a completed message or of an error
	 */
	public void accept(ByteBuffer frame, Listener listener) {
		try {
			ProtocolMessage message = read(frame);
			if (message != null) {
				listener.onMessage(message);
			}
		}
		catch (ProtocolException ex) {
			listener.onError(ex);
		}
	}

	private @Nullable ProtocolMessage read(ByteBuffer frame) throws ProtocolException {
		if (frame.remaining() < Frames.DATA_FRAME_PREFIX) {
			throw fail("frame of " + frame.remaining() + " bytes is shorter than the 12-byte frame prefix");
		}
		long frameId = frame.getInt() & 0xFFFFFFFFL;
		frameId = (frameId << 32) | (frame.getInt() & 0xFFFFFFFFL);
		long index = frame.getInt() & 0xFFFFFFFFL;
		if (index == 0) {
			return startMessage(frameId, frame);
		}
		return continueMessage(frameId, index, frame);
	}

	private @Nullable ProtocolMessage startMessage(long frameId, ByteBuffer frame) throws ProtocolException {
		boolean interrupted = this.state == State.PROCESSING;
		long interruptedId = this.id;
		if (frame.remaining() < 4) {
			throw fail("header frame of " + (frame.remaining() + 12)
					+ " bytes is shorter than the 16-byte header prefix");
		}
		long packets = frame.getInt() & 0xFFFFFFFFL;
		String messageType = decodeType(frame);
		// every data frame carries at least one byte, so a message of more packets than the limit has bytes cannot fit
		boolean tooLarge = packets > this.maxMessageSize;
		this.state = tooLarge ? State.SKIPPING : State.PROCESSING;
		this.id = frameId;
		this.type = messageType;
		this.count = packets;
		this.nextIndex = 1;
		this.size = 0;
		this.buffer = NONE;
		this.initialCapacity = tooLarge ? 0
				: (int) Math.min(Math.min(packets * Frames.CHUNK_SIZE, this.maxMessageSize), MAX_INITIAL_CAPACITY);
		if (tooLarge && !interrupted) {
			throw new MessageTooLargeException(frameId, messageType, this.maxMessageSize);
		}
		if (interrupted) {
			// The new message is kept; the interrupted one is reported and dropped.
			ProtocolMessage done = (packets == 0) ? complete() : null;
			if (done != null) {
				return done;
			}
			throw new ProtocolException("message " + interruptedId
					+ " was interrupted by the header frame of message " + frameId + " and is dropped");
		}
		return (packets == 0) ? complete() : null;
	}

	private @Nullable ProtocolMessage continueMessage(long frameId, long index, ByteBuffer frame)
			throws ProtocolException {
		switch (this.state) {
			case READY -> throw fail("data frame " + index + " of message " + frameId + " arrived without a header frame");
			case ERROR -> {
				return null;
			}
			default -> {
			}
		}
		if (frameId != this.id) {
			throw fail("message id changed from " + this.id + " to " + frameId + " in the middle of a message");
		}
		if (index != this.nextIndex) {
			throw fail("expected packet " + this.nextIndex + " of message " + this.id + " but got packet " + index);
		}
		this.nextIndex++;
		if (this.state == State.SKIPPING) {
			if (index == this.count) {
				this.state = State.READY;
			}
			return null;
		}
		if (index == this.count && this.size == 0) {
			// the whole payload in one data frame, the usual case: read it once, at its size
			checkLimit(frame.remaining());
			byte[] payload = new byte[frame.remaining()];
			frame.get(payload);
			this.size = payload.length;
			return complete(payload);
		}
		append(frame);
		return (index == this.count) ? complete(this.buffer) : null;
	}

	private void checkLimit(int length) throws MessageTooLargeException {
		if ((long) this.size + length > this.maxMessageSize) {
			this.state = (this.nextIndex > this.count) ? State.READY : State.SKIPPING;
			this.buffer = NONE;
			throw new MessageTooLargeException(this.id, this.type, this.maxMessageSize);
		}
	}

	private void append(ByteBuffer frame) throws ProtocolException {
		int length = frame.remaining();
		checkLimit(length);
		if (this.size + length > this.buffer.length) {
			long grown = Math.max(Math.max((long) this.buffer.length * 2, this.initialCapacity), (long) this.size + length);
			this.buffer = Arrays.copyOf(this.buffer, (int) Math.min(grown, this.maxMessageSize));
		}
		frame.get(this.buffer, this.size, length);
		this.size += length;
	}

	/** The message whose payload is the first {@code size} bytes of {@code bytes}; the assembler is then ready. */
	private ProtocolMessage complete(byte[] bytes) {
		byte[] payload = (this.size == bytes.length) ? bytes : Arrays.copyOf(bytes, this.size);
		ProtocolMessage message = new ProtocolMessage(this.id, this.type, payload);
		this.state = State.READY;
		this.buffer = NONE;
		this.size = 0;
		return message;
	}

	private ProtocolMessage complete() {
		return complete(this.buffer);
	}

	private String decodeType(ByteBuffer frame) throws ProtocolException {
		if (frame.hasArray() && isAscii(frame)) {
			String type = new String(frame.array(), frame.arrayOffset() + frame.position(), frame.remaining(),
					StandardCharsets.ISO_8859_1);
			frame.position(frame.limit());
			return type;
		}
		try {
			CharsetDecoder decoder = this.typeDecoder;
			if (decoder == null) {
				decoder = StandardCharsets.UTF_8.newDecoder()
					.onMalformedInput(CodingErrorAction.REPORT)
					.onUnmappableCharacter(CodingErrorAction.REPORT);
				this.typeDecoder = decoder;
			}
			return decoder.decode(frame).toString();
		}
		catch (CharacterCodingException ex) {
			this.state = State.ERROR;
			throw new ProtocolException("message type is not valid UTF-8", ex);
		}
	}

	private static boolean isAscii(ByteBuffer frame) {
		byte[] bytes = frame.array();
		int end = frame.arrayOffset() + frame.limit();
		for (int i = frame.arrayOffset() + frame.position(); i < end; i++) {
			if (bytes[i] < 0) {
				return false;
			}
		}
		return true;
	}

	private ProtocolException fail(String message) {
		this.state = State.ERROR;
		this.buffer = NONE;
		return new ProtocolException(message);
	}

}
