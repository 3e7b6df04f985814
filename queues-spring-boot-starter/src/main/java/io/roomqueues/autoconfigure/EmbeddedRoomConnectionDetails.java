package io.roomqueues.autoconfigure;

import io.roomqueues.server.RoomServer;

/**
 * {@link RoomConnectionDetails} of an embedded {@link RoomServer}: its URL, a room, and tokens it mints.
 */
public class EmbeddedRoomConnectionDetails implements RoomConnectionDetails {

	private final RoomServer server;

	private final String room;

	private final String participant;

	/**
	 * Creates the details of a running server.
	 * @param server the server
	 * @param room the room the clients join
	 * @param participant the participant name in the tokens the server mints
	 */
	public EmbeddedRoomConnectionDetails(RoomServer server, String room, String participant) {
		this.server = server;
		this.room = room;
		this.participant = participant;
	}

	@Override
	public String getUrl() {
		return this.server.url();
	}

	@Override
	public String getRoom() {
		return this.room;
	}

	@Override
	public String getToken() {
		return this.server.token(this.participant, this.room);
	}

	/** {@return the server} */
	public RoomServer getServer() {
		return this.server;
	}

	@Override
	public String toString() {
		return "EmbeddedRoomConnectionDetails[url=" + this.server.url() + ", room=" + this.room + "]";
	}

}
