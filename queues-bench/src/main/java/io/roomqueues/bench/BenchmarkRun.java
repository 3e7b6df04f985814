package io.roomqueues.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** One whole benchmark: server started, transport checks, the measured schedule, then the tables and problems. */
final class BenchmarkRun {

	private final BenchmarkOptions options;

	private final PrintStream out = System.out;

	private final Problems problems = new Problems();

	BenchmarkRun(BenchmarkOptions options) {
		this.options = options;
	}

	/** @return the exit status: 0 when no problem was found, else 1 */
	int run() throws Exception {
		long started = System.nanoTime();
		// Resources close in reverse: the server stops before the transports are destroyed.
		try (Transports transports = new Transports();
				ServerProcess server = ServerProcess.start(this.options.serverJar, this.options.serverLog)) {
			transports.create(this.options.transports);
			RoomConnections connections = new RoomConnections(server.url, transports);
			printHeader(server);
			new HandshakeCheck(connections, this.problems, this.out).run(this.options.transports);
			CloseContractCheck closeCheck = new CloseContractCheck(connections, this.problems, this.out);
			for (String transport : this.options.transports) {
				closeCheck.run(transport);
			}
			List<Result> results = new InterleavedSchedule(this.options, connections, server, this.problems, this.out)
				.run();
			printSummary(results, started);
			return this.problems.isEmpty() ? 0 : 1;
		}
	}

	private void printHeader(ServerProcess server) {
		this.out.println("# queues-bench " + LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME));
		this.out.println();
		this.out.println("- client JVM: " + Machine.jvm() + "; server JVM: same binary (" + Machine.javaBinary() + ")");
		this.out.println("- server: " + this.options.serverJar + " at " + server.url + " (pid " + server.pid() + ")");
		this.out.println("- available processors: " + Runtime.getRuntime().availableProcessors()
				+ " (client and server share them)");
		this.out.println("- JIT warm-up " + this.options.jitWarmup
				+ " s per transport (window 16, discarded); per mode: warm-up " + this.options.warmupSeconds() + " s, measure "
				+ this.options.measureSeconds() + " s, repeats " + this.options.repeats + ", windows " + this.options.windows
				+ ", receive pre-fill " + this.options.recvMessages + " messages, receive warm-up "
				+ this.options.recvWarmup + " s, receive window " + this.options.recvWindow);
		this.out.println("- load average at start: " + Machine.loadAverage());
		this.out.println();
	}

	private void printSummary(List<Result> results, long started) throws IOException {
		String tables = Tables.render(results, this.options.transports);
		this.out.println();
		this.out.println(tables);
		this.out.println();
		this.out.println("Problems found: " + (this.problems.isEmpty() ? "none" : ""));
		this.problems.all().forEach((problem) -> this.out.println("- " + problem));
		this.out.printf(Locale.ROOT, "%nTotal time: %.1f s; load average at the end: %s%n",
				(System.nanoTime() - started) / 1e9, Machine.loadAverage());
		if (this.options.outFile != null) {
			Files.writeString(this.options.outFile, tables + System.lineSeparator() + "Problems found: "
					+ (this.problems.isEmpty() ? "none" : String.join("; ", this.problems.all()))
					+ System.lineSeparator());
		}
	}

}
