package io.roomqueues.bench;

import java.util.Arrays;

/** Request latencies recorded from any thread, read back sorted for percentiles. */
final class LatencyRecorder {

	private long[] latencies = new long[1 << 16];

	private int count;

	synchronized void record(long nanos) {
		if (this.count == this.latencies.length) {
			this.latencies = Arrays.copyOf(this.latencies, this.count * 2);
		}
		this.latencies[this.count++] = nanos;
	}

	/** The latencies recorded so far, in nanoseconds, ascending. */
	synchronized long[] sorted() {
		long[] sorted = Arrays.copyOf(this.latencies, this.count);
		Arrays.sort(sorted);
		return sorted;
	}

	/** The {@code p} percentile (0..1) of ascending latencies, in microseconds; NaN when there are none. */
	static double percentileMicros(long[] sorted, double p) {
		if (sorted.length == 0) {
			return Double.NaN;
		}
		int index = (int) Math.ceil(p * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1000.0;
	}

}
