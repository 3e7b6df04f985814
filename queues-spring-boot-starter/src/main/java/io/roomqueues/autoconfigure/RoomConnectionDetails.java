package io.roomqueues.autoconfigure;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Where the room is and how to get in: replace this bean to point the clients somewhere else without properties.
 */
public interface RoomConnectionDetails extends ConnectionDetails {

	/** {@return the base URL of the room server, such as {@code wss://api.meshagent.com}} */
	String getUrl();

	/** {@return the room name} */
	String getRoom();

	/** {@return a participant token, asked for before every connection attempt so it may be minted afresh} */
	String getToken();

}
