package io.roomqueues.protocol;

import java.util.Arrays;

/**
 * The {@code file} content: a name and MIME type in the JSON and the file bytes in the payload tail.
 *
 * @param name the file name
 * @param mimeType the MIME type, written as {@code mime_type}
 * @param data the bytes
 */
public record FileContent(String name, String mimeType, byte[] data) implements Content {

	@Override
	public String type() {
		return "file";
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof FileContent that && this.name.equals(that.name) && this.mimeType.equals(that.mimeType)
				&& Arrays.equals(this.data, that.data);
	}

	@Override
	public int hashCode() {
		return 31 * (31 * this.name.hashCode() + this.mimeType.hashCode()) + Arrays.hashCode(this.data);
	}

	@Override
	public String toString() {
		return "FileContent[name=" + this.name + ", mimeType=" + this.mimeType + ", data=" + this.data.length
				+ " bytes]";
	}

}
