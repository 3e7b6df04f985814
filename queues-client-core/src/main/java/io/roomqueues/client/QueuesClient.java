package io.roomqueues.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.roomqueues.protocol.Content;
import io.roomqueues.protocol.EmptyContent;
import io.roomqueues.protocol.ErrorCodes;
import io.roomqueues.protocol.JsonContent;
import io.roomqueues.protocol.MessageTypes;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The room's {@code queues} toolkit, mirroring MeshAgent's {@code QueuesClient}: {@code list}, {@code open},
 * {@code drain}, {@code close}, {@code send} and {@code receive}, with the SDKs' defaults ({@code create = true},
 * {@code wait = true}), plus named forms of receive: {@link #tryReceive(String)} takes a message only if one is
 * there, {@link #receive(String, Duration)} waits a bounded time.
 *
 * <p>
 * Messages are JSON objects: anything Jackson writes as an object may be sent, and a receive gives an
 * {@link ObjectNode}, a converted value, or {@code null} when the server answers empty. A receive whose future is
 * cancelled or completed by its caller (for example with {@code orTimeout}) keeps its message: the protocol cannot
 * take back a receive parked on the server, so what it later gets goes to this client's next receive on the queue,
 * or back to the queue. Only the future returned here is watched: cancelling a copy made with {@code thenApply} does
 * not reach it.
 */
public final class QueuesClient {

	private static final String TOOLKIT = "queues";

	private final RoomClient room;

	private final JsonMapper jsonMapper;

	private final ForeignJson foreignJson;

	private final MessageWriter messages;

	private final AtomicInteger waitingReceives = new AtomicInteger();

	QueuesClient(RoomClient room, JsonMapper jsonMapper) {
		this.room = room;
		this.jsonMapper = jsonMapper;
		this.foreignJson = new ForeignJson(jsonMapper);
		this.messages = new MessageWriter(jsonMapper, this::toObject);
	}

	/** The room's queues with their sizes. */
	public CompletableFuture<List<Queue>> list() {
		return call("list", arguments(), null, false, this.room.requestTimeout(), (content) -> {
			JsonNode queues = expectJson(content, "list").get("queues");
			if (queues == null || !queues.isArray()) {
				throw unexpected("list", content);
			}
			List<Queue> result = new ArrayList<>();
			for (JsonNode queue : queues) {
				result.add(new Queue(queue.path("name").asString(""), queue.path("size").asInt(0)));
			}
			return List.copyOf(result);
		});
	}

	/** Creates a queue; fails with code 5002 if it exists. */
	public CompletableFuture<Void> open(String name) {
		return empty("open", arguments().put("name", name));
	}

	/** Removes every message of a queue; fails with code 5001 if it does not exist. */
	public CompletableFuture<Void> drain(String name) {
		return empty("drain", arguments().put("name", name));
	}

	/** Closes a queue; fails with code 5001 if it does not exist. */
	public CompletableFuture<Void> close(String name) {
		return empty("close", arguments().put("name", name));
	}

	/** Sends a message, creating the queue if needed. */
	public CompletableFuture<Void> send(String name, Object message) {
		return send(name, message, true);
	}

	/**
	 * Sends a message.
	 * @param message a value Jackson writes as a JSON object: a {@code Map}, a record, a POJO, an {@code ObjectNode},
	 * or a JSON object of another library (Jackson 2, Gson, org.json, Jakarta JSON), sent as the JSON it prints
	 * @param create whether to create a missing queue; if false, a missing queue fails with code 5001
	 * @return completes once the server has queued the message; fails with {@link IllegalArgumentException}, before
	 * anything is sent, for a value that is not a JSON object
	 */
	public CompletableFuture<Void> send(String name, Object message, boolean create) {
		JsonNode json;
		try {
			json = this.room.intercepts() ? toObject(message) : this.messages.toJson(message);
		}
		catch (IllegalArgumentException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		return sendMessage(name, json, create);
	}

	/**
	 * Sends a message back to its queue, as the client does with messages that reached no receive: it waits for the
	 * connection when the room is unreachable, and is sent in order with the client's other returns.
	 * @return completes once the server has the message; fails with a non-retryable {@link RoomException} if the
	 * room refuses it for good (such as code 1001, no grant to send there), or {@link RoomClosedException} if the
	 * client closed before it could be sent (the client's {@link UnreturnedMessageHandler} has it then)
	 */
	public CompletableFuture<Void> returnToQueue(String name, ObjectNode message) {
		return this.room.returnToQueue(name, List.of(message)).get(0);
	}

	/** Receives the next message, creating the queue if needed and waiting as long as it takes. */
	public CompletableFuture<@Nullable ObjectNode> receive(String name) {
		return receive(name, true, true);
	}

	/**
	 * Receives the next message, waiting at most the given time.
	 * @return the message, or {@code null} if none arrived in time; a message that arrives later is not lost
	 */
	public CompletableFuture<@Nullable ObjectNode> receive(String name, Duration timeout) {
		return receive(name, timeout, ObjectNode.class);
	}

	/** Takes the next message if one is waiting, without waiting; {@code null} when the queue is empty. */
	public CompletableFuture<@Nullable ObjectNode> tryReceive(String name) {
		return receive(name, true, false);
	}

	/**
	 * Receives the next message.
	 * @param create whether to create a missing queue; if false, a missing queue fails with code 5001
	 * @param wait whether to wait for a message when the queue is empty; a waiting receive has no timeout
	 * @return the message, or {@code null} when the server answered empty
	 */
	public CompletableFuture<@Nullable ObjectNode> receive(String name, boolean create, boolean wait) {
		return receive(name, create, wait, ObjectNode.class);
	}

	/** Receives the next message as the given type, waiting if needed; {@code null} when the server answered empty. */
	public <T> CompletableFuture<@Nullable T> receive(String name, Class<T> type) {
		return receive(name, true, true, type);
	}

	/**
	 * Receives the next message as the given type, waiting at most the given time; {@code null} if none came. A receive
	 * that timed out stays parked on the server until the next receive on the queue takes it over, and counts against
	 * the server's limit of waiting receives per connection; past that limit this polls instead of parking.
	 */
	public <T> CompletableFuture<@Nullable T> receive(String name, Duration timeout, Class<T> type) {
		return BoundedReceive.start(this.room, timeout, () -> receive(name, true, true), () -> receive(name, true, false),
				(message) -> (type == ObjectNode.class) ? type.cast(message) : convert(name, message, type),
				(message) -> returnToQueue(name, message));
	}

	/** Takes the next message as the given type if one is waiting; {@code null} when the queue is empty. */
	public <T> CompletableFuture<@Nullable T> tryReceive(String name, Class<T> type) {
		return receive(name, true, false, type);
	}

	/**
	 * Receives the next message as the given type.
	 * @return the converted message, or {@code null}; fails with {@link MessageConversionException}, which holds the
	 * raw message, when it does not convert
	 */
	public <T> CompletableFuture<@Nullable T> receive(String name, boolean create, boolean wait, Class<T> type) {
		ObjectNode arguments = arguments().put("name", name).put("create", create).put("wait", wait);
		Duration timeout = wait ? null : this.room.requestTimeout();
		CompletableFuture<@Nullable T> response = call("receive", arguments, name, wait, timeout, (content) -> {
			if (content instanceof EmptyContent) {
				return null;
			}
			if (!(expectJson(content, "receive") instanceof ObjectNode message)) {
				throw unexpected("receive", content);
			}
			return (type == ObjectNode.class) ? type.cast(message) : convert(name, message, type);
		});
		if (wait) {
			this.waitingReceives.incrementAndGet();
			response.whenComplete((content, failure) -> this.waitingReceives.decrementAndGet());
		}
		return response;
	}

	/** Receives waiting on the server for a message to arrive. */
	public int waitingReceives() {
		return this.waitingReceives.get();
	}

	/** Converts a received message, keeping it in the exception when it does not fit. */
	public <T> T convert(String queue, ObjectNode message, Class<T> type) {
		try {
			return this.jsonMapper.treeToValue(message, type);
		}
		catch (RuntimeException ex) {
			throw new MessageConversionException(queue, type, message, ex);
		}
	}

	/**
	 * Turns a value into the JSON object a queue carries.
	 * @throws IllegalArgumentException if it is written as anything but a JSON object
	 */
	public ObjectNode toObject(Object message) {
		JsonNode json = this.foreignJson.toTree(message);
		if (!(json instanceof ObjectNode object)) {
			throw new IllegalArgumentException("queue messages must be JSON objects (the protocol carries JSON objects), "
					+ "but a " + message.getClass().getName() + " is written as JSON "
					+ ((json == null) ? "null" : json.getNodeType().name().toLowerCase()));
		}
		return object;
	}

	CompletableFuture<Void> sendMessage(String name, JsonNode message, boolean create) {
		ObjectNode arguments = arguments().put("name", name).put("create", create);
		arguments.set("message", message);
		return empty("send", arguments);
	}

	private CompletableFuture<Void> empty(String tool, ObjectNode arguments) {
		return call(tool, arguments, null, false, this.room.requestTimeout(), (content) -> {
			if (!(content instanceof EmptyContent)) {
				throw unexpected(tool, content);
			}
			return null;
		});
	}

	private <T> CompletableFuture<T> call(String tool, ObjectNode arguments, @Nullable String queue, boolean parks,
			@Nullable Duration timeout, Function<Content, T> decoder) {
		return this.room.call(MessageTypes.INVOKE_TOOL, this.room.toolHeader(TOOLKIT, tool, arguments), queue, parks,
				timeout, decoder);
	}

	private static JsonNode expectJson(Content content, String tool) {
		if (content instanceof JsonContent json) {
			return json.json();
		}
		throw unexpected(tool, content);
	}

	private static RoomException unexpected(String tool, Content content) {
		return new RoomException("unexpected return type from queues." + tool + ": " + content.type(),
				ErrorCodes.UNEXPECTED_RESPONSE_TYPE);
	}

	private ObjectNode arguments() {
		return this.jsonMapper.createObjectNode();
	}

}
