package io.roomqueues.server;

import java.util.Objects;

import io.roomqueues.protocol.WireCodec;

/**
 * The limits a room server enforces; each is named, with its value, in the error a client gets when it passes one.
 * Immutable: {@code with...} methods and the {@link #builder() builder} return new limits.
 *
 * <p>
 * The defaults keep a server with a 1 GiB heap alive whatever one participant does: messages are held as JSON
 * trees, which take two to four times their text size, so the 256 MiB server budget stays under the heap, and every
 * count below bounds the small objects a flood could create.
 */
public final class ServerLimits {

	private static final long MIB = 1024 * 1024;

	/** The defaults; see each accessor for the value and the reason. */
	public static final ServerLimits DEFAULTS = builder().build();

	private final int maxMessageSize;

	private final int maxQueueLength;

	private final int maxConnections;

	private final long maxPendingOutboundBytes;

	private final int maxQueuesPerRoom;

	private final int maxParkedReceivesPerConnection;

	private final int maxRooms;

	private final int maxQueueNameLength;

	private final long maxQueuedBytesPerRoom;

	private final long maxQueuedBytesPerServer;

	private ServerLimits(Builder builder) {
		this.maxMessageSize = positive(builder.maxMessageSize, "maxMessageSize");
		this.maxQueueLength = positive(builder.maxQueueLength, "maxQueueLength");
		this.maxConnections = positive(builder.maxConnections, "maxConnections");
		this.maxPendingOutboundBytes = positive(builder.maxPendingOutboundBytes, "maxPendingOutboundBytes");
		this.maxQueuesPerRoom = positive(builder.maxQueuesPerRoom, "maxQueuesPerRoom");
		this.maxParkedReceivesPerConnection = positive(builder.maxParkedReceivesPerConnection,
				"maxParkedReceivesPerConnection");
		this.maxRooms = positive(builder.maxRooms, "maxRooms");
		this.maxQueueNameLength = positive(builder.maxQueueNameLength, "maxQueueNameLength");
		this.maxQueuedBytesPerRoom = positive(builder.maxQueuedBytesPerRoom, "maxQueuedBytesPerRoom");
		this.maxQueuedBytesPerServer = positive(builder.maxQueuedBytesPerServer, "maxQueuedBytesPerServer");
	}

	public static Builder builder() {
		return new Builder();
	}

	/** A builder that starts from these limits. */
	public Builder toBuilder() {
		return new Builder(this);
	}

	/** The largest message payload in bytes a client may send; 16 MiB, as MeshAgent's SDKs allow. */
	public int maxMessageSize() {
		return this.maxMessageSize;
	}

	/** The most messages one queue holds; 100,000. A send past it is refused and nothing is dropped. */
	public int maxQueueLength() {
		return this.maxQueueLength;
	}

	/** The most open connections across all rooms; 1,000, far below the file handles a laptop allows. */
	public int maxConnections() {
		return this.maxConnections;
	}

	/**
	 * Bytes of responses a client may leave unread before it is closed as not reading, and the most message bytes
	 * in flight to one connection (further messages wait in their queues until it reads); 16 MiB, one default-sized
	 * message.
	 */
	public long maxPendingOutboundBytes() {
		return this.maxPendingOutboundBytes;
	}

	/** The most queues one room holds; 1,000. */
	public int maxQueuesPerRoom() {
		return this.maxQueuesPerRoom;
	}

	/** The most receives one connection may have waiting; 1,000, well above a listener container's concurrency. */
	public int maxParkedReceivesPerConnection() {
		return this.maxParkedReceivesPerConnection;
	}

	/** The most rooms one server holds; 1,000. A room with no connection and no queue is removed. */
	public int maxRooms() {
		return this.maxRooms;
	}

	/** The longest queue name in characters; 1,024. */
	public int maxQueueNameLength() {
		return this.maxQueueNameLength;
	}

	/**
	 * Bytes of messages one room holds, counted as each send's payload size as received; 64 MiB, so that a few rooms
	 * cannot take the whole server budget.
	 */
	public long maxQueuedBytesPerRoom() {
		return this.maxQueuedBytesPerRoom;
	}

	/** Bytes of messages the whole server holds; 256 MiB, which a 1 GiB heap survives. */
	public long maxQueuedBytesPerServer() {
		return this.maxQueuedBytesPerServer;
	}

	public ServerLimits withMaxMessageSize(int maxMessageSize) {
		return toBuilder().maxMessageSize(maxMessageSize).build();
	}

	public ServerLimits withMaxQueueLength(int maxQueueLength) {
		return toBuilder().maxQueueLength(maxQueueLength).build();
	}

	public ServerLimits withMaxConnections(int maxConnections) {
		return toBuilder().maxConnections(maxConnections).build();
	}

	public ServerLimits withMaxPendingOutboundBytes(long maxPendingOutboundBytes) {
		return toBuilder().maxPendingOutboundBytes(maxPendingOutboundBytes).build();
	}

	public ServerLimits withMaxQueuesPerRoom(int maxQueuesPerRoom) {
		return toBuilder().maxQueuesPerRoom(maxQueuesPerRoom).build();
	}

	public ServerLimits withMaxParkedReceivesPerConnection(int maxParkedReceivesPerConnection) {
		return toBuilder().maxParkedReceivesPerConnection(maxParkedReceivesPerConnection).build();
	}

	public ServerLimits withMaxRooms(int maxRooms) {
		return toBuilder().maxRooms(maxRooms).build();
	}

	public ServerLimits withMaxQueueNameLength(int maxQueueNameLength) {
		return toBuilder().maxQueueNameLength(maxQueueNameLength).build();
	}

