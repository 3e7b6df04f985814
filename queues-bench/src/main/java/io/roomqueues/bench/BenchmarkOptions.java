package io.roomqueues.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** The benchmark's command-line options, with their defaults. */
final class BenchmarkOptions {

	static final String USAGE = "usage: java -jar queues-bench.jar [--server-jar <path>] [--warmup <s>] "
			+ "[--measure <s>] [--repeats <n>] [--windows 1,16,256] [--transports jdk,tomcat[,tomcat-batch,tomcat-nodelay]] "
			+ "[--recv-messages <n, 0 = skip>] [--recv-warmup <s>] [--jit-warmup <s>] [--recv-window <n>] [--server-log <path>] [--out <path>]";

	Path serverJar = Path.of("queues-server/target/queues-server.jar");

	Path serverLog = Path.of("queues-bench/target/bench-server.log");

	@Nullable Path outFile;

	int warmup = 3;

	int measure = 5;

	int repeats = 3;

	List<Integer> windows = List.of(1, 16, 256);

	List<String> transports = List.of("jdk", "tomcat");

	int recvMessages = 300_000;

	int recvWarmup = 1;

	int jitWarmup = 5;

	int recvWindow = 256;

	/** @throws IllegalArgumentException with a message for the user when an option is unknown or out of range */
	static BenchmarkOptions parse(String[] args) {
		BenchmarkOptions options = new BenchmarkOptions();
		for (int i = 0; i < args.length; i++) {
			String option = args[i];
			if (!option.startsWith("--")) {
				options.serverJar = Path.of(option);
				continue;
			}
			if (i + 1 >= args.length) {
				throw new IllegalArgumentException(option + " needs a value");
			}
			String value = args[++i];
			switch (option) {
				case "--server-jar" -> options.serverJar = Path.of(value);
				case "--server-log" -> options.serverLog = Path.of(value);
				case "--out" -> options.outFile = Path.of(value);
				case "--warmup" -> options.warmup = number(option, value, 0);
				case "--measure" -> options.measure = number(option, value, 1);
				case "--repeats" -> options.repeats = number(option, value, 1);
				case "--recv-messages" -> options.recvMessages = number(option, value, 0);
				case "--jit-warmup" -> options.jitWarmup = number(option, value, 0);
				case "--recv-warmup" -> options.recvWarmup = number(option, value, 0);
				case "--recv-window" -> options.recvWindow = number(option, value, 1);
				case "--windows" -> options.windows = Arrays.stream(value.split(","))
					.map((w) -> number(option, w.trim(), 1))
					.toList();
				case "--transports" -> options.transports = Arrays.stream(value.split(","))
					.map(String::trim)
					.peek(Transports::requireKnown)
					.toList();
				default -> throw new IllegalArgumentException("unknown option " + option);
			}
		}
		if (options.serverLog.getParent() != null && !Files.isDirectory(options.serverLog.getParent())) {
			options.serverLog = Path.of(System.getProperty("java.io.tmpdir"), "queues-bench-server.log");
		}
		return options;
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
