package io.roomqueues.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.roomqueues.protocol.Content;
import io.roomqueues.protocol.EmptyContent;
import io.roomqueues.protocol.ErrorCodes;
import io.roomqueues.protocol.JsonContent;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The room's {@code queues} toolkit, mirroring MeshAgent's {@code QueuesClient}: {@code list}, {@code open},
 * {@code drain}, {@code close}, {@code send} and {@code receive}, with the SDKs' defaults ({@code create = true},
 * {@code wait = true}). Messages are JSON objects: anything Jackson writes as an object may be sent, and a receive
 * gives an {@link ObjectNode}, a converted value, or {@code null} when the server answers empty.
 */
public final class QueuesClient {

	private static final String TOOLKIT = "queues";

	private final RoomClient room;

	private final JsonMapper jsonMapper;

	private final java.util.concurrent.atomic.AtomicInteger waitingReceives = new java.util.concurrent.atomic.AtomicInteger();

	QueuesClient(RoomClient room, JsonMapper jsonMapper) {
		this.room = room;
		this.jsonMapper = jsonMapper;
	}

	/** The room's queues with their sizes. */
	public CompletableFuture<List<Queue>> list() {
		return call("list", arguments(), this.room.requestTimeout()).thenApply((content) -> {
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
	 * @param message a value Jackson writes as a JSON object: a {@code Map}, a record, a POJO or an
	 * {@code ObjectNode}
	 * @param create whether to create a missing queue; if false, a missing queue fails with code 5001
	 * @return completes once the server has queued the message; fails with {@link IllegalArgumentException}, before
	 * anything is sent, for a value that is not a JSON object
	 */
	public CompletableFuture<Void> send(String name, Object message, boolean create) {
		ObjectNode json;
		try {
			json = toObject(message);
		}
		catch (IllegalArgumentException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		ObjectNode arguments = arguments().put("name", name).put("create", create);
		arguments.set("message", json);
		return empty("send", arguments);
	}

	/** Receives the next message, creating the queue if needed and waiting for a message if none is there. */
	public CompletableFuture<@Nullable ObjectNode> receive(String name) {
		return receive(name, true, true);
	}

	/**
	 * Receives the next message.
	 * @param create whether to create a missing queue; if false, a missing queue fails with code 5001
	 * @param wait whether to wait for a message when the queue is empty; a waiting receive has no timeout
	 * @return the message, or {@code null} when the server answered empty
	 */
	public CompletableFuture<@Nullable ObjectNode> receive(String name, boolean create, boolean wait) {
		ObjectNode arguments = arguments().put("name", name).put("create", create).put("wait", wait);
		Duration timeout = wait ? null : this.room.requestTimeout();
		CompletableFuture<Content> response = call("receive", arguments, timeout);
		if (wait) {
			this.waitingReceives.incrementAndGet();
			response.whenComplete((content, failure) -> this.waitingReceives.decrementAndGet());
		}
		return response.thenApply((content) -> {
			if (content instanceof EmptyContent) {
				return null;
			}
			JsonNode message = expectJson(content, "receive");
			if (!(message instanceof ObjectNode object)) {
				throw unexpected("receive", content);
			}
			return object;
		});
	}

	/** Receives the next message as the given type, waiting if needed; {@code null} when the server answered empty. */
	public <T> CompletableFuture<@Nullable T> receive(String name, Class<T> type) {
		return receive(name, true, true, type);
	}

	/**
	 * Receives the next message as the given type.
	 * @return the converted message, or {@code null}; fails with {@link MessageConversionException}, which holds the
	 * raw message, when it does not convert
	 */
	public <T> CompletableFuture<@Nullable T> receive(String name, boolean create, boolean wait, Class<T> type) {
		return receive(name, create, wait).thenApply((message) -> (message != null) ? convert(name, message, type) : null);
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
		catch (JacksonException | IllegalArgumentException ex) {
			throw new MessageConversionException(queue, type, message, ex);
		}
	}

	/**
	 * Turns a value into the JSON object a queue carries.
	 * @throws IllegalArgumentException if Jackson writes it as anything but an object
	 */
	public ObjectNode toObject(Object message) {
		JsonNode json;
		try {
			json = (message instanceof JsonNode node) ? node : this.jsonMapper.valueToTree(message);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("message of type " + message.getClass().getName()
					+ " cannot be written as JSON: " + ex.getOriginalMessage(), ex);
		}
		if (!(json instanceof ObjectNode object)) {
			throw new IllegalArgumentException("queue messages must be JSON objects (the protocol carries JSON objects), "
					+ "but a " + message.getClass().getName() + " is written as JSON "
					+ ((json == null) ? "null" : json.getNodeType().name().toLowerCase()));
		}
		return object;
	}

	private CompletableFuture<Void> empty(String tool, ObjectNode arguments) {
		return call(tool, arguments, this.room.requestTimeout()).thenApply((content) -> {
			if (!(content instanceof EmptyContent)) {
				throw unexpected(tool, content);
			}
			return null;
		});
	}

	private CompletableFuture<Content> call(String tool, ObjectNode arguments, @Nullable Duration timeout) {
		return this.room.invokeTool(TOOLKIT, tool, arguments, timeout);
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
