package io.roomqueues.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Renders the report suite's results as markdown: the run's facts, throughput and latency against the same run's
 * ceiling, the targets of issue 11 with what was measured, and server memory.
 */
final class ReportTables {

	/** What the run was: where, on what, how long, with which command. */
	record RunInfo(String date, String commit, String jvm, int cores, String command, String loadStart,
			String loadEnd, double totalSeconds, String jsVersion, int warmup, int measure, int repeats,
			List<String> problems) {
	}

	private final Results results;

	private final List<MemoryMode.Sample> memory;

	private final List<String> prototypes;

	private final List<Integer> windows;

	private final StringBuilder out = new StringBuilder();

	private ReportTables(Results results, List<MemoryMode.Sample> memory, List<String> prototypes,
			List<Integer> windows) {
		this.results = results;
		this.memory = memory;
		this.prototypes = prototypes;
		this.windows = windows;
	}

	static String render(RunInfo info, Results results, List<MemoryMode.Sample> memory, List<String> prototypes,
			List<Integer> windows) {
		ReportTables tables = new ReportTables(results, memory, prototypes, windows);
		tables.facts(info);
		tables.throughput();
		tables.out.append(PrototypeTable.render(results, prototypes, windows));
		tables.targets();
		tables.memory();
		tables.problems(info);
		return tables.out.toString();
	}

	/** The ceiling window a row is divided by: 1 for one request in flight, 16 up to 16, else 256. */
	static int ceilingWindow(int inFlight) {
		return (inFlight <= 1) ? 1 : (inFlight <= 16) ? 16 : 256;
	}

	private void facts(RunInfo info) {
		line("Run of " + info.date() + ", commit `" + info.commit() + "`, " + info.jvm() + " (client, server and echo "
				+ "server), MeshAgent JS client " + info.jsVersion() + ". **" + info.cores() + " cores, shared by "
				+ "the client (the bench JVM, or node for the JS rows) and the server** (and by anything else running: "
				+ "CPU column, \"o\"). Load average " + info.loadStart() + " at the start, " + info.loadEnd()
				+ " at the end; " + String.format(Locale.ROOT, "%.0f s", info.totalSeconds()) + " in all.");
		line("");
		line("Command: `" + info.command() + "`. Per figure: " + info.warmup() + " s warm-up then " + info.measure()
				+ " s measured, " + info.repeats() + " repeats; **median (min-max)** of the repeats; the ratio is the "
				+ "median's to the same run's ceiling median at the same number in flight (1 → w1, ≤ 16 → w16, "
				+ "more → w256), with the range of the per-repeat ratios.");
		line("");
	}

	private void throughput() {
		line("| what | conn. | in flight | msg/s | × ceiling | p50 / p99 / p99.9 µs | CPU client / server / other | CPU µs per msg (client + server) |");
		line("| --- | --- | --- | --- | --- | --- | --- | --- |");
		for (int window : this.windows) {
			rateRow("ceiling: raw JDK WebSocket ↔ Tomcat echo, 2 frames/msg", CeilingMode.MODE, "jdk", 1, window);
		}
		List<String> transports = new ArrayList<>(List.of("jdk"));
		transports.addAll(this.prototypes);
		for (String mode : List.of(SendMode.MODE, ReceiveMode.MODE)) {
			for (String transport : transports) {
				for (int window : this.windows) {
					rateRow("our client: " + mode + variant(transport), mode, transport, 1, window);
				}
			}
		}
		for (String mode : List.of(SendMode.MODE, ReceiveMode.MODE)) {
			for (int connections : ReportSuite.CONNECTIONS) {
				rateRow("our client: " + mode + ", " + connections + " connections", mode, "jdk", connections,
						ReportSuite.SPREAD_WINDOW);
			}
		}
		for (String transport : transports) {
			rateRow("our client: " + ParkedLatencyMode.MODE_ONE + " (rounds/s)" + variant(transport),
					ParkedLatencyMode.MODE_ONE, transport, 1, 1);
			rateRow("our client: " + ParkedLatencyMode.MODE_TWO + " (rounds/s)" + variant(transport),
					ParkedLatencyMode.MODE_TWO, transport, 2, 1);
		}
		for (String mode : List.of(MeshAgentJsMode.SEND, MeshAgentJsMode.RECEIVE)) {
			for (int window : this.windows) {
				rateRow(mode, mode, "js", 1, window);
			}
		}
		for (String mode : List.of(ListenerMode.EMPTY, ListenerMode.SEND_TO)) {
			for (int concurrency : ReportSuite.CONCURRENCIES) {
				rateRow(mode + ", concurrency " + concurrency, mode, "jdk", 1, concurrency);
			}
		}
		line("");
		line("Latency is from the call to its future completing; the listener rows have none (pre-filled queue, timed "
				+ "from the container's start to the last message processed). The send → parked receive rows time "
				+ "from the `send` call to the parked receive completing, one round at a time, and their ratio is of "
				+ "**p50 to the ceiling's p50** at 1 in flight (lower is better), not of rates. The JS rows' client CPU is "
				+ "node's own over the measured part; their server CPU includes the warm-up. CPU µs per message = (client + "
				+ "server cores) ÷ rate: what a message costs both processes, which other load on the machine changes less "
				+ "than it changes rates.");
		line("");
	}

