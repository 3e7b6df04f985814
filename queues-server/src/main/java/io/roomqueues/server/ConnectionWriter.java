package io.roomqueues.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.websocket.RemoteEndpoint;

/**
 * Writes whole messages to one WebSocket, never interleaving the frames of two messages. Any thread may call
 * {@link #send}; one thread at a time drains the queue while the others return at once.
 *
 * <p>
 * Container batching stays off: Tomcat would hold its automatic pong replies in the batch too.
 *
 * <p>
 * A message that cannot be written, because the connection closed or the write failed, is handed to its
 * {@code onUndelivered} callback so that nothing taken from a queue is lost.
 */
final class ConnectionWriter {

	/** Called when a message could not be written. */
	interface Failure {

		void failed(IOException cause);

	}

	private record Pending(ByteBuffer[] frames, long bytes, Runnable onUndelivered) {
	}

	private final RemoteEndpoint.Basic remote;

	private final long maxPendingBytes;

	private final Failure failure;

	private final ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean draining = new AtomicBoolean();

	private final AtomicLong pendingBytes = new AtomicLong();

	private volatile boolean closed;

	ConnectionWriter(RemoteEndpoint.Basic remote, long maxPendingBytes, Failure failure) {
		this.remote = remote;
		this.maxPendingBytes = maxPendingBytes;
		this.failure = failure;
	}

	void send(ByteBuffer[] frames, Runnable onUndelivered) {
		if (this.closed) {
			onUndelivered.run();
			return;
		}
		long bytes = 0;
		for (ByteBuffer frame : frames) {
			bytes += frame.remaining();
		}
		this.pending.add(new Pending(frames, bytes, onUndelivered));
		if (this.pendingBytes.addAndGet(bytes) > this.maxPendingBytes) {
			fail(new IOException("client is not reading: more than " + this.maxPendingBytes
					+ " bytes of responses are waiting (the pending outbound limit)"));
			return;
		}
		drain();
	}

	/** Stops writing and hands every unwritten message back. */
	void close() {
		this.closed = true;
		drain();
	}

	/**
	 * Writes or, once closed, hands back what is pending. The queue is checked again after the flag is released, so a
	 * message added while another thread held it is never stranded.
	 */
	private void drain() {
		while (!this.pending.isEmpty() && this.draining.compareAndSet(false, true)) {
			try {
				if (this.closed) {
					returnPending();
				}
				else {
					writePending();
				}
			}
			finally {
				this.draining.set(false);
			}
		}
	}

	private void writePending() {
		Pending message;
		while ((message = this.pending.poll()) != null) {
			this.pendingBytes.addAndGet(-message.bytes());
			try {
				for (ByteBuffer frame : message.frames()) {
					this.remote.sendBinary(frame);
				}
			}
			catch (IOException | IllegalStateException ex) {
				this.closed = true;
				message.onUndelivered().run();
				returnPending();
				this.failure.failed((ex instanceof IOException io) ? io : new IOException(ex.getMessage(), ex));
				return;
			}
		}
	}

	private void returnPending() {
		List<Runnable> undelivered = new ArrayList<>();
		Pending message;
		while ((message = this.pending.poll()) != null) {
			this.pendingBytes.addAndGet(-message.bytes());
			undelivered.add(message.onUndelivered());
		}
		undelivered.forEach(Runnable::run);
	}

	private void fail(IOException cause) {
		this.closed = true;
		this.failure.failed(cause);
		drain();
	}

}
