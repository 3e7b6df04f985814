package io.roomqueues.server;

import io.roomqueues.token.ParticipantToken;

/**
 * What the upgrade servlet learned about a connection before it became a WebSocket.
 *
 * @param participant the verified token
 * @param room the room name from the path
 * @param roomUrl the URL the client connected to, without its token
 */
record Handshake(ParticipantToken participant, String room, String roomUrl) {

	static final String KEY = Handshake.class.getName();

}
