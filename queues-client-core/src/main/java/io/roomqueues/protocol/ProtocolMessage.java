package io.roomqueues.protocol;

import java.util.Arrays;

/**
 * One logical protocol message: the sender's id, the message type and the payload bytes its frames carry.
 *
 * @param id the sender-chosen message id, echoed by a response
 * @param type the message type, such as {@code room.invoke_tool} or {@code __response__}
 * @param payload the reassembled payload, usually {@code u64 length | JSON | tail}
 */
public record ProtocolMessage(long id, String type, byte[] payload) {

	@Override
	public boolean equals(Object other) {
		return other instanceof ProtocolMessage that && this.id == that.id && this.type.equals(that.type)
				&& Arrays.equals(this.payload, that.payload);
	}

	@Override
	public int hashCode() {
		return 31 * (31 * Long.hashCode(this.id) + this.type.hashCode()) + Arrays.hashCode(this.payload);
	}

	@Override
	public String toString() {
		return "ProtocolMessage[id=" + this.id + ", type=" + this.type + ", payload=" + this.payload.length
				+ " bytes]";
	}

}
