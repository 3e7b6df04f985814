package io.roomqueues.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.websocket.RemoteEndpoint;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes whole messages to one WebSocket, never interleaving the frames of two messages. Any thread may add a
 * message; one thread at a time writes while the others return at once.
 *
 * <p>
 * Two kinds of bytes wait here, counted apart. Queue messages answering the connection's own receives are held to a
 * window: once it holds the limit, the room hands this connection no more messages (they wait in their queues) until
 * a write brings it below, when {@code windowOpened} runs. Other responses are not held back, so a client that lets
 * more than the limit of them go unread is closed as not reading; messages never count towards that.
 *
 * <p>
 * Container batching is on only while a batch is written and is switched off (which flushes) at its end: left on,
 * Tomcat would hold its automatic pong replies in the batch. It is never switched on once the writer is closed, and
 * the connection closes the writer before any close it starts, so the close frame the container writes then is never
 * held in a batch that no flush will follow (a stranded close frame leaves the client waiting, its requests
 * unanswered, until the close times out). A message that cannot be written, because the connection closed or a write
 * or flush failed in any way, is handed to its {@code onUndelivered} callback so that nothing taken from a queue is
 * lost.
 */
final class ConnectionWriter {

	private static final Logger logger = LoggerFactory.getLogger(ConnectionWriter.class);

	private static final Runnable NOTHING = () -> {
	};

	/** The most messages written in one batch, before they count as written and the window may open. */
	private static final int BATCH = 64;

	/** Called when a message could not be written. */
	interface Failure {

		/**
		 * A write failed, with the container's exception: an {@link IOException} from the socket, an
		 * {@link IllegalStateException} if the container refused it (its session is closing), or anything else it
		 * threw.
		 */
		void failed(Throwable cause);

	}

	private record Pending(ByteBuffer[] frames, long bytes, boolean message, Runnable onWritten,
			Runnable onUndelivered) {
	}

	private final RemoteEndpoint.Basic remote;

	private final long maxPendingBytes;

	private final Failure failure;

	private final Runnable windowOpened;

	private final ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean draining = new AtomicBoolean();

	private final AtomicLong responseBytes = new AtomicLong();

	private final AtomicLong messageBytes = new AtomicLong();

	/** The close of the session, once the writer is closed, until a thread that is not writing runs it. */
	private final AtomicReference<@Nullable Runnable> closeSession = new AtomicReference<>();

	/** Held to switch batching on, and to close: batching is never switched on after the writer closed. */
	private final Object batchSwitch = new Object();

	private volatile boolean closed;

	private volatile boolean answersFirst;

	ConnectionWriter(RemoteEndpoint.Basic remote, long maxPendingBytes, Failure failure, Runnable windowOpened) {
		this.remote = remote;
		this.maxPendingBytes = maxPendingBytes;
		this.failure = failure;
		this.windowOpened = windowOpened;
	}

	/** Writes a response or push; past the limit of unread ones the connection fails as not reading. */
	void respond(ByteBuffer[] frames) {
		long bytes = add(frames, false, NOTHING, NOTHING);
		if (bytes >= 0 && this.responseBytes.addAndGet(bytes) > this.maxPendingBytes) {
			fail(new IOException("client is not reading: more than " + this.maxPendingBytes
					+ " bytes of responses are waiting (the max-pending-outbound-bytes limit)"));
			return;
		}
		drain();
	}

	/**
	 * Writes a queue message answering one of the connection's receives; it counts towards the window at once and
	 * never towards the unread limit.
	 * @param writer where the write runs: another connection's thread hands it to the delivery executor so that a
	 * consumer that does not read never blocks the producer
	 */
	void deliver(ByteBuffer[] frames, Runnable onWritten, Runnable onUndelivered, Executor writer) {
		long bytes = add(frames, true, onWritten, onUndelivered);
		if (bytes >= 0) {
			this.messageBytes.addAndGet(bytes);
			try {
				writer.execute(this::drain);
			}
			catch (RejectedExecutionException ex) {
				// the server is stopping: write here rather than strand the message
				drain();
			}
		}
	}

	/** Whether another message may be handed to this connection now. */
	boolean hasRoom() {
		return !this.closed && this.messageBytes.get() < this.maxPendingBytes;
	}

	/**
	 * Stops writing and hands every unwritten message back; no batch starts after this returns. The session is closed
	 * by {@code closeSession}, run here if nothing is being written, else by the writing thread once its batch has
	 * gone out whole: Tomcat's close switches batching off before its flush takes the write lock, so a frame of ours
	 * written after it began could go ahead of the part of a frame still in the buffer.
	 * @param answersFirst whether the responses still waiting are written before the close: for a close of ours to a
	 * client that reads, whose earlier requests took effect and must not be reported lost
	 */
	void close(Runnable closeSession, boolean answersFirst) {
		markClosed();
		this.answersFirst = answersFirst;
		this.closeSession.set(closeSession);
		drain();
	}

	private long add(ByteBuffer[] frames, boolean message, Runnable onWritten, Runnable onUndelivered) {
		if (this.closed) {
			onUndelivered.run();
			return -1;
		}
		long bytes = 0;
		for (ByteBuffer frame : frames) {
			bytes += frame.remaining();
		}
		this.pending.add(new Pending(frames, bytes, message, onWritten, onUndelivered));
		return bytes;
	}

