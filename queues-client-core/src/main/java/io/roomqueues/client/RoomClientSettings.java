package io.roomqueues.client;

import java.time.Duration;
import java.util.function.Supplier;

import io.roomqueues.client.transport.WebSocketTransport;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The settings of a {@link RoomClient}, fixed when it is built.
 *
 * @param baseUrl the base URL, such as {@code wss://api.meshagent.com}
 * @param room the room name
 * @param token supplies the participant token for each connection attempt
 * @param connectTimeout how long one attempt may take to become ready
 * @param requestTimeout the default time a request may wait for its response, or {@code null} for no limit
 * @param reconnect how lost connections are retried
 * @param maxMessageSize the largest message payload sent or accepted, in bytes
 * @param jsonMapper the mapper for protocol JSON and message conversion
 * @param transport the WebSocket implementation
 * @param interceptor sees every request, or {@code null}
 */
record RoomClientSettings(String baseUrl, String room, Supplier<String> token, Duration connectTimeout,
		@Nullable Duration requestTimeout, ReconnectPolicy reconnect, int maxMessageSize, JsonMapper jsonMapper,
		WebSocketTransport transport, @Nullable RequestInterceptor interceptor) {

	@Override
	public String toString() {
		return "RoomClientSettings[baseUrl=" + this.baseUrl + ", room=" + this.room + "]";
	}

}
