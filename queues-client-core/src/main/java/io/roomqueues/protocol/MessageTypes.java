package io.roomqueues.protocol;

/**
 * The message types the queues subset of the protocol uses.
 */
public final class MessageTypes {

	/** Server push, first after the upgrade: room name, URL and session id. */
	public static final String ROOM_READY = "room_ready";

	/** Server push, second after the upgrade: {@code {"type":"init","participantId","attributes"}}. */
	public static final String CONNECTED = "connected";

	/** Client request to run a tool of a toolkit, such as {@code queues}. */
	public static final String INVOKE_TOOL = "room.invoke_tool";

	/** The answer to a request, carrying its id and a {@link Content}. */
	public static final String RESPONSE = "__response__";

	/** One-way client message setting participant attributes. */
	public static final String SET_ATTRIBUTES = "set_attributes";

	/** Server push of a room status. */
	public static final String ROOM_STATUS = "room.status";

	private MessageTypes() {
	}

}
