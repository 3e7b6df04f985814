package io.roomqueues.autoconfigure;

import java.time.Clock;
import java.time.Instant;
import java.util.function.Function;

import io.roomqueues.client.RoomUrls;
import io.roomqueues.token.ApiKey;
import io.roomqueues.token.ParticipantToken;
import org.jspecify.annotations.Nullable;

/**
 * {@link RoomConnectionDetails} from {@code queues.room.*}, falling back to MeshAgent's environment variables
 * ({@code MESHAGENT_ROOM_URL}, {@code MESHAGENT_API_URL}, {@code MESHAGENT_ROOM}, {@code MESHAGENT_TOKEN},
 * {@code MESHAGENT_API_KEY}). A token comes from {@code token}, or is minted from {@code api-key} or {@code secret}.
 */
public class PropertiesRoomConnectionDetails implements RoomConnectionDetails {

	private final String url;

	private final String room;

	private final TokenSource tokens;

	/**
	 * Reads the properties, failing at once with a {@link RoomConfigurationException} that names what is missing.
	 * @param properties the room properties
	 * @param environment looks up MeshAgent's environment variables
	 * @param clock the clock minted tokens expire by
	 */
	public PropertiesRoomConnectionDetails(RoomProperties properties,
			Function<String, @Nullable String> environment, Clock clock) {
		String configured = properties.getUrl();
		String fromEnvironment = RoomUrls.fromEnvironment(environment);
		this.url = (configured != null) ? RoomUrls.toWebSocket(configured)
				: (fromEnvironment != null) ? fromEnvironment : RoomUrls.HOSTED_URL;
		this.room = firstNonBlank(properties.getName(), environment.apply("MESHAGENT_ROOM"));
		if (this.room == null) {
			throw new RoomConfigurationException("No room name is configured for the room queues client.",
					"Set queues.room.name (or the MESHAGENT_ROOM environment variable).");
		}
		this.tokens = tokenSource(properties, environment, this.room, clock);
	}

	@Override
	public String getUrl() {
		return this.url;
	}

	@Override
	public String getRoom() {
		return this.room;
	}

	@Override
	public String getToken() {
		return this.tokens.token();
	}

	@Override
	public String toString() {
		return "PropertiesRoomConnectionDetails[url=" + this.url + ", room=" + this.room + "]";
	}

	private interface TokenSource {

		String token();

	}

	private static TokenSource tokenSource(RoomProperties properties,
			Function<String, @Nullable String> environment, String room, Clock clock) {
		String token = firstNonBlank(properties.getToken(), environment.apply("MESHAGENT_TOKEN"));
		if (token != null) {
			return () -> token;
		}
		String apiKey = firstNonBlank(properties.getApiKey(), environment.apply("MESHAGENT_API_KEY"));
		if (apiKey != null) {
			ApiKey key;
			try {
				key = ApiKey.parse(apiKey);
			}
			catch (IllegalArgumentException ex) {
				throw new RoomConfigurationException("queues.room.api-key is not a MeshAgent API key: " + ex.getMessage(),
						"Set queues.room.api-key to a key of the form ma-<key id>-<project id>-<secret>.");
			}
			return () -> participant(properties, room, clock).toJwt(key);
		}
		String secret = properties.getSecret();
		if (secret != null && !secret.isEmpty()) {
			return () -> participant(properties, room, clock).toJwt(secret);
		}
		throw new RoomConfigurationException("No credentials are configured for room '" + room + "'.",
				"Set queues.room.token (or MESHAGENT_TOKEN), queues.room.api-key (or MESHAGENT_API_KEY) "
						+ "with queues.room.participant-name, or queues.room.secret for a self-hosted server.");
	}

	private static ParticipantToken participant(RoomProperties properties, String room, Clock clock) {
		return ParticipantToken.builder(properties.getParticipantName())
			.room(room)
			.role("agent")
			.expiresAt(Instant.now(clock).plus(properties.getTokenTimeToLive()))
			.build();
	}

	private static @Nullable String firstNonBlank(@Nullable String first, @Nullable String second) {
		if (first != null && !first.isBlank()) {
			return first;
		}
		return (second != null && !second.isBlank()) ? second : null;
	}

}
