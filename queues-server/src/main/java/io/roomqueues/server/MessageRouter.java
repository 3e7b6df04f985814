package io.roomqueues.server;

import io.roomqueues.protocol.Content;
import io.roomqueues.protocol.ErrorCodes;
import io.roomqueues.protocol.ErrorContent;
import io.roomqueues.protocol.JsonContent;
import io.roomqueues.protocol.MessageTypes;
import io.roomqueues.protocol.Payload;
import io.roomqueues.protocol.ProtocolException;
import io.roomqueues.protocol.ProtocolMessage;
import io.roomqueues.protocol.WireCodec;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads each message a client sends and answers it: tool calls go to their toolkit, {@code set_attributes} is
 * accepted silently, anything else gets an error content.
 */
final class MessageRouter {

	private static final String LEGACY_PREFIX = "queues.";

	private final WireCodec codec;

	private final QueuesToolkit queues;

	private final RequestReader requests;

	MessageRouter(WireCodec codec, QueuesToolkit queues) {
		this.codec = codec;
		this.queues = queues;
		this.requests = new RequestReader(codec.payloads());
	}

	void route(ParticipantConnection connection, ProtocolMessage message) {
		if (MessageTypes.SET_ATTRIBUTES.equals(message.type())) {
			return;
		}
		Content answer;
		try {
			answer = answer(connection, message);
		}
		catch (QueueException ex) {
			answer = ex.toContent();
		}
		catch (ProtocolException ex) {
			answer = new ErrorContent("invalid request: " + ex.getMessage(), ErrorCodes.INVALID_REQUEST);
		}
		catch (RuntimeException ex) {
			answer = InternalErrors.report(message.id(), message.type(), ex);
		}
		if (answer != null) {
			connection.respond(message.id(), answer);
		}
	}

	private @Nullable Content answer(ParticipantConnection connection, ProtocolMessage message)
			throws ProtocolException {
		if (MessageTypes.INVOKE_TOOL.equals(message.type())) {
			Payload payload = this.requests.read(message.payload(), RequestReader.TOOL_MESSAGE);
			return invokeTool(connection, message.id(), payload.header());
		}
		if (message.type().startsWith(LEGACY_PREFIX)) {
			Payload payload = this.requests.read(message.payload(), RequestReader.LEGACY_MESSAGE);
			return this.queues.invoke(connection, message.id(), message.type().substring(LEGACY_PREFIX.length()),
					payload.header());
		}
		return new ErrorContent("message type '" + message.type() + "' is not supported by this server",
				ErrorCodes.INVALID_REQUEST);
	}

	private @Nullable Content invokeTool(ParticipantConnection connection, long id, ObjectNode header)
			throws ProtocolException {
		String toolkit = text(header, "toolkit");
		String tool = text(header, "tool");
		if (!QueuesToolkit.NAME.equals(toolkit)) {
			throw new QueueException(ErrorCodes.NOT_FOUND,
					"toolkit '" + toolkit + "' not found: this server implements only 'queues'");
		}
		JsonNode arguments = header.get("arguments");
		if (arguments == null || arguments.isNull()) {
			return this.queues.invoke(connection, id, tool, this.codec.jsonMapper().createObjectNode());
		}
		Content content = this.codec.contents().fromHeader(arguments);
		if (!(content instanceof JsonContent json) || !(json.json() instanceof ObjectNode object)) {
			throw new QueueException(ErrorCodes.INVALID_REQUEST,
					"queues." + tool + " takes arguments as a json content holding an object");
		}
		return this.queues.invoke(connection, id, tool, object);
	}

	private static String text(ObjectNode header, String field) {
		JsonNode value = header.get(field);
		if (value == null || !value.isString()) {
			throw new QueueException(ErrorCodes.INVALID_REQUEST, "room.invoke_tool needs a string '" + field + "'");
		}
		return value.stringValue();
	}

}
