package io.roomqueues.client;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import io.roomqueues.protocol.Content;
import org.jspecify.annotations.Nullable;

/**
 * The caller waiting for one response: the very future the caller got (so a cancel or {@code orTimeout} on it is
 * seen), how the response content becomes its value, and who hears how the request ended.
 *
 * @param <T> the value the caller gets
 */
final class Waiter<T> {

	private final CompletableFuture<T> future;

	private final Function<Content, T> decoder;

	private final RequestInterceptor.@Nullable Completion completion;

	private final @Nullable AtomicBoolean reported;

	Waiter(CompletableFuture<T> future, Function<Content, T> decoder,
			RequestInterceptor.@Nullable Completion completion) {
		this.future = future;
		this.decoder = decoder;
		this.completion = completion;
		this.reported = (completion != null) ? new AtomicBoolean() : null;
	}

	CompletableFuture<T> future() {
		return this.future;
	}

	boolean isDone() {
		return this.future.isDone();
	}

	/**
	 * Completes the caller's future with the decoded content; a decoder failure completes it exceptionally.
	 * @return false if the caller's future was already completed, by the caller or a timeout, so the content
	 * reached nobody
	 */
	boolean complete(Content content) {
		if (this.future.isDone()) {
			return false;
		}
		report(content, null);
		T value;
		try {
			value = this.decoder.apply(content);
		}
		catch (RuntimeException ex) {
			return this.future.completeExceptionally(ex);
		}
		return this.future.complete(value);
	}

	/** Fails the caller's future; false if it was already completed. */
	boolean fail(Throwable cause) {
		report(null, cause);
		return this.future.completeExceptionally(cause);
	}

	/** Tells the interceptor how the request ended, once. */
	void report(@Nullable Content content, @Nullable Throwable failure) {
		if (this.completion != null && this.reported != null && this.reported.compareAndSet(false, true)) {
			this.completion.completed(content, failure);
		}
	}

}
