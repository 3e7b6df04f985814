package io.roomqueues.listener;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fills a batch after its first message, which a waiting receive took: takes more with non-waiting receives
 * ({@code wait: false}) until the batch is full, the queue is found empty once the batch wait is over, or the
 * container stops accepting messages. While the wait lasts an empty queue is asked again after a pause that grows
 * from {@value #INITIAL_POLL_MILLIS} to {@value #MAX_POLL_MILLIS} ms. Runs on the room client's threads and a timer,
 * and never blocks: the full batch is handed to the executor.
 */
final class BatchGatherer {

	static final long INITIAL_POLL_MILLIS = 5;

	static final long MAX_POLL_MILLIS = 100;

	private final QueueListenerContainer container;

	private final BatchSettings settings;

	BatchGatherer(QueueListenerContainer container, BatchSettings settings) {
		this.container = container;
		this.settings = settings;
	}

	/** Starts filling the batch a slot holds; the slot hands it over when it ends. */
	void gather(ReceiveSlot slot, Hold batch) {
		new Gathering(slot, batch, System.nanoTime() + this.settings.waitTime().toNanos()).next();
	}

	private final class Gathering {

		private final ReceiveSlot slot;

		private final Hold batch;

		private final long deadline;

		private long poll = INITIAL_POLL_MILLIS;

		Gathering(ReceiveSlot slot, Hold batch, long deadline) {
			this.slot = slot;
			this.batch = batch;
			this.deadline = deadline;
		}

		void next() {
			if (this.batch.receivedCount() >= BatchGatherer.this.settings.size()
					|| !BatchGatherer.this.container.acceptsMessages()) {
				this.slot.endGathering(this.batch);
				return;
			}
			CompletableFuture<@Nullable ObjectNode> receive;
			try {
				receive = BatchGatherer.this.container.tryReceive();
			}
			catch (RuntimeException ex) {
				this.slot.endGathering(this.batch);
				return;
			}
			if (!this.slot.gathering(this.batch, receive)) {
				// a stop took the batch back; whatever this receive still gets goes back below
				receive.cancel(false);
			}
			receive.whenComplete(this::received);
		}

		private void received(@Nullable ObjectNode message, @Nullable Throwable error) {
			if (error != null) {
				// cancelled by a pause or stop, or failed: the batch is what it holds so far
				this.slot.endGathering(this.batch);
				return;
			}
			if (message == null) {
				pauseOrEnd();
				return;
			}
			if (!this.slot.gathered(this.batch, message)) {
				BatchGatherer.this.container.returnToQueue(message);
				this.slot.endGathering(this.batch);
				return;
			}
			next();
		}

		private void pauseOrEnd() {
			long remaining = TimeUnit.NANOSECONDS.toMillis(this.deadline - System.nanoTime());
			if (remaining <= 0) {
				this.slot.endGathering(this.batch);
				return;
			}
			long delay = Math.min(this.poll, remaining);
			this.poll = Math.min(MAX_POLL_MILLIS, this.poll * 2);
			CompletableFuture<@Nullable Object> pause = new CompletableFuture<>();
			if (!this.slot.gathering(this.batch, pause)) {
				return;
			}
			pause.completeOnTimeout(null, delay, TimeUnit.MILLISECONDS).whenComplete((done, cancelled) -> {
				if (cancelled != null) {
					this.slot.endGathering(this.batch);
				}
				else {
					next();
				}
			});
		}

	}

}