	/** How a prototype row is labelled: a transport's name, or what the client option does. */
	private static String variant(String transport) {
		if ("jdk".equals(transport)) {
			return "";
		}
		return Transports.DIRECT_CALLBACKS.equals(transport) ? " (futures completed on the reader thread)"
				: " (" + transport + " transport)";
	}

	private void rateRow(String what, String mode, String transport, int connections, int window) {
		List<Result> runs = this.results.row(mode, transport, connections, window);
		if (runs.isEmpty()) {
			return;
		}
		boolean latencyRatio = mode.startsWith("send → parked");
		List<Result> ceiling = this.results.row(CeilingMode.MODE, "jdk", 1, ceilingWindow(window));
		String ratio = latencyRatio ? ratio(runs, ceiling, (r) -> r.p50, "p50 ")
				: ratio(runs, ceiling, (r) -> r.rate, "");
		String inFlight = mode.startsWith("@QueueListener") ? "≤ " + window : Integer.toString(window);
		line("| " + what + " | " + connections + " | " + inFlight + " | " + spread(runs, (r) -> r.rate) + " | " + ratio
				+ " | " + micros(runs, (r) -> r.p50) + " / " + micros(runs, (r) -> r.p99) + " / "
				+ micros(runs, (r) -> r.p999) + " | "
				+ cores(Results.median(runs, (r) -> r.clientCores)) + " / " + cores(Results.median(runs, (r) -> r.serverCores))
				+ " / " + cores(Results.median(runs, (r) -> r.otherCores)) + " | "
				+ cpuPerMessage(runs) + " |");
	}

	/** The ratio of the medians, and the range of the per-repeat ratios. */
	private static String ratio(List<Result> runs, List<Result> base, ToDoubleFunction<Result> value, String prefix) {
		double median = Results.median(runs, value) / Results.median(base, value);
		if (Double.isNaN(median)) {
			return "-";
		}
		List<Double> perRepeat = new ArrayList<>();
		for (Result run : runs) {
			base.stream()
				.filter((b) -> b.repeat == run.repeat)
				.findFirst()
				.ifPresent((b) -> perRepeat.add(value.applyAsDouble(run) / value.applyAsDouble(b)));
		}
		double[] sorted = Results.sorted(perRepeat.stream().mapToDouble(Double::doubleValue).toArray());
		String range = (sorted.length > 0)
				? String.format(Locale.ROOT, " (%.2f-%.2f)", sorted[0], sorted[sorted.length - 1]) : "";
		return String.format(Locale.ROOT, "%s**%.2f**%s", prefix, median, range);
	}

