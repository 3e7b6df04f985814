package io.roomqueues.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Runs the modes in an interleaved order (per window, the transports back to back, their order alternating between
 * repeats), printing each result as it comes and stopping early if the server process dies.
 */
final class InterleavedSchedule {

	private static final int JIT_WARMUP_WINDOW = 16;

	private final BenchmarkOptions options;

	private final ServerProcess server;

	private final Problems problems;

	private final PrintStream out;

	private final SendMode sendMode;

	private final ReceiveMode receiveMode;

	InterleavedSchedule(BenchmarkOptions options, RoomConnections connections, ServerProcess server,
			Problems problems, PrintStream out) {
		this.options = options;
		this.server = server;
		this.problems = problems;
		this.out = out;
		this.sendMode = new SendMode(connections, server);
		this.receiveMode = new ReceiveMode(connections, server, options.recvWarmup, options.measureSeconds());
	}

	/** The measured results, up to the mode in which the server died if it did. */
	List<Result> run() throws InterruptedException {
		List<Result> results = new ArrayList<>();
		try {
			// Both transports' code paths (and the server's) get JIT-compiled before anything is measured, so the
			// first measured mode is not penalised.
			if (this.options.jitWarmup > 0) {
				for (String transport : this.options.transports) {
					report(this.sendMode.run(transport, JIT_WARMUP_WINDOW, -1, 0, this.options.jitWarmup));
				}
			}
			for (int repeat = 0; repeat < this.options.repeats; repeat++) {
				List<String> order = new ArrayList<>(this.options.transports);
				if (repeat % 2 == 1) {
					Collections.reverse(order);
				}
				for (int window : this.options.windows) {
					for (String transport : order) {
						results.add(report(this.sendMode.run(transport, window, repeat, this.options.warmupSeconds(),
								this.options.measureSeconds())));
					}
				}
				if (this.options.recvMessages > 0) {
					for (String transport : order) {
						results.add(report(this.receiveMode.run(transport, 1, this.options.recvWindow, repeat,
								this.options.recvMessages)));
					}
				}
			}
		}
		catch (ServerGoneException ex) {
			// reported; the tables show what was measured
		}
		return results;
	}

	private Result report(Result result) {
		this.out.println(result.line());
		for (String problem : result.problems) {
			this.problems.add(result.label() + ": " + problem);
		}
		if (!this.server.process.isAlive()) {
			this.problems.add("the server process exited (code " + this.server.process.exitValue() + ") during "
					+ result.label() + "; see " + this.options.serverLog);
			throw new ServerGoneException();
		}
		return result;
	}

	/** Ends the schedule early: the server process is gone. */
	private static final class ServerGoneException extends RuntimeException {

		private static final long serialVersionUID = 1L;

	}

}
