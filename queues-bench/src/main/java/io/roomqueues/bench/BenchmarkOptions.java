package io.roomqueues.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** The benchmark's command-line options, with their defaults. */
final class BenchmarkOptions {

	static final String USAGE = "usage: java -jar queues-bench.jar [--suite report|transports|profile] [--server-jar <path>] "
			+ "[--warmup <s>] [--measure <s>] [--repeats <n>] [--windows 1,16,256] [--update BENCHMARKS.md] "
			+ "[--parts " + String.join(",", ReportSuite.PARTS) + "] [--prototypes tomcat-batch,direct-callbacks] [--interop-dir interop] "
			+ "[--memory-messages <n>] [--memory-parked <n>] [--commit <id>] "
			+ "[--transports jdk,tomcat[,tomcat-batch,tomcat-nodelay]] [--recv-messages <n, 0 = skip>] "
			+ "[--recv-warmup <s>] [--jit-warmup <s>] [--recv-window <n>] [--server-log <path>] [--out <path>]";

	/**
	 * {@code report}: the one-run report against the ceiling (default); {@code transports}: JDK vs Tomcat;
	 * {@code profile}: JFR profiles of the client and server paths.
	 */
	String suite = "report";

	Path serverJar = Path.of("queues-server/target/queues-server.jar");

	Path serverLog = Path.of("queues-bench/target/bench-server.log");

	@Nullable Path outFile;

	/** The markdown file whose results section the report suite rewrites. */
	@Nullable Path updateFile;

	Path interopDir = Path.of("interop");

	@Nullable String commit;

	/** Seconds; -1 for the suite's default (report: 1, transports: 3). */
	int warmup = -1;

	/** Seconds; -1 for the suite's default (report: 3, transports: 5). */
	int measure = -1;

	int repeats = 3;

	List<Integer> windows = List.of(1, 16, 256);

	List<String> transports = List.of("jdk", "tomcat");

	List<String> parts = ReportSuite.PARTS;

	/**
	 * Transports (or {@code direct-callbacks}, a client option) measured beside the default one in the report suite's
	 * client rows (prototypes).
	 */
	List<String> prototypes = List.of();

	int memoryMessages = 504_000;

	int memoryParked = 10_000;

	int recvMessages = 300_000;

	int recvWarmup = 1;

	int jitWarmup = 5;

	int recvWindow = 256;

	int warmupSeconds() {
		return (this.warmup >= 0) ? this.warmup : ("report".equals(this.suite) ? 1 : 3);
	}

	int measureSeconds() {
		return (this.measure >= 0) ? this.measure : ("report".equals(this.suite) ? 3 : 5);
	}

	/** @throws IllegalArgumentException with a message for the user when an option is unknown or out of range */
	static BenchmarkOptions parse(String[] args) {
		BenchmarkOptions options = new BenchmarkOptions();
		for (int i = 0; i < args.length; i++) {
			String option = args[i];
			if (!option.startsWith("--")) {
				options.serverJar = Path.of(option);
				continue;
			}
			if ("--help".equals(option)) {
				throw new IllegalArgumentException("queues-bench: the options are");
			}
			if (i + 1 >= args.length) {
				throw new IllegalArgumentException(option + " needs a value");
			}
			String value = args[++i];
			switch (option) {
				case "--suite" -> options.suite = oneOf(option, value, List.of("report", "transports", "profile"));
				case "--server-jar" -> options.serverJar = Path.of(value);
				case "--server-log" -> options.serverLog = Path.of(value);
				case "--out" -> options.outFile = Path.of(value);
				case "--update" -> options.updateFile = Path.of(value);
				case "--interop-dir" -> options.interopDir = Path.of(value);
				case "--commit" -> options.commit = value;
				case "--warmup" -> options.warmup = number(option, value, 0);
				case "--measure" -> options.measure = number(option, value, 1);
				case "--repeats" -> options.repeats = number(option, value, 1);
				case "--recv-messages" -> options.recvMessages = number(option, value, 0);
				case "--jit-warmup" -> options.jitWarmup = number(option, value, 0);
				case "--recv-warmup" -> options.recvWarmup = number(option, value, 0);
				case "--recv-window" -> options.recvWindow = number(option, value, 1);
				case "--memory-messages" -> options.memoryMessages = number(option, value, 1);
				case "--memory-parked" -> options.memoryParked = number(option, value, 1);
				case "--windows" -> options.windows = Arrays.stream(value.split(","))
					.map((w) -> number(option, w.trim(), 1))
					.toList();
				case "--transports" -> options.transports = names(value, Transports.NAMES, option);
				case "--prototypes" -> options.prototypes = value.isBlank() ? List.of()
						: names(value, Transports.NAMES.subList(1, Transports.NAMES.size()), option);
				case "--parts" -> options.parts = names(value, ReportSuite.PARTS, option);
				default -> throw new IllegalArgumentException("unknown option " + option);
			}
		}
		if (options.serverLog.getParent() != null && !Files.isDirectory(options.serverLog.getParent())) {
			options.serverLog = Path.of(System.getProperty("java.io.tmpdir"), "queues-bench-server.log");
		}
		return options;
	}

	private static List<String> names(String value, List<String> known, String option) {
		return Arrays.stream(value.split(",")).map(String::trim).map((name) -> oneOf(option, name, known)).toList();
	}

	private static String oneOf(String option, String value, List<String> known) {
		if (!known.contains(value)) {
			throw new IllegalArgumentException(option + " takes " + String.join(", ", known) + "; not '" + value + "'");
		}
		return value;
	}

	private static int number(String option, String value, int min) {
		try {
			int number = Integer.parseInt(value);
			if (number < min) {
				throw new IllegalArgumentException(option + " must be at least " + min);
			}
			return number;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(option + " needs a whole number, not '" + value + "'");
		}
	}

}
