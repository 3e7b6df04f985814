package io.roomqueues.server;

import io.roomqueues.protocol.Content;
import io.roomqueues.protocol.EmptyContent;
import io.roomqueues.protocol.ErrorCodes;
import io.roomqueues.protocol.JsonContent;
import io.roomqueues.token.QueuesGrant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code queues} toolkit: {@code list}, {@code open}, {@code send}, {@code receive}, {@code drain} and
 * {@code close}, with the participant's {@code api.queues} grant enforced (error 1001).
 *
 * <p>
 * Grants: {@code send} needs the queue in the send list, {@code receive}, {@code drain} and {@code close} need it in
 * the receive list, {@code open} needs either, {@code list} needs the list flag.
 */
final class QueuesToolkit {

	static final String NAME = "queues";

	private final JsonMapper jsonMapper;

	private final int maxNameLength;

	QueuesToolkit(JsonMapper jsonMapper, int maxNameLength) {
		this.jsonMapper = jsonMapper;
		this.maxNameLength = maxNameLength;
	}

	/**
	 * Runs one tool.
	 * @return the answer, or {@code null} when a receive was answered with a message or parked to be answered later
	 */
	@Nullable Content invoke(ParticipantConnection connection, long requestId, String tool, ObjectNode arguments) {
		QueuesGrant grant = grant(connection);
		Room room = connection.room();
		switch (tool) {
			case "list" -> {
				if (!grant.list()) {
					throw denied(connection, "list queues");
				}
				return list(room);
			}
			case "open" -> {
				String name = name(arguments, tool);
				if (!grant.canSend(name) && !grant.canReceive(name)) {
					throw denied(connection, "open queue '" + name + "'");
				}
				room.open(name);
				return EmptyContent.INSTANCE;
			}
			case "send" -> {
				String name = name(arguments, tool);
				if (!grant.canSend(name)) {
					throw denied(connection, "send to queue '" + name + "'");
				}
				send(room, name, flag(arguments, "create", tool), message(arguments));
				return EmptyContent.INSTANCE;
			}
			case "receive" -> {
				String name = name(arguments, tool);
				if (!grant.canReceive(name)) {
					throw denied(connection, "receive from queue '" + name + "'");
				}
				return receive(connection, requestId, name, flag(arguments, "create", tool), flag(arguments, "wait", tool));
			}
			case "drain" -> {
				String name = receivable(connection, grant, arguments, tool);
				room.drain(name);
				return EmptyContent.INSTANCE;
			}
			case "close" -> {
				String name = receivable(connection, grant, arguments, tool);
				for (ParkedReceive released : room.close(name)) {
					released.connection().release(released);
				}
				return EmptyContent.INSTANCE;
			}
			default -> throw new QueueException(ErrorCodes.NOT_FOUND, "toolkit 'queues' has no tool '" + tool
					+ "'; its tools are list, open, send, receive, drain and close");
		}
	}

	private Content list(Room room) {
		ObjectNode result = this.jsonMapper.createObjectNode();
		ArrayNode queues = result.putArray("queues");
		room.list().forEach((queue) -> queues.addObject().put("name", queue.name()).put("size", queue.size()));
		return new JsonContent(result);
	}

	private static void send(Room room, String name, boolean create, QueuedMessage message) {
		ParkedReceive receive = room.send(name, create, message);
		if (receive != null) {
			receive.connection().deliver(receive, message);
		}
	}

	/**
	 * Answers a receive with a message at once if one waits and the connection has room for it; otherwise parks a
	 * waiting receive, or answers empty. A connection that has not read the messages it was given yet gets no more:
	 * they stay queued for it or for other consumers.
	 */
	private static @Nullable Content receive(ParticipantConnection connection, long requestId, String name,
			boolean create, boolean wait) {
		ParkedReceive park = wait ? new ParkedReceive(connection, requestId, name) : null;
		if (park != null) {
			connection.park(park);
		}
		boolean mayTake = connection.hasDeliveryRoom();
		QueuedMessage message;
		try {
			message = connection.room().receive(name, create, park, mayTake);
		}
		catch (QueueException ex) {
			if (park != null) {
				connection.unpark(park);
			}
			throw ex;
		}
		if (message == null && park != null && !mayTake && connection.hasDeliveryRoom()) {
			// the connection read meanwhile, perhaps before this receive parked where the refill would find it
			message = connection.room().serve(park);
		}
		if (message != null) {
			if (park != null) {
				connection.unpark(park);
			}
			// answered like a parked receive, so a failed write puts the message back
			connection.deliver(requestId, name, message);
			return null;
		}
		return wait ? null : EmptyContent.INSTANCE;
	}

	private String receivable(ParticipantConnection connection, QueuesGrant grant, ObjectNode arguments,
			String tool) {
		String name = name(arguments, tool);
		if (!grant.canReceive(name)) {
			throw denied(connection, tool + " queue '" + name + "'");
		}
		return name;
	}

	private static QueuesGrant grant(ParticipantConnection connection) {
		QueuesGrant grant = connection.participant().queues();
		if (grant == null) {
			throw new QueueException(ErrorCodes.PERMISSION_DENIED, "participant '" + connection.participant().name()
					+ "' has no api.queues grant in its token");
		}
		return grant;
	}

	private static QueueException denied(ParticipantConnection connection, String action) {
		return new QueueException(ErrorCodes.PERMISSION_DENIED,
				"participant '" + connection.participant().name() + "' may not " + action);
	}

	private String name(ObjectNode arguments, String tool) {
		JsonNode name = arguments.get("name");
		if (name == null || !name.isString() || name.stringValue().isEmpty()) {
			throw new QueueException(ErrorCodes.INVALID_REQUEST, "queues." + tool + " needs a non-empty string 'name'");
		}
		if (name.stringValue().length() > this.maxNameLength) {
			throw new QueueException(ErrorCodes.OPERATION_FAILED, "queue name of " + name.stringValue().length()
					+ " characters is longer than " + this.maxNameLength + ", the max-queue-name-length limit");
		}
		return name.stringValue();
	}

	private static boolean flag(ObjectNode arguments, String field, String tool) {
		JsonNode value = arguments.get(field);
		if (value == null || value.isNull()) {
			return true;
		}
		if (!value.isBoolean()) {
			throw new QueueException(ErrorCodes.INVALID_REQUEST, "queues." + tool + " '" + field + "' must be a boolean");
		}
		return value.booleanValue();
	}

	/** The message of a send: as the text it arrived as when the request reader kept it, else written compact. */
	private QueuedMessage message(ObjectNode arguments) {
		JsonNode message = arguments.get("message");
		String kept = RequestReader.keptText(message);
		if (kept != null) {
			return new QueuedMessage(kept);
		}
		if (!(message instanceof ObjectNode object)) {
			throw new QueueException(ErrorCodes.INVALID_REQUEST,
					"queues.send 'message' must be a JSON object; the protocol carries JSON objects");
		}
		return new QueuedMessage(this.jsonMapper.writeValueAsString(object));
	}

}
