package io.roomqueues.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** Renders the results as markdown: medians of the repeats, min-max, and the ratio of each transport to the first. */
final class Tables {

	private Tables() {
	}

	static String render(List<Result> results, List<String> transports) {
		Map<String, Map<String, List<Result>>> byMode = new LinkedHashMap<>();
		for (Result result : results) {
			String key = result.mode + "|" + result.window;
			byMode.computeIfAbsent(key, (k) -> new LinkedHashMap<>())
				.computeIfAbsent(result.transport, (t) -> new ArrayList<>())
				.add(result);
		}
		String base = transports.get(0);
		StringBuilder out = new StringBuilder();
		out.append("Rates: completed requests per second over the measured interval, median of the repeats (min-max).\n");
		out.append("Latency: from the `send`/`receive` call to its future completing, medians of the repeats' percentiles, in µs.\n");
		out.append("CPU: cores used during the measured interval by the client / the server / other processes (noise), medians.\n\n");
		out.append("| mode | window |");
		for (String transport : transports) {
			out.append(' ').append(transport).append(" req/s |");
		}
		for (String transport : transports.subList(1, transports.size())) {
			out.append(' ').append(transport).append('/').append(base).append(" (median; per-pair range) |");
		}
		for (String transport : transports) {
			out.append(' ').append(transport).append(" p50 / p99 / p99.9 µs |");
		}
		for (String transport : transports) {
			out.append(' ').append(transport).append(" CPU c/s/o |");
		}
		out.append('\n').append("| --- | --- |");
		out.append(" --- |".repeat(transports.size() * 3 + transports.size() - 1)).append('\n');
		for (Map.Entry<String, Map<String, List<Result>>> entry : byMode.entrySet()) {
			String[] key = entry.getKey().split("\\|");
			Map<String, List<Result>> group = entry.getValue();
			out.append("| ").append(key[0]).append(" | ").append(key[1]).append(" |");
			for (String transport : transports) {
				List<Result> runs = group.getOrDefault(transport, List.of());
				out.append(' ').append(runs.isEmpty() ? "-" : String.format(Locale.ROOT, "**%,.0f** (%,.0f-%,.0f)",
						median(runs, (r) -> r.rate), min(runs, (r) -> r.rate), max(runs, (r) -> r.rate)))
					.append(" |");
			}
			List<Result> baseRuns = group.getOrDefault(base, List.of());
			for (String transport : transports.subList(1, transports.size())) {
				List<Result> runs = group.getOrDefault(transport, List.of());
				if (runs.isEmpty() || baseRuns.isEmpty()) {
					out.append(" - |");
					continue;
				}
				double ratio = median(runs, (r) -> r.rate) / median(baseRuns, (r) -> r.rate);
				int pairs = Math.min(runs.size(), baseRuns.size());
				double[] perPair = new double[pairs];
				for (int i = 0; i < pairs; i++) {
					perPair[i] = runs.get(i).rate / baseRuns.get(i).rate;
				}
				Arrays.sort(perPair);
				out.append(String.format(Locale.ROOT, " **%.2f** (%.2f-%.2f) |", ratio, perPair[0], perPair[pairs - 1]));
			}
			for (String transport : transports) {
				List<Result> runs = group.getOrDefault(transport, List.of());
				out.append(' ').append(runs.isEmpty() ? "-" : String.format(Locale.ROOT, "%s / %s / %s",
						micros(median(runs, (r) -> r.p50)), micros(median(runs, (r) -> r.p99)),
						micros(median(runs, (r) -> r.p999))))
					.append(" |");
			}
			for (String transport : transports) {
				List<Result> runs = group.getOrDefault(transport, List.of());
				out.append(' ').append(runs.isEmpty() ? "-" : String.format(Locale.ROOT, "%.2f / %.2f / %.2f",
						median(runs, (r) -> r.clientCores), median(runs, (r) -> r.serverCores),
						median(runs, (r) -> r.otherCores)))
					.append(" |");
			}
			out.append('\n');
		}
		return out.toString();
	}

	private static String micros(double value) {
		if (Double.isNaN(value)) {
			return "-";
		}
		if (value >= 10_000) {
			return String.format(Locale.ROOT, "%,.0f", value);
		}
		return String.format(Locale.ROOT, (value >= 100) ? "%.0f" : "%.1f", value);
	}

	private static double median(List<Result> runs, ToDoubleFunction<Result> value) {
		double[] values = runs.stream().mapToDouble(value).sorted().toArray();
		int n = values.length;
		return (n % 2 == 1) ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
	}

	private static double min(List<Result> runs, ToDoubleFunction<Result> value) {
		return runs.stream().mapToDouble(value).min().orElse(Double.NaN);
	}

	private static double max(List<Result> runs, ToDoubleFunction<Result> value) {
		return runs.stream().mapToDouble(value).max().orElse(Double.NaN);
	}

}
