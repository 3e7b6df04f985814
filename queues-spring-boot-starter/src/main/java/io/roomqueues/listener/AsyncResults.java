package io.roomqueues.listener;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

import org.jspecify.annotations.Nullable;

/**
 * Waits for the {@link CompletionStage} an asynchronous listener returns, on the listener's thread, so its slot (and
 * its message) stays held until the work completes and a stop past its timeout can give up on it.
 */
final class AsyncResults {

	private AsyncResults() {
	}

	/**
	 * The value of a listener's result: itself, or what the stage it returned completed with.
	 * @throws Exception the failure the stage completed with, unwrapped, except an {@link InterruptedException},
	 * which stays wrapped in an {@link ExecutionException}: it is the listener's failure, not an interrupt of this
	 * thread
	 * @throws InterruptedException if a stop gave up meanwhile; the stage is then cancelled
	 */
	static @Nullable Object await(@Nullable Object result) throws Exception {
		if (!(result instanceof CompletionStage<?> stage)) {
			return result;
		}
		CompletableFuture<?> future = future(stage);
		try {
			return future.get();
		}
		catch (InterruptedException ex) {
			future.cancel(true);
			throw ex;
		}
		catch (ExecutionException ex) {
			Throwable cause = Failures.unwrap(ex);
			if (cause instanceof InterruptedException) {
				// thrown as itself it would pass for a stop that gave up on the message
				throw ex;
			}
			if (cause instanceof Exception exception) {
				throw exception;
			}
			if (cause instanceof Error error) {
				throw error;
			}
			throw new IllegalStateException("The listener's future failed", cause);
		}
	}

	/** The stage as a future whose {@code get} works: a minimal stage's own {@code get} is unsupported. */
	private static CompletableFuture<?> future(CompletionStage<?> stage) {
		try {
			return stage.toCompletableFuture();
		}
		catch (UnsupportedOperationException ex) {
			return bridge(stage);
		}
	}

	private static CompletableFuture<?> bridge(CompletionStage<?> stage) {
		CompletableFuture<Object> future = new CompletableFuture<>();
		stage.whenComplete((value, failure) -> {
			if (failure != null) {
				future.completeExceptionally(failure);
			}
			else {
				future.complete(value);
			}
		});
		return future;
	}

}
