package io.roomqueues.client;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import io.roomqueues.client.transport.WebSocketTransport;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The settings of a {@link RoomClient}, fixed when it is built.
 *
 * @param baseUrl the base URL, such as {@code wss://api.meshagent.com}, never with a token in it
 * @param room the room name
 * @param token supplies the participant token for each connection attempt
 * @param tokenInQuery whether the token also travels in the URL's query, for servers that read nothing else
 * @param connectTimeout how long one attempt may take to become ready
 * @param requestTimeout the default time a request may wait for its response, or {@code null} for no limit
 * @param reconnect how lost connections are retried
 * @param keepalive how a dead connection is found
 * @param closeTimeout how long a close keeps trying to send back the messages the client holds
 * @param holdTime how long a message that reached an abandoned receive waits for the next receive on its queue
 * @param maxMessageSize the largest message payload sent or accepted, in bytes
 * @param jsonMapper the mapper for protocol JSON and message conversion
 * @param transport the WebSocket implementation
 * @param interceptor sees every request, or {@code null}
 * @param callbackExecutor completes the callers' futures, or {@code null} for the client's own pool
 * @param unreturnedMessageHandler takes messages that could not go back to their queue
 */
record RoomClientSettings(String baseUrl, String room, Supplier<String> token, boolean tokenInQuery,
		Duration connectTimeout, @Nullable Duration requestTimeout, ReconnectPolicy reconnect, Keepalive keepalive, Duration closeTimeout, Duration holdTime,
		int maxMessageSize, JsonMapper jsonMapper, WebSocketTransport transport,
		@Nullable RequestInterceptor interceptor, @Nullable Executor callbackExecutor,
		UnreturnedMessageHandler unreturnedMessageHandler) {

	@Override
	public String toString() {
		return "RoomClientSettings[baseUrl=" + this.baseUrl + ", room=" + this.room + "]";
	}

}
