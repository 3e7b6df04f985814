package io.roomqueues.server;

import java.util.concurrent.atomic.AtomicLong;

import io.roomqueues.protocol.ErrorCodes;
import org.jspecify.annotations.Nullable;

/**
 * A memory budget for the messages a room or the whole server holds, from the send that brought them in until they
 * are written to a consumer or dropped. A room's budget draws on the server's, so a send must fit both.
 */
final class QueuedBytes {

	private final String owner;

	private final String option;

	private final long max;

	private final @Nullable QueuedBytes parent;

	private final AtomicLong used = new AtomicLong();

	/**
	 * Creates a budget.
	 * @param owner what holds the bytes, such as {@code room 'orders'}, for the error text
	 * @param option the command-line option that sets the limit, for the error text
	 * @param max the most bytes held at once
	 * @param parent the budget this one draws on as well, or {@code null}
	 */
	QueuedBytes(String owner, String option, long max, @Nullable QueuedBytes parent) {
		this.owner = owner;
		this.option = option;
		this.max = max;
		this.parent = parent;
	}

	/**
	 * Takes bytes from this budget and its parent, or from neither.
	 * @throws QueueException with code 1008 naming the limit, if the bytes do not fit
	 */
	void reserve(long bytes) {
		long now;
		do {
			now = this.used.get();
			if (now + bytes > this.max) {
				throw new QueueException(ErrorCodes.OPERATION_FAILED,
						this.owner + " holds " + now + " bytes of messages and this one needs " + bytes + " more: over "
								+ this.max + " bytes, the " + this.option + " limit; nothing was added");
			}
		}
		while (!this.used.compareAndSet(now, now + bytes));
		if (this.parent != null) {
			try {
				this.parent.reserve(bytes);
			}
			catch (QueueException ex) {
				this.used.addAndGet(-bytes);
				throw ex;
			}
		}
	}

	/** Gives back bytes of messages that were written or dropped. */
	void release(long bytes) {
		this.used.addAndGet(-bytes);
		if (this.parent != null) {
			this.parent.release(bytes);
		}
	}

	long used() {
		return this.used.get();
	}

}
