package io.roomqueues.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** The measured results of a run, looked up by row (mode, transport, connections, window) and repeat. */
final class Results {

	private final List<Result> all = new ArrayList<>();

	/** Keeps a measured result; a discarded warm-up, or a mode that failed before measuring anything, is left out. */
	synchronized void add(Result result) {
		boolean failed = result.completed == 0 && !result.problems.isEmpty();
		if (result.repeat >= 0 && !failed) {
			this.all.add(result);
		}
	}

	/** The runs of one row, in repeat order. */
	synchronized List<Result> row(String mode, String transport, int connections, int window) {
		return this.all.stream()
			.filter((r) -> r.mode.equals(mode) && r.transport.equals(transport) && r.connections == connections
					&& r.window == window)
			.toList();
	}

	/** One repeat's rate of a row; NaN when it was not measured. */
	double rate(String mode, String transport, int connections, int window, int repeat) {
		return row(mode, transport, connections, window).stream()
			.filter((r) -> r.repeat == repeat)
			.mapToDouble((r) -> r.rate)
			.findFirst()
			.orElse(Double.NaN);
	}

	static double median(List<Result> runs, ToDoubleFunction<Result> value) {
		double[] values = runs.stream().mapToDouble(value).filter((v) -> !Double.isNaN(v)).sorted().toArray();
		return median(values);
	}

	static double median(double[] sorted) {
		int n = sorted.length;
		if (n == 0) {
			return Double.NaN;
		}
		return (n % 2 == 1) ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
	}

	static double[] sorted(double[] values) {
		double[] copy = Arrays.stream(values).filter((v) -> !Double.isNaN(v)).toArray();
		Arrays.sort(copy);
		return copy;
	}

}