	public ServerLimits withMaxQueuedBytesPerRoom(long maxQueuedBytesPerRoom) {
		return toBuilder().maxQueuedBytesPerRoom(maxQueuedBytesPerRoom).build();
	}

	public ServerLimits withMaxQueuedBytesPerServer(long maxQueuedBytesPerServer) {
		return toBuilder().maxQueuedBytesPerServer(maxQueuedBytesPerServer).build();
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof ServerLimits that && this.maxMessageSize == that.maxMessageSize
				&& this.maxQueueLength == that.maxQueueLength && this.maxConnections == that.maxConnections
				&& this.maxPendingOutboundBytes == that.maxPendingOutboundBytes
				&& this.maxQueuesPerRoom == that.maxQueuesPerRoom
				&& this.maxParkedReceivesPerConnection == that.maxParkedReceivesPerConnection
				&& this.maxRooms == that.maxRooms && this.maxQueueNameLength == that.maxQueueNameLength
				&& this.maxQueuedBytesPerRoom == that.maxQueuedBytesPerRoom
				&& this.maxQueuedBytesPerServer == that.maxQueuedBytesPerServer;
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.maxMessageSize, this.maxQueueLength, this.maxConnections,
				this.maxPendingOutboundBytes, this.maxQueuesPerRoom, this.maxParkedReceivesPerConnection,
				this.maxRooms, this.maxQueueNameLength, this.maxQueuedBytesPerRoom, this.maxQueuedBytesPerServer);
	}

	@Override
	public String toString() {
		return "ServerLimits[maxMessageSize=" + this.maxMessageSize + ", maxQueueLength=" + this.maxQueueLength
				+ ", maxConnections=" + this.maxConnections + ", maxPendingOutboundBytes="
				+ this.maxPendingOutboundBytes + ", maxQueuesPerRoom=" + this.maxQueuesPerRoom
				+ ", maxParkedReceivesPerConnection=" + this.maxParkedReceivesPerConnection + ", maxRooms="
				+ this.maxRooms + ", maxQueueNameLength=" + this.maxQueueNameLength + ", maxQueuedBytesPerRoom="
				+ this.maxQueuedBytesPerRoom + ", maxQueuedBytesPerServer=" + this.maxQueuedBytesPerServer + "]";
	}

	private static <T extends Number> T positive(T value, String name) {
		if (value.longValue() <= 0) {
			throw new IllegalArgumentException(name + " must be positive, was " + value);
		}
		return value;
	}

	/** Builds {@link ServerLimits}, starting from the defaults. */
	public static final class Builder {

		private int maxMessageSize = WireCodec.DEFAULT_MAX_MESSAGE_SIZE;

		private int maxQueueLength = 100_000;

		private int maxConnections = 1_000;

		private long maxPendingOutboundBytes = 16 * MIB;

		private int maxQueuesPerRoom = 1_000;

		private int maxParkedReceivesPerConnection = 1_000;

		private int maxRooms = 1_000;

		private int maxQueueNameLength = 1_024;

		private long maxQueuedBytesPerRoom = 64 * MIB;

		private long maxQueuedBytesPerServer = 256 * MIB;

		private Builder() {
		}

		private Builder(ServerLimits limits) {
			this.maxMessageSize = limits.maxMessageSize;
			this.maxQueueLength = limits.maxQueueLength;
			this.maxConnections = limits.maxConnections;
			this.maxPendingOutboundBytes = limits.maxPendingOutboundBytes;
			this.maxQueuesPerRoom = limits.maxQueuesPerRoom;
			this.maxParkedReceivesPerConnection = limits.maxParkedReceivesPerConnection;
			this.maxRooms = limits.maxRooms;
			this.maxQueueNameLength = limits.maxQueueNameLength;
			this.maxQueuedBytesPerRoom = limits.maxQueuedBytesPerRoom;
			this.maxQueuedBytesPerServer = limits.maxQueuedBytesPerServer;
		}

		public Builder maxMessageSize(int maxMessageSize) {
			this.maxMessageSize = maxMessageSize;
			return this;
		}

		public Builder maxQueueLength(int maxQueueLength) {
			this.maxQueueLength = maxQueueLength;
			return this;
		}

		public Builder maxConnections(int maxConnections) {
			this.maxConnections = maxConnections;
			return this;
		}

		public Builder maxPendingOutboundBytes(long maxPendingOutboundBytes) {
			this.maxPendingOutboundBytes = maxPendingOutboundBytes;
			return this;
		}

		public Builder maxQueuesPerRoom(int maxQueuesPerRoom) {
			this.maxQueuesPerRoom = maxQueuesPerRoom;
			return this;
		}

		public Builder maxParkedReceivesPerConnection(int maxParkedReceivesPerConnection) {
			this.maxParkedReceivesPerConnection = maxParkedReceivesPerConnection;
			return this;
		}

		public Builder maxRooms(int maxRooms) {
			this.maxRooms = maxRooms;
			return this;
		}

		public Builder maxQueueNameLength(int maxQueueNameLength) {
			this.maxQueueNameLength = maxQueueNameLength;
			return this;
		}

		public Builder maxQueuedBytesPerRoom(long maxQueuedBytesPerRoom) {
			this.maxQueuedBytesPerRoom = maxQueuedBytesPerRoom;
			return this;
		}

		public Builder maxQueuedBytesPerServer(long maxQueuedBytesPerServer) {
			this.maxQueuedBytesPerServer = maxQueuedBytesPerServer;
			return this;
		}

		/**
		 * Builds the limits.
		 * @throws IllegalArgumentException if a limit is zero or negative
		 */
		public ServerLimits build() {
			return new ServerLimits(this);
		}

	}

}
