package io.roomqueues.protocol;

/**
 * A response content, the payload of a {@code __response__} message; its {@code type} field selects the kind.
 */
public sealed interface Content permits EmptyContent, JsonContent, TextContent, ErrorContent, BinaryContent,
		FileContent, LinkContent, ControlContent {

	/** The kind, as written in the {@code type} field of the header. */
	String type();

}
