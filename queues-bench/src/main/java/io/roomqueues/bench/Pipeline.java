package io.roomqueues.bench;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.roomqueues.client.RoomClient;

/** A window of requests in flight, with completion counts and latencies inside the measured interval. */
final class Pipeline {

	/** How long a window may see no completion at all before the mode is declared hung. */
	static final Duration STALL = Duration.ofSeconds(30);

	private final int window;

	private final Semaphore permits;

	private final long warmEnd;

	private final long measureEnd;

	private final LatencyRecorder latencies = new LatencyRecorder();

	private final RequestFailures failures = new RequestFailures();

	private final CpuUsage cpu;

	private long issued;

	volatile long exhaustedAt;

	private boolean measuring;

	Pipeline(int window, int warmupSeconds, int measureSeconds, ServerProcess server) {
		this.window = window;
		this.permits = new Semaphore(window);
		long now = System.nanoTime();
		this.warmEnd = now + TimeUnit.SECONDS.toNanos(warmupSeconds);
		this.measureEnd = this.warmEnd + TimeUnit.SECONDS.toNanos(measureSeconds);
		this.cpu = new CpuUsage(server);
	}

	/**
	 * Waits for a free slot; false once time is up, the source ran dry, a request failed (the run is then reported
	 * as a problem, and a lost connection would only produce more failures), or nothing completes any more.
	 */
	boolean acquire() throws InterruptedException {
		if (!this.permits.tryAcquire(STALL.toSeconds(), TimeUnit.SECONDS)) {
			this.failures.add("stall: no completion for " + STALL.toSeconds() + " s with " + this.window
					+ " requests in flight");
			return false;
		}
		long now = System.nanoTime();
		if (!this.measuring && now >= this.warmEnd) {
			this.measuring = true;
			this.cpu.start(now);
		}
		if (now >= this.measureEnd || this.exhaustedAt != 0 || this.failures.count() > 0) {
			this.permits.release();
			if (this.measuring) {
				this.cpu.stop(now);
			}
			return false;
		}
		this.issued++;
		return true;
	}

	/**
	 * Starts one request.
	 * @param onSuccess told the result; returns false when the source is empty (a receive answered empty)
	 */
	<T> void issue(Supplier<CompletableFuture<T>> request, Predicate<T> onSuccess) {
		long start = System.nanoTime();
		CompletableFuture<T> future;
		try {
			future = request.get();
		}
		catch (RuntimeException ex) {
			future = CompletableFuture.failedFuture(ex);
		}
		future.whenComplete((value, error) -> {
			long end = System.nanoTime();
			try {
				if (error != null) {
					this.failures.add(String.valueOf(unwrap(error)));
				}
				else if (!onSuccess.test(value)) {
					if (this.exhaustedAt == 0) {
						this.exhaustedAt = end;
					}
				}
				else if (end >= this.warmEnd && end < this.measureEnd
						&& (this.exhaustedAt == 0 || end < this.exhaustedAt)) {
					this.latencies.record(end - start);
				}
			}
			finally {
				this.permits.release();
			}
		});
	}

	boolean exhaustedBeforeMeasure() {
		return this.exhaustedAt != 0 && this.exhaustedAt < this.warmEnd;
	}

	/** Waits for everything in flight and fills in the result. */
	void finish(Result result, RoomClient client) throws InterruptedException {
		finish(result, () -> "client reports " + client.pendingRequests() + " pending, state " + client.state());
	}

	/**
	 * Waits for everything in flight and fills in the result.
	 * @param diagnosis what to say about the connection when requests never complete
	 */
	void finish(Result result, Supplier<String> diagnosis) throws InterruptedException {
		boolean drained = this.permits.tryAcquire(this.window, STALL.toSeconds(), TimeUnit.SECONDS);
		if (!drained) {
			result.lost = this.window - this.permits.availablePermits();
			result.problem(result.lost + " requests never completed within " + STALL.toSeconds()
					+ " s after the run (" + diagnosis.get() + ")");
		}
		long end = (this.exhaustedAt != 0 && this.exhaustedAt < this.measureEnd) ? this.exhaustedAt : this.measureEnd;
		double seconds = Math.max(0, end - this.warmEnd) / 1e9;
		long[] sorted = this.latencies.sorted();
		result.completed = sorted.length;
		result.seconds = seconds;
		result.rate = (seconds > 0) ? sorted.length / seconds : 0;
		result.p50 = LatencyRecorder.percentileMicros(sorted, 0.50);
		result.p99 = LatencyRecorder.percentileMicros(sorted, 0.99);
		result.p999 = LatencyRecorder.percentileMicros(sorted, 0.999);
		result.errors = this.failures.count();
		result.issued = this.issued;
		if (result.errors > 0) {
			result.problem(result.errors + " requests failed; first: " + this.failures.first());
		}
		result.clientCores = this.cpu.clientCores;
		result.serverCores = this.cpu.serverCores;
		result.otherCores = this.cpu.otherCores;
	}

	private static Throwable unwrap(Throwable error) {
		Throwable cause = error;
		while (cause instanceof CompletionException && cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

}
