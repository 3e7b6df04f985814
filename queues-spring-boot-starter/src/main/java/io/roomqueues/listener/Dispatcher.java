package io.roomqueues.listener;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Hands received messages to the executor listeners run on: the shared one of the application, or a pool of the
 * container's own with a thread per slot. It is always a hand-off: the thread that hands over is
 * the room client's, and a listener run there would stall the client, so a task the executor runs on the calling
 * thread (a caller-runs policy) is refused like a rejected one. A refused hand-off keeps the message in its slot and
 * is tried again with backoff.
 */
final class Dispatcher {

	private static final Logger logger = LoggerFactory.getLogger(Dispatcher.class);

	private static final long INITIAL_DELAY_MILLIS = 20;

	private static final long MAX_DELAY_MILLIS = 2_000;

	private static final ThreadLocal<Boolean> handingOff = new ThreadLocal<>();

	private final String listenerId;

	private final @Nullable Executor shared;

	private volatile Executor executor = (task) -> {
		throw new RejectedExecutionException("the container has not started");
	};

	private @Nullable ExecutorService own;

	/**
	 * @param shared the executor of every container, or {@code null} for a pool of this container's own
	 */
	Dispatcher(String listenerId, @Nullable Executor shared) {
		this.listenerId = listenerId;
		this.shared = shared;
	}

	/** Readies the executor for a container that starts; a pool of its own keeps running through a failure. */
	synchronized void start(int concurrency) {
		if (this.shared != null) {
			this.executor = this.shared;
		}
		else if (this.own == null) {
			CustomizableThreadFactory threads = new CustomizableThreadFactory(this.listenerId + "-");
			// a listener stuck past the shutdown timeout must not keep the JVM from exiting
			threads.setDaemon(true);
			ExecutorService pool = Executors.newFixedThreadPool(concurrency, threads);
			this.own = pool;
			this.executor = pool;
		}
	}

	/** Ends the pool of the container's own, once the container stopped. */
	synchronized void stop() {
		if (this.own != null) {
			this.own.shutdownNow();
			this.own = null;
		}
	}

	/**
	 * Hands a task over, now or after a backoff if the executor refuses it.
	 * @param wanted checked before every try: whether the task is still wanted (its message still held)
	 */
	void dispatch(Runnable task, BooleanSupplier wanted) {
		attempt(task, wanted, 0);
	}

	private void attempt(Runnable task, BooleanSupplier wanted, int refusals) {
		if (!wanted.getAsBoolean()) {
			return;
		}
		String refusal = handOff(task);
		if (refusal == null) {
			if (refusals > 0) {
				logger.info("Listener '{}' handed its message to the executor after {} refusal(s)", this.listenerId,
						refusals);
			}
			return;
		}
		long delay = Math.min(MAX_DELAY_MILLIS, INITIAL_DELAY_MILLIS << Math.min(refusals, 16));
		if (refusals == 0) {
			logger.warn("Listener '{}' could not hand a message to its executor ({}); the message is kept and handed "
					+ "over again with backoff", this.listenerId, refusal);
		}
		CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS)
			.execute(() -> attempt(task, wanted, refusals + 1));
	}

	/** Hands the task over; the reason it was refused, or {@code null}. */
	private @Nullable String handOff(Runnable task) {
		AtomicBoolean ranHere = new AtomicBoolean();
		Runnable guarded = () -> {
			if (Boolean.TRUE.equals(handingOff.get())) {
				ranHere.set(true);
				return;
			}
			task.run();
		};
		handingOff.set(Boolean.TRUE);
		try {
			this.executor.execute(guarded);
		}
		catch (RuntimeException ex) {
			return "rejected: " + ex.getMessage();
		}
		finally {
			handingOff.remove();
		}
		return ranHere.get() ? "it ran the task on the handing thread, as a caller-runs policy does" : null;
	}

}
