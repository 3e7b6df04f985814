package io.roomqueues.bench;

/**
 * Pipelined {@code queues.send} and {@code queues.receive} over one connection, JDK vs Tomcat WebSocket transport,
 * against the server jar started as a separate process on 127.0.0.1.
 *
 * <pre>
 * java -jar queues-bench/target/queues-bench.jar [--server-jar queues-server/target/queues-server.jar]
 *     [--warmup 3] [--measure 5] [--repeats 3] [--windows 1,16,256] [--transports jdk,tomcat]
 *     [--recv-messages 300000] [--recv-warmup 1] [--jit-warmup 5] [--recv-window 256] [--out results.md]
 * </pre>
 *
 * Every mode opens a fresh connection with the transport under test, runs warm-up then measurement, waits for every
 * request in flight, checks the queue contents against what was acknowledged, and closes the queue. Modes run
 * interleaved (each window: both transports back to back, their order alternating between repeats). Nothing here
 * asserts timings.
 */
public final class QueuesBenchmark {

	private QueuesBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
		System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
		BenchmarkOptions options;
		try {
			options = BenchmarkOptions.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.println(BenchmarkOptions.USAGE);
			System.exit(2);
			return;
		}
		int status = new BenchmarkRun(options).run();
		System.exit(status);
	}

}
