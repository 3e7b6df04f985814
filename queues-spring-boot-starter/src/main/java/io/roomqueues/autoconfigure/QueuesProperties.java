package io.roomqueues.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties for room queues, under {@code queues.*}.
 */
@ConfigurationProperties(QueuesProperties.PREFIX)
public class QueuesProperties {

	/** The prefix of every property. */
	public static final String PREFIX = "queues";

	private final Room room = new Room();

	private final Listener listener = new Listener();

	private final Server server = new Server();

	private final Observation observation = new Observation();

	public Room getRoom() {
		return this.room;
	}

	public Listener getListener() {
		return this.listener;
	}

	public Server getServer() {
		return this.server;
	}

	public Observation getObservation() {
		return this.observation;
	}

	/** Micrometer observations of client requests and listener invocations. */
	public static class Observation {

		/** Whether to observe requests and listener invocations, when an ObservationRegistry bean exists. */
		private boolean enabled = true;

		/**
		 * Whether the queue name of a client request is a low-cardinality key (a metric tag); only for a bounded set
		 * of queue names.
		 */
		private boolean queueNameLowCardinality;

		/**
		 * Whether sends carry the trace context in the message (W3C traceparent under "__trace__") and listeners
		 * continue it.
		 */
		private boolean tracePropagation;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public boolean isQueueNameLowCardinality() {
			return this.queueNameLowCardinality;
		}

		public void setQueueNameLowCardinality(boolean queueNameLowCardinality) {
			this.queueNameLowCardinality = queueNameLowCardinality;
		}

		public boolean isTracePropagation() {
			return this.tracePropagation;
		}

		public void setTracePropagation(boolean tracePropagation) {
			this.tracePropagation = tracePropagation;
		}

	}

	/** The embedded room server started when no room URL is configured and queues-server is on the classpath. */
	public static class Server {

		/** Whether to start an embedded room server when no room URL is configured. */
		private boolean enabled = true;

		/** Port of the embedded room server; 0 picks a free one. */
		private int port;

		/** Address the embedded room server binds. */
		private String host = "127.0.0.1";

		/** Room the clients join on the embedded server, unless queues.room.name is set. */
		private String room = "local";

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getPort() {
			return this.port;
		}

		public void setPort(int port) {
			this.port = port;
		}

		public String getHost() {
			return this.host;
		}

		public void setHost(String host) {
			this.host = host;
		}

		public String getRoom() {
			return this.room;
		}

		public void setRoom(String room) {
			this.room = room;
		}

	}

	/** How to reach the room. */
	public static class Room {

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

		/** Largest message the client sends or accepts. */
		private DataSize maxMessageSize = DataSize.ofMegabytes(16);

		/** What to do when the room cannot be reached at startup. */
		private StartupFailure startupFailure = StartupFailure.CONTINUE;

		private final Reconnect reconnect = new Reconnect();

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

	}

	/** What the application does when the room cannot be reached at startup. */
	public enum StartupFailure {

		/** Start anyway; the client keeps reconnecting and listeners begin once the room is up. */
		CONTINUE,

		/** Fail the application startup. */
		FAIL

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

	/** Defaults for @QueueListener containers. */
	public static class Listener {

		/** Whether listener containers start with the application. */
		private boolean autoStartup = true;

		/** Messages each listener processes at once, unless its annotation says otherwise. */
		private int concurrency = 1;

		/** Time a stopping container waits for messages in processing before sending them back to their queue. */
		private Duration shutdownTimeout = Duration.ofSeconds(10);

		/** Whether a message that failed every attempt goes to its dead-letter queue; if false it is logged and dropped. */
		private boolean deadLetterEnabled = true;

		/** Suffix of the dead-letter queue name, appended to the listener's queue. */
		private String deadLetterSuffix = ".dlq";

		private final Retry retry = new Retry();

		public boolean isAutoStartup() {
			return this.autoStartup;
		}

		public void setAutoStartup(boolean autoStartup) {
			this.autoStartup = autoStartup;
		}

		public int getConcurrency() {
			return this.concurrency;
		}

		public void setConcurrency(int concurrency) {
			this.concurrency = concurrency;
		}

		public Duration getShutdownTimeout() {
			return this.shutdownTimeout;
		}

		public void setShutdownTimeout(Duration shutdownTimeout) {
			this.shutdownTimeout = shutdownTimeout;
		}

		public boolean isDeadLetterEnabled() {
			return this.deadLetterEnabled;
		}

		public void setDeadLetterEnabled(boolean deadLetterEnabled) {
			this.deadLetterEnabled = deadLetterEnabled;
		}

		public String getDeadLetterSuffix() {
			return this.deadLetterSuffix;
		}

		public void setDeadLetterSuffix(String deadLetterSuffix) {
			this.deadLetterSuffix = deadLetterSuffix;
		}

		public Retry getRetry() {
			return this.retry;
		}

	}

	/** In-process retry of a failing listener. */
	public static class Retry {

		/** Attempts per message, the first included; 1 disables retries. */
		private int maxAttempts = 3;

		/** Delay before the second attempt. */
		private Duration initialInterval = Duration.ofSeconds(1);

		/** Factor each delay grows by. */
		private double multiplier = 2.0;

		/** Longest delay between attempts. */
		private Duration maxInterval = Duration.ofSeconds(10);

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Duration getInitialInterval() {
			return this.initialInterval;
		}

		public void setInitialInterval(Duration initialInterval) {
			this.initialInterval = initialInterval;
		}

		public double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(double multiplier) {
			this.multiplier = multiplier;
		}

		public Duration getMaxInterval() {
			return this.maxInterval;
		}

		public void setMaxInterval(Duration maxInterval) {
			this.maxInterval = maxInterval;
		}

	}

}
