package io.roomqueues.protocol;

import java.util.Arrays;

import tools.jackson.databind.node.ObjectNode;

/**
 * An unpacked payload: the JSON header object and the binary tail that follows it.
 *
 * @param header the JSON header object
 * @param tail the bytes after the JSON, empty for all queue traffic
 */
public record Payload(ObjectNode header, byte[] tail) {

	@Override
	public boolean equals(Object other) {
		return other instanceof Payload that && this.header.equals(that.header) && Arrays.equals(this.tail, that.tail);
	}

	@Override
	public int hashCode() {
		return 31 * this.header.hashCode() + Arrays.hashCode(this.tail);
	}

	@Override
	public String toString() {
		return "Payload[header=" + this.header + ", tail=" + this.tail.length + " bytes]";
	}

}