	private void targets() {
		line("**Targets** (issue 11; measured, never asserted in tests):");
		line("");
		line("| target | measured (median; per-repeat range) | met |");
		line("| --- | --- | --- |");
		for (String mode : List.of(SendMode.MODE, ReceiveMode.MODE)) {
			for (int window : List.of(16, 256)) {
				ratioTarget("pipelined " + mode + " w" + window + " ≥ 0.90 × ceiling w" + window,
						this.results.row(mode, "jdk", 1, window), this.results.row(CeilingMode.MODE, "jdk", 1, window),
						(r) -> r.rate, 0.90, true);
			}
		}
		for (String mode : List.of(SendMode.MODE, ReceiveMode.MODE)) {
			for (int window : List.of(16, 256)) {
				cpuRatio("pipelined " + mode + " w" + window + ": CPU per message ≤ 1.11 × the ceiling's (the same target "
						+ "seen through CPU cost, which other load changes less)", this.results.row(mode, "jdk", 1, window),
						this.results.row(CeilingMode.MODE, "jdk", 1, window));
			}
		}
		for (String mode : List.of(ParkedLatencyMode.MODE_ONE, ParkedLatencyMode.MODE_TWO)) {
			ratioTarget("one-at-a-time " + mode + ": p50 ≤ 1.3 × ceiling w1 p50",
					this.results.row(mode, "jdk", mode.equals(ParkedLatencyMode.MODE_ONE) ? 1 : 2, 1),
					this.results.row(CeilingMode.MODE, "jdk", 1, 1), (r) -> r.p50, 1.3, false);
		}
		for (String[] pair : new String[][] { { SendMode.MODE, MeshAgentJsMode.SEND },
				{ ReceiveMode.MODE, MeshAgentJsMode.RECEIVE } }) {
			for (int window : this.windows) {
				ratioTarget("our " + pair[0] + " w" + window + " ≥ 15 × MeshAgent JS " + pair[0] + " w" + window,
						this.results.row(pair[0], "jdk", 1, window), this.results.row(pair[1], "js", 1, window),
						(r) -> r.rate, 15, true);
			}
		}
		for (int window : List.of(16, 256)) {
			ratioTarget("@QueueListener concurrency 8 ≥ 0.60 × our receive w" + window,
					this.results.row(ListenerMode.EMPTY, "jdk", 1, 8), this.results.row(ReceiveMode.MODE, "jdk", 1, window),
					(r) -> r.rate, 0.60, true);
		}
		if (!this.memory.isEmpty()) {
			double[] perMessage = this.memory.stream().mapToDouble((s) -> s.bytesPerMessage() / s.jsonBytes()).toArray();
			double[] perParked = this.memory.stream().mapToDouble(MemoryMode.Sample::bytesPerParked).toArray();
			target("server heap per queued message ≤ 2 × its JSON size", perMessage, 2, "× JSON");
			target("server heap per parked receive ≤ 1 KiB (1024 B)", perParked, 1024, "B");
		}
		line("");
	}

	private void ratioTarget(String what, List<Result> runs, List<Result> base, ToDoubleFunction<Result> value,
			double goal, boolean atLeast) {
		if (runs.isEmpty() || base.isEmpty()) {
			return;
		}
		double median = Results.median(runs, value) / Results.median(base, value);
		String text = ratio(runs, base, value, "");
		boolean met = atLeast ? median >= goal : median <= goal;
		line("| " + what + " | " + text + " | " + (met ? "yes" : "**no**") + " |");
	}

	/** CPU per message of a row over the ceiling's, per repeat; met when the median is at most 1 ÷ 0.9. */
	private void cpuRatio(String what, List<Result> runs, List<Result> ceiling) {
		if (runs.isEmpty() || ceiling.isEmpty()) {
			return;
		}
		double median = Results.median(runs, ReportTables::cpuMicrosPerMessage)
				/ Results.median(ceiling, ReportTables::cpuMicrosPerMessage);
		String text = ratio(runs, ceiling, ReportTables::cpuMicrosPerMessage, "");
		line("| " + what + " | " + text + " | " + ((median <= 1 / 0.9) ? "yes" : "**no**") + " |");
	}

	private void target(String what, double[] values, double limit, String unit) {
		double[] sorted = Results.sorted(values);
		double median = Results.median(sorted);
		line(String.format(Locale.ROOT, "| %s | **%,.2f** %s (%,.2f-%,.2f) | %s |", what, median, unit, sorted[0],
				sorted[sorted.length - 1], (median <= limit) ? "yes" : "**no**"));
	}

