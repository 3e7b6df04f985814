package io.roomqueues.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * The report suite end to end: starts the room server and the echo server, MeshAgent's JS client and the listener
 * application, runs the schedule and the memory part, prints the tables and rewrites the results section of
 * {@code --update}; stops everything it started, also on failure.
 */
final class ReportRun {

	private final BenchmarkOptions options;

	private final String[] args;

	private final PrintStream out = System.out;

	private final Problems problems = new Problems();

	private final Results results = new Results();

	ReportRun(BenchmarkOptions options, String[] args) {
		this.options = options;
		this.args = args;
	}

	/** @return the exit status: 0 when no problem was found, else 1 */
	int run() throws Exception {
		long started = System.nanoTime();
		String loadStart = Machine.loadAverage();
		String jsVersion = "(not run)";
		this.out.println("# queues-bench report, " + Machine.jvm() + ", " + Runtime.getRuntime().availableProcessors()
				+ " cores, load " + loadStart);
		try (Transports transports = new Transports();
				ServerProcess server = ServerProcess.startRoomServer(this.options.serverJar, this.options.serverLog,
						List.of());
				ServerProcess echo = ServerProcess.startEchoServer(ReportSuite.echoLog(this.options))) {
			List<String> names = new ArrayList<>(List.of("jdk"));
			names.addAll(this.options.prototypes);
			transports.create(names);
			RoomConnections connections = new RoomConnections(server.url, transports);
			this.out.println("- room server " + server.url + " (pid " + server.pid() + "), echo server " + echo.url
					+ " (pid " + echo.pid() + ")");
			new HandshakeCheck(connections, this.problems, this.out).run(names);
			CloseContractCheck closeCheck = new CloseContractCheck(connections, this.problems, this.out);
			names.forEach(closeCheck::run);
			MeshAgentJsClient js = null;
			ListenerMode listener = null;
			try {
				if (this.options.parts.contains("js")) {
					js = startJs(server);
					if (js != null) {
						jsVersion = js.version;
					}
				}
				if (this.options.parts.contains("listener")) {
					listener = ListenerMode.start(connections, server);
				}
				new ReportSuite(this.options, this.out, this.problems, this.results).run(server, echo, connections, js,
						listener);
			}
			catch (RuntimeException ex) {
				this.problems.add("the run stopped early: " + ex);
			}
			finally {
				if (listener != null) {
					listener.close();
				}
				if (js != null) {
					js.close();
				}
			}
		}
		List<MemoryMode.Sample> memory = List.of();
		if (this.options.parts.contains("memory")) {
			memory = new MemoryMode(this.options.serverJar, memoryLog(), this.options.memoryMessages,
					this.options.memoryParked, this.out).run(this.options.repeats, this.problems);
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		ReportTables.RunInfo info = new ReportTables.RunInfo(LocalDate.now().toString(), commit(), Machine.jvm(),
				Runtime.getRuntime().availableProcessors(), command(), loadStart, Machine.loadAverage(), seconds,
				jsVersion, this.options.warmupSeconds(), this.options.measureSeconds(), this.options.repeats,
				this.problems.all());
		String tables = ReportTables.render(info, this.results, memory, this.options.prototypes, this.options.windows);
		this.out.println();
		this.out.println(tables);
		if (this.options.updateFile != null) {
			ResultsSection.rewrite(this.options.updateFile, tables);
			this.out.println("Rewrote the results section of " + this.options.updateFile);
		}
		if (this.options.outFile != null) {
			Files.writeString(this.options.outFile, tables, StandardCharsets.UTF_8);
		}
		return this.problems.isEmpty() ? 0 : 1;
	}

	private @Nullable MeshAgentJsClient startJs(ServerProcess server) {
		try {
			return MeshAgentJsClient.start(this.options.interopDir, server.url, ServerProcess.SECRET,
					RoomConnections.ROOM, this.options.serverLog.toAbsolutePath().getParent().resolve("bench-js.log"));
		}
		catch (IOException | RuntimeException ex) {
			this.problems.add("MeshAgent's JS client rows skipped: " + ex.getMessage());
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	private Path memoryLog() {
		return this.options.serverLog.toAbsolutePath().getParent().resolve("bench-memory-server.log");
	}

	private String command() {
		return "java -jar queues-bench/target/queues-bench.jar " + String.join(" ", this.args);
	}

	private String commit() {
		if (this.options.commit != null) {
			return this.options.commit;
		}
		try {
			Process git = new ProcessBuilder("git", "describe", "--always", "--dirty").redirectErrorStream(true).start();
			String text = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
			return (git.waitFor(10, TimeUnit.SECONDS) && git.exitValue() == 0) ? text : "unknown";
		}
		catch (IOException ex) {
			return "unknown";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "unknown";
		}
	}

}