	/**
	 * Writes or, once closed, hands back what is pending and runs the session's close. The queue is checked again after
	 * the flag is released, so a message added, or a close asked for, while another thread held it is never stranded;
	 * a callback that throws (the failure's, the close) is rethrown only after that.
	 */
	private void drain() {
		Throwable thrown = null;
		while ((!this.pending.isEmpty() || this.closeSession.get() != null) && this.draining.compareAndSet(false, true)) {
			try {
				if (this.closed) {
					finishClose();
				}
				else {
					writePending();
				}
			}
			catch (RuntimeException | Error ex) {
				// the writer is closed by now: go round once more to hand back what came meanwhile and close
				thrown = (thrown != null) ? thrown : ex;
			}
			finally {
				this.draining.set(false);
			}
		}
		if (thrown instanceof Error error) {
			throw error;
		}
		if (thrown instanceof RuntimeException runtime) {
			throw runtime;
		}
	}

	/**
	 * Hands back what is pending and runs the session's close, if one is due; before a close of ours to a client that
	 * reads, the responses still waiting are written first (the messages still go back: their receives end with the
	 * connection).
	 */
	private void finishClose() {
		Runnable close = this.closeSession.getAndSet(null);
		returnPending(close != null && this.answersFirst);
		if (close != null) {
			close.run();
		}
	}

	/**
	 * Writes what is pending in batches: the frames of up to {@value #BATCH} messages go out in one socket write
	 * (Tomcat flushes a batch when its buffer fills, and at the end of each batch, so an automatic pong waits at most
	 * for the batch it fell into). A message counts as written once its batch is flushed.
	 *
	 * <p>
	 * The batch is flushed while batching is still on, and only then is batching switched off. Switched off first,
	 * Tomcat would let a control frame that another thread writes meanwhile (its pong, our ping, a close) go straight
	 * to the socket, ahead of the part of a frame still in its buffer, and corrupt the stream.
	 */
	private void writePending() {
		List<Pending> batch = new ArrayList<>();
		while (!this.pending.isEmpty()) {
			boolean flushed = false;
			try {
				if (!startBatch()) {
					return;
				}
				Pending message;
				while (batch.size() < BATCH && !this.closed && (message = this.pending.poll()) != null) {
					batch.add(message);
					for (ByteBuffer frame : message.frames()) {
						this.remote.sendBinary(frame);
					}
				}
				this.remote.flushBatch();
				flushed = true;
				this.remote.setBatchingAllowed(false);
			}
			catch (Throwable ex) {
				if (flushed) {
					// the batch went out whole; only switching batching off failed
					batch.forEach(this::written);
					batch.clear();
				}
				failed(batch, ex);
				if (ex instanceof Error error) {
					throw error;
				}
				return;
			}
			batch.forEach(this::written);
			batch.clear();
		}
	}

	/**
	 * Hands back the messages of a failed batch and those still waiting, and reports the failure: each message goes
	 * back to the head of its queue, the newer ones that waited first, then the batch, newest first, so that the
	 * queue holds them in the order they were taken.
	 */
	private void failed(List<Pending> batch, Throwable cause) {
		markClosed();
		try {
			// first, so that the connection's own parked receives leave their queues before its messages go back
			this.failure.failed(cause);
		}
		finally {
			returnPending();
			for (int i = batch.size() - 1; i >= 0; i--) {
				uncount(batch.get(i));
				handBack(batch.get(i).onUndelivered());
			}
		}
	}

	/** Switches batching on for the next batch, unless the writer is closed. */
	private boolean startBatch() throws IOException {
		synchronized (this.batchSwitch) {
			if (this.closed) {
				return false;
			}
			this.remote.setBatchingAllowed(true);
			return true;
		}
	}

	private void markClosed() {
		synchronized (this.batchSwitch) {
			this.closed = true;
		}
	}

	private void written(Pending message) {
		if (!message.message()) {
			this.responseBytes.addAndGet(-message.bytes());
			return;
		}
		long left = this.messageBytes.addAndGet(-message.bytes());
		try {
			message.onWritten().run();
			if (left < this.maxPendingBytes && left + message.bytes() >= this.maxPendingBytes) {
				this.windowOpened.run();
			}
		}
		catch (RuntimeException ex) {
			logger.error("Bookkeeping after a write failed", ex);
		}
	}

	/** Hands back the unwritten messages, the oldest last, so that each returns to the head of its queue in order. */
	private void returnPending() {
		returnPending(false);
	}

	/**
	 * Hands back the unwritten messages as {@link #returnPending()} does; with {@code writeAnswers}, the responses
	 * waiting among them are written first, in order, until one fails.
	 */
	private void returnPending(boolean writeAnswers) {
		List<Runnable> undelivered = new ArrayList<>();
		boolean writing = writeAnswers;
		Pending message;
		while ((message = this.pending.poll()) != null) {
			uncount(message);
			if (writing && !message.message()) {
				writing = writeAnswer(message);
			}
			else {
				undelivered.add(message.onUndelivered());
			}
		}
		Collections.reverse(undelivered);
		undelivered.forEach(ConnectionWriter::handBack);
	}

	private boolean writeAnswer(Pending answer) {
		try {
			for (ByteBuffer frame : answer.frames()) {
				this.remote.sendBinary(frame);
			}
			return true;
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("An answer written before a close failed", ex);
			return false;
		}
	}

	/** Runs an {@code onUndelivered} callback; one that fails does not keep the others from running. */
	private static void handBack(Runnable onUndelivered) {
		try {
			onUndelivered.run();
		}
		catch (RuntimeException ex) {
			logger.error("Handing an unwritten message back to its queue failed", ex);
		}
	}

	private void uncount(Pending message) {
		(message.message() ? this.messageBytes : this.responseBytes).addAndGet(-message.bytes());
	}

	private void fail(IOException cause) {
		markClosed();
		this.failure.failed(cause);
		drain();
	}

}