	private void memory() {
		if (this.memory.isEmpty()) {
			return;
		}
		MemoryMode.Sample last = this.memory.get(this.memory.size() - 1);
		double[] perMessage = Results.sorted(this.memory.stream().mapToDouble(MemoryMode.Sample::bytesPerMessage).toArray());
		double[] perParked = Results.sorted(this.memory.stream().mapToDouble(MemoryMode.Sample::bytesPerParked).toArray());
		line("**Server memory** (a room server process of its own; live heap from `jcmd <pid> GC.class_histogram`, "
				+ "which runs a full GC first, before and after; " + this.memory.size() + " repeats):");
		line("");
		line("| what | live heap per item | JSON size | largest growth per item (last repeat) |");
		line("| --- | --- | --- | --- |");
		line(String.format(Locale.ROOT, "| queued message | **%,.0f B** (%,.0f-%,.0f) | %.1f B | %s |",
				Results.median(perMessage), perMessage[0], perMessage[perMessage.length - 1], last.jsonBytes(),
				classes(last.messageClasses(), last.messages())));
		line(String.format(Locale.ROOT, "| parked receive | **%,.0f B** (%,.0f-%,.0f) | - | %s |",
				Results.median(perParked), perParked[0], perParked[perParked.length - 1],
				classes(last.parkedClasses(), last.parked())));
		line("");
	}

	private static String classes(List<ClassHistogram.Delta> deltas, int count) {
		List<String> parts = new ArrayList<>();
		for (ClassHistogram.Delta delta : deltas.subList(0, Math.min(5, deltas.size()))) {
			String name = simpleName(delta.className());
			parts.add(String.format(Locale.ROOT, "`%s` %.0f B (%.1f obj)", name, delta.bytes() / (double) count,
					delta.instances() / (double) count));
		}
		return String.join(", ", parts);
	}

	/** {@code java.lang.String} → {@code String}, {@code [B} → {@code byte[]}, {@code [Ljava.util.HashMap$Node;} → {@code HashMap$Node[]}. */
	static String simpleName(String className) {
		if (className.equals("[B")) {
			return "byte[]";
		}
		if (className.startsWith("[L") && className.endsWith(";")) {
			return simpleName(className.substring(2, className.length() - 1)) + "[]";
		}
		return className.substring(className.lastIndexOf('.') + 1);
	}

	private void problems(RunInfo info) {
		line("Correctness checks of this run (every figure's requests completed, no message lost or duplicated, queue "
				+ "sizes match what was acknowledged): " + (info.problems().isEmpty() ? "**no problem found**."
						: "**" + info.problems().size() + " problem(s)**: " + String.join("; ", info.problems())));
	}

	private static String spread(List<Result> runs, ToDoubleFunction<Result> value) {
		double[] sorted = Results.sorted(runs.stream().mapToDouble(value).toArray());
		if (sorted.length == 0) {
			return "-";
		}
		return String.format(Locale.ROOT, "**%,.0f** (%,.0f-%,.0f)", Results.median(sorted), sorted[0],
				sorted[sorted.length - 1]);
	}

	/** CPU time of client and server per message, in µs: less sensitive than rates to what else the machine runs. */
	static double cpuMicrosPerMessage(Result run) {
		return (run.rate > 0) ? (run.clientCores + run.serverCores) / run.rate * 1e6 : Double.NaN;
	}

	private static String cpuPerMessage(List<Result> runs) {
		double[] sorted = Results.sorted(runs.stream().mapToDouble(ReportTables::cpuMicrosPerMessage).toArray());
		if (sorted.length == 0) {
			return "-";
		}
		return String.format(Locale.ROOT, "%.1f (%.1f-%.1f)", Results.median(sorted), sorted[0], sorted[sorted.length - 1]);
	}

	private static String cores(double value) {
		return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.2f", value);
	}

	private static String micros(List<Result> runs, ToDoubleFunction<Result> value) {
		double median = Results.median(runs, value);
		if (Double.isNaN(median)) {
			return "-";
		}
		if (median >= 10_000) {
			return String.format(Locale.ROOT, "%,.0f", median);
		}
		return String.format(Locale.ROOT, (median >= 100) ? "%.0f" : "%.1f", median);
	}

	private void line(String text) {
		this.out.append(text).append('\n');
	}

}
