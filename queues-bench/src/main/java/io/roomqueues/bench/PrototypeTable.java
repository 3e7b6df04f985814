package io.roomqueues.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Each prototype beside the default client in the same run: rate, p50 and CPU per message of every row both have,
 * with the prototype's rate as a multiple of the default's (per repeat, since the two ran minutes apart at most).
 */
final class PrototypeTable {

	private PrototypeTable() {
	}

	static String render(Results results, List<String> prototypes, List<Integer> windows) {
		StringBuilder out = new StringBuilder();
		for (String prototype : prototypes) {
			out.append("**`").append(prototype).append("` beside the default client** (same run; ratio = ")
				.append(prototype).append(" ÷ default, median of the per-repeat ratios with their range):\n\n");
			out.append("| row | default msg/s | ").append(prototype).append(" msg/s | ratio | p50 µs default / ")
				.append(prototype).append(" | CPU µs per msg default / ").append(prototype).append(" |\n");
			out.append("| --- | --- | --- | --- | --- | --- |\n");
			List<String[]> rows = new ArrayList<>();
			for (String mode : List.of(SendMode.MODE, ReceiveMode.MODE)) {
				for (int window : windows) {
					rows.add(new String[] { mode + " w" + window, mode, "1", Integer.toString(window) });
				}
			}
			rows.add(new String[] { ParkedLatencyMode.MODE_ONE, ParkedLatencyMode.MODE_ONE, "1", "1" });
			rows.add(new String[] { ParkedLatencyMode.MODE_TWO, ParkedLatencyMode.MODE_TWO, "2", "1" });
			for (String[] row : rows) {
				int connections = Integer.parseInt(row[2]);
				int window = Integer.parseInt(row[3]);
				List<Result> base = results.row(row[1], "jdk", connections, window);
				List<Result> other = results.row(row[1], prototype, connections, window);
				if (base.isEmpty() || other.isEmpty()) {
					continue;
				}
				out.append("| ").append(row[0]).append(" | ")
					.append(number(Results.median(base, (r) -> r.rate))).append(" | ")
					.append(number(Results.median(other, (r) -> r.rate))).append(" | ")
					.append(ratio(other, base, (r) -> r.rate)).append(" | ")
					.append(micros(Results.median(base, (r) -> r.p50))).append(" / ")
					.append(micros(Results.median(other, (r) -> r.p50))).append(" | ")
					.append(micros(Results.median(base, ReportTables::cpuMicrosPerMessage))).append(" / ")
					.append(micros(Results.median(other, ReportTables::cpuMicrosPerMessage))).append(" |\n");
			}
			out.append('\n');
		}
		return out.toString();
	}

	private static String ratio(List<Result> runs, List<Result> base, ToDoubleFunction<Result> value) {
		List<Double> perRepeat = new ArrayList<>();
		for (Result run : runs) {
			base.stream()
				.filter((b) -> b.repeat == run.repeat)
				.findFirst()
				.ifPresent((b) -> perRepeat.add(value.applyAsDouble(run) / value.applyAsDouble(b)));
		}
		double[] sorted = Results.sorted(perRepeat.stream().mapToDouble(Double::doubleValue).toArray());
		if (sorted.length == 0) {
			return "-";
		}
		return String.format(Locale.ROOT, "**%.2f** (%.2f-%.2f)", Results.median(sorted), sorted[0],
				sorted[sorted.length - 1]);
	}

	private static String number(double value) {
		return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%,.0f", value);
	}

	private static String micros(double value) {
		return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, (value >= 100) ? "%,.0f" : "%.1f", value);
	}

}
