package io.roomqueues.bench;

/**
 * The benchmarks, against the server jar started as a separate process on 127.0.0.1. Two suites:
 * {@code --suite report} (the default; {@code queues-bench/run.sh} runs it and rewrites BENCHMARKS.md) measures the
 * raw WebSocket ceiling, our client, MeshAgent's JS client, {@code @QueueListener} end to end and server memory in
 * one run, as ratios to the same run's ceiling; {@code --suite transports} compares the JDK and Tomcat WebSocket
 * transports under {@code queues.send} / {@code queues.receive} over one connection.
 *
 * <p>
 * Every mode opens fresh connections, runs warm-up then measurement, waits for every request in flight, checks the
 * queue contents against what was acknowledged, and closes its queues. Nothing here asserts timings.
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
		int status = switch (options.suite) {
			case "report" -> new ReportRun(options, args).run();
			case "profile" -> new ProfileRun(options).run();
			default -> new BenchmarkRun(options).run();
		};
		System.exit(status);
	}

}
