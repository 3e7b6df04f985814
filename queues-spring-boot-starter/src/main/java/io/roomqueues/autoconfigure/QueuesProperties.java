package io.roomqueues.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * Configuration properties for room queues, under {@code queues.*}.
 */
@ConfigurationProperties(QueuesProperties.PREFIX)
public class QueuesProperties {

	/** The prefix of every property. */
	public static final String PREFIX = "queues";

	/** How to reach the room. */
	@NestedConfigurationProperty
	private final RoomProperties room = new RoomProperties();

	private final Listener listener = new Listener();

	private final Server server = new Server();

	private final Observation observation = new Observation();

	public RoomProperties getRoom() {
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

		/**
		 * Whether log lines about a message (a failed recovery, a message sent back, a dropped message) show its body;
		 * otherwise they name its queue, listener and size only.
		 */
		private boolean logMessageBodies;

		/**
		 * Whether a message with a property the listener's payload type does not have fails to convert (and is
		 * dead-lettered without retries). Jackson 3 ignores unknown properties by default; set this for strict records.
		 */
		private boolean failOnUnknownProperties;

		private final Retry retry = new Retry();

		private final Batch batch = new Batch();

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

		public boolean isFailOnUnknownProperties() {
			return this.failOnUnknownProperties;
		}

		public void setFailOnUnknownProperties(boolean failOnUnknownProperties) {
			this.failOnUnknownProperties = failOnUnknownProperties;
		}

		public boolean isLogMessageBodies() {
			return this.logMessageBodies;
		}

		public void setLogMessageBodies(boolean logMessageBodies) {
			this.logMessageBodies = logMessageBodies;
		}

		public Retry getRetry() {
			return this.retry;
		}

		public Batch getBatch() {
			return this.batch;
		}

	}

	/** How batch listeners (a List parameter) gather their messages. */
	public static class Batch {

		/** Most messages a batch listener gets at once. */
		private int size = 10;

		/**
		 * Time a batch may take to fill after its first message; zero takes only the messages already waiting in the
		 * queue.
		 */
		private Duration wait = Duration.ZERO;

		public int getSize() {
			return this.size;
		}

		public void setSize(int size) {
			this.size = size;
		}

		public Duration getWait() {
			return this.wait;
		}

		public void setWait(Duration wait) {
			this.wait = wait;
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
