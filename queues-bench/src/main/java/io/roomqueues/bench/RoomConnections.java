package io.roomqueues.bench;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import io.roomqueues.client.ReconnectPolicy;
import io.roomqueues.client.RoomClient;
import io.roomqueues.client.RoomClientBuilder;
import io.roomqueues.client.RoomUrls;
import io.roomqueues.client.transport.WebSocketTransport;
import io.roomqueues.token.ParticipantToken;

/** Opens connections to the benchmark's room on the server, over a transport under test picked by name. */
final class RoomConnections {

	static final String ROOM = "bench";

	private final String url;

	private final Transports transports;

	private final String token;

	RoomConnections(String url, Transports transports) {
		this.url = url;
		this.transports = transports;
		this.token = token(ROOM, ServerProcess.SECRET);
	}

	/** A token of participant "bench" for a room, signed with a secret. */
	static String token(String room, String secret) {
		return ParticipantToken.builder("bench").room(room).build().toJwt(secret);
	}

	/** A room client that connects once, never reconnecting, with the given token. */
	RoomClientBuilder client(String transport, String jwt) {
		RoomClientBuilder builder = RoomClient.builder()
			.url(this.url)
			.room(ROOM)
			.token(jwt)
			.transport(this.transports.get(transport))
			.reconnect(ReconnectPolicy.NEVER);
		if (Transports.DIRECT_CALLBACKS.equals(transport)) {
			builder.callbackExecutor(Runnable::run);
		}
		return builder;
	}

	/** A connected room client with a valid token. */
	RoomClient connect(String transport) {
		RoomClient client = client(transport, this.token).connectTimeout(Duration.ofSeconds(10)).build();
		client.connect().join();
		return client;
	}

	WebSocketTransport transport(String name) {
		return this.transports.get(name);
	}

	/** The room's WebSocket URI, for connecting a transport directly. */
	URI roomUri() {
		return RoomUrls.roomUri(this.url, ROOM, this.token);
	}

	/** The handshake headers that go with {@link #roomUri()}. */
	Map<String, String> headers() {
		return Map.of("Authorization", "Bearer " + this.token);
	}

}
