package io.roomqueues.client;

import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a {@link RoomClient} completes its callers' futures: never the thread that reads the connection. Unless the
 * application gives its own executor, a fork-join pool of the client's own, because a callback that blocks on
 * another future of the client ({@code join()}, {@code get()}) is then compensated with a new thread instead of
 * starving the pool. A task the executor refuses runs on a thread of its own, so that no completion, deadline or
 * poll is ever lost.
 */
final class CallbackExecutor implements Executor {

	private static final Logger logger = LoggerFactory.getLogger(CallbackExecutor.class);

	private final AtomicBoolean overflowWarned = new AtomicBoolean();

	private final Executor executor;

	private final @Nullable ForkJoinPool own;

	CallbackExecutor(@Nullable Executor given, String threadPrefix) {
		if (given != null) {
			this.executor = given;
			this.own = null;
		}
		else {
			AtomicInteger count = new AtomicInteger();
			ForkJoinPool pool = new ForkJoinPool(Math.max(2, Runtime.getRuntime().availableProcessors()), (forkJoin) -> {
				ForkJoinWorkerThread thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(forkJoin);
				thread.setName(threadPrefix + count.incrementAndGet());
				thread.setDaemon(true);
				return thread;
			}, null, true);
			this.executor = pool;
			this.own = pool;
		}
	}

	/** Runs the task on the executor; if it refuses, on a thread of its own, never on the caller's thread. */
	@Override
	public void execute(Runnable task) {
		try {
			this.executor.execute(task);
		}
		catch (RejectedExecutionException ex) {
			if (this.own == null && this.overflowWarned.compareAndSet(false, true)) {
				logger.warn("The callback executor refused a task; it runs on a thread of its own instead. "
						+ "Give the room client an executor that does not reject: {}", ex.getMessage());
			}
			Thread thread = new Thread(task, "room-client-callback-overflow");
			thread.setDaemon(true);
			thread.start();
		}
	}

	/** Lets the tasks already given run, then ends the client's own threads. */
	void shutdown() {
		if (this.own != null) {
			this.own.shutdown();
		}
	}

	/** Daemon threads with a name. */
	static ThreadFactory daemonThreads(String name) {
		return (task) -> {
			Thread thread = new Thread(task, name);
			thread.setDaemon(true);
			return thread;
		};
	}

}
