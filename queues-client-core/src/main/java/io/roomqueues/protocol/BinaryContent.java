package io.roomqueues.protocol;

import java.util.Arrays;

import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code binary} content: headers in the JSON and the bytes in the payload tail.
 *
 * @param headers the {@code headers} object
 * @param data the bytes
 */
public record BinaryContent(ObjectNode headers, byte[] data) implements Content {

	@Override
	public String type() {
		return "binary";
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof BinaryContent that && this.headers.equals(that.headers)
				&& Arrays.equals(this.data, that.data);
	}

	@Override
	public int hashCode() {
		return 31 * this.headers.hashCode() + Arrays.hashCode(this.data);
	}

	@Override
	public String toString() {
		return "BinaryContent[headers=" + this.headers + ", data=" + this.data.length + " bytes]";
	}

}
