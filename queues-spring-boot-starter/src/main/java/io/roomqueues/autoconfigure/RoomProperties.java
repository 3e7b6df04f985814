package io.roomqueues.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.util.unit.DataSize;

/**
 * How the starter reaches the room: {@code queues.room.*}.
 */
public class RoomProperties {

	/**
	 * Base URL of the room server, such as wss://api.meshagent.com. Falls back to MESHAGENT_ROOM_URL, then
	 * MESHAGENT_API_URL.
	 */
	private @Nullable String url;

	/** Name of the room. Falls back to MESHAGENT_ROOM. */
	private @Nullable String name;

	/** Participant token (a JWT). Falls back to MESHAGENT_TOKEN. Takes precedence over api-key and secret. */
	private @Nullable String token;

	/**
	 * MeshAgent API key (ma-...) the starter mints participant tokens with. Falls back to MESHAGENT_API_KEY.
	 */
	private @Nullable String apiKey;

	/** Shared secret the starter mints participant tokens with, for self-hosted and embedded room servers. */
	private @Nullable String secret;

	/** Participant name in tokens the starter mints. */
	private String participantName = "spring-queues";

	/** Lifetime of tokens the starter mints; a fresh one is minted for every connection attempt. */
	private Duration tokenTimeToLive = Duration.ofHours(1);

	/** Time one connection attempt may take to become ready. */
	private Duration connectTimeout = Duration.ofSeconds(10);

	/** Time a request waits for its response; receives that wait for a message are never timed out. */
	private @Nullable Duration requestTimeout = Duration.ofSeconds(30);

	/**
	 * Time the client's close keeps trying, with backoff, to send back the messages it holds while the room is
	 * unreachable; what is not back by then goes to the UnreturnedMessageHandler bean (by default logged as lost).
	 */
	private Duration closeTimeout = Duration.ofSeconds(10);

	/**
	 * Time a message that reached a receive nobody waits for any more (a paused or stopped listener's) is held for the
	 * next receive on its queue while others of those receives are still parked; after it, it goes back to its queue.
	 */
	private Duration holdTime = Duration.ofSeconds(1);

	/** Largest message the client sends or accepts. */
	private DataSize maxMessageSize = DataSize.ofMegabytes(16);

	/** What to do when the room cannot be reached at startup. */
	private StartupFailure startupFailure = StartupFailure.CONTINUE;

	private final Reconnect reconnect = new Reconnect();

	private final Keepalive keepalive = new Keepalive();

	private final Ssl ssl = new Ssl();

	public @Nullable String getUrl() {
		return this.url;
	}

	public void setUrl(@Nullable String url) {
		this.url = url;
	}

	public @Nullable String getName() {
		return this.name;
	}

	public void setName(@Nullable String name) {
		this.name = name;
	}

	public @Nullable String getToken() {
		return this.token;
	}

	public void setToken(@Nullable String token) {
		this.token = token;
	}

	public @Nullable String getApiKey() {
		return this.apiKey;
	}

	public void setApiKey(@Nullable String apiKey) {
		this.apiKey = apiKey;
	}

	public @Nullable String getSecret() {
		return this.secret;
	}

	public void setSecret(@Nullable String secret) {
		this.secret = secret;
	}

	public String getParticipantName() {
		return this.participantName;
	}

	public void setParticipantName(String participantName) {
		this.participantName = participantName;
	}

	public Duration getTokenTimeToLive() {
		return this.tokenTimeToLive;
	}

	public void setTokenTimeToLive(Duration tokenTimeToLive) {
		this.tokenTimeToLive = tokenTimeToLive;
	}

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public @Nullable Duration getRequestTimeout() {
		return this.requestTimeout;
	}

	public void setRequestTimeout(@Nullable Duration requestTimeout) {
		this.requestTimeout = requestTimeout;
	}

	public Duration getCloseTimeout() {
		return this.closeTimeout;
	}

	public void setCloseTimeout(Duration closeTimeout) {
		this.closeTimeout = closeTimeout;
	}

	public Duration getHoldTime() {
		return this.holdTime;
	}

	public void setHoldTime(Duration holdTime) {
		this.holdTime = holdTime;
	}

	public DataSize getMaxMessageSize() {
		return this.maxMessageSize;
	}

	public void setMaxMessageSize(DataSize maxMessageSize) {
		this.maxMessageSize = maxMessageSize;
	}

	public StartupFailure getStartupFailure() {
		return this.startupFailure;
	}

	public void setStartupFailure(StartupFailure startupFailure) {
		this.startupFailure = startupFailure;
	}

	public Reconnect getReconnect() {
		return this.reconnect;
	}

	public Keepalive getKeepalive() {
		return this.keepalive;
	}

	public Ssl getSsl() {
		return this.ssl;
	}

	/** What the application does when the room cannot be reached at startup. */
	public enum StartupFailure {

		/** Start anyway; the client keeps reconnecting and listeners begin once the room is up. */
		CONTINUE,

		/** Fail the application startup. */
		FAIL

	}

	/**
	 * WebSocket pings that find a connection which died without a close: {@code queues.room.keepalive.*}.
	 */
	public static class Keepalive {

		/** Time between WebSocket pings; 0 turns keepalive off. */
		private Duration interval = Duration.ofSeconds(30);

		/** How long after a ping the connection may stay silent before it counts as lost and is re-established. */
		private Duration timeout = Duration.ofSeconds(10);

		public Duration getInterval() {
			return this.interval;
		}

		public void setInterval(Duration interval) {
			this.interval = interval;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

	}

	/** TLS of {@code wss:} connections. */
	public static class Ssl {

		/**
		 * Name of the SSL bundle (spring.ssl.bundle.*) whose trust material wss: connections use, such as one that
		 * trusts a self-signed server certificate. The JVM's default trust store when not set.
		 */
		private @Nullable String bundle;

		public @Nullable String getBundle() {
			return this.bundle;
		}

		public void setBundle(@Nullable String bundle) {
			this.bundle = bundle;
		}

	}

	/** Reconnect backoff of the room client. */
	public static class Reconnect {

		/** Delay before the first reconnect attempt. */
		private Duration initialDelay = Duration.ofMillis(500);

		/** Longest delay between reconnect attempts. */
		private Duration maxDelay = Duration.ofSeconds(30);

		/** Factor each delay grows by. */
		private double multiplier = 2.0;

		/** Random spread of each delay, from 0 (none) to 1. */
		private double jitter = 0.2;

		/** Attempts in a row before the client gives up and closes; 0 never reconnects. Unlimited when not set. */
		private @Nullable Integer maxAttempts;

		public Duration getInitialDelay() {
			return this.initialDelay;
		}

		public void setInitialDelay(Duration initialDelay) {
			this.initialDelay = initialDelay;
		}

		public Duration getMaxDelay() {
			return this.maxDelay;
		}

		public void setMaxDelay(Duration maxDelay) {
			this.maxDelay = maxDelay;
		}

		public double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(double multiplier) {
			this.multiplier = multiplier;
		}

		public double getJitter() {
			return this.jitter;
		}

		public void setJitter(double jitter) {
			this.jitter = jitter;
		}

		public @Nullable Integer getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(@Nullable Integer maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

	}

}
