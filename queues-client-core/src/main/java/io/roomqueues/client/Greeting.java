package io.roomqueues.client;

/**
 * What the server said when the connection became ready.
 *
 * @param roomName the room name from {@code room_ready}
 * @param sessionId the session id from {@code room_ready}
 * @param participantId this participant's id from {@code connected}
 */
record Greeting(String roomName, String sessionId, String participantId) {
}
