package io.roomqueues.server;

import io.roomqueues.protocol.WireCodec;

/**
 * The limits a room server enforces; each is named in the error a client gets when it passes one.
 *
 * @param maxMessageSize the largest message payload in bytes a client may send
 * @param maxQueueLength the most messages one queue holds; a send past it is refused and nothing is dropped
 * @param maxConnections the most open connections across all rooms
 * @param maxPendingOutboundBytes the most response bytes buffered for a client that does not read; past it the
 * connection is closed
 */
public record ServerLimits(int maxMessageSize, int maxQueueLength, int maxConnections, long maxPendingOutboundBytes) {

	/** 16 MiB messages, 100,000 messages a queue, 1,000 connections, 64 MiB of unread responses. */
	public static final ServerLimits DEFAULTS = new ServerLimits(WireCodec.DEFAULT_MAX_MESSAGE_SIZE, 100_000, 1_000,
			64L * 1024 * 1024);

	public ServerLimits {
		positive(maxMessageSize, "maxMessageSize");
		positive(maxQueueLength, "maxQueueLength");
		positive(maxConnections, "maxConnections");
		positive(maxPendingOutboundBytes, "maxPendingOutboundBytes");
	}

	public ServerLimits withMaxMessageSize(int maxMessageSize) {
		return new ServerLimits(maxMessageSize, this.maxQueueLength, this.maxConnections, this.maxPendingOutboundBytes);
	}

	public ServerLimits withMaxQueueLength(int maxQueueLength) {
		return new ServerLimits(this.maxMessageSize, maxQueueLength, this.maxConnections, this.maxPendingOutboundBytes);
	}

	public ServerLimits withMaxConnections(int maxConnections) {
		return new ServerLimits(this.maxMessageSize, this.maxQueueLength, maxConnections, this.maxPendingOutboundBytes);
	}

	public ServerLimits withMaxPendingOutboundBytes(long maxPendingOutboundBytes) {
		return new ServerLimits(this.maxMessageSize, this.maxQueueLength, this.maxConnections, maxPendingOutboundBytes);
	}

	private static void positive(long value, String name) {
		if (value <= 0) {
			throw new IllegalArgumentException(name + " must be positive, was " + value);
		}
	}

}
