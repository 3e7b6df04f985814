package io.roomqueues.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The report's measured schedule, in one run against one room server process: per repeat and window, the ceiling
 * then our client's sends and receives then MeshAgent's JS client (so that each figure sits next to the ceiling it
 * is divided by), then several connections, one-at-a-time latency and the listener; server memory last, in a fresh
 * server process.
 */
final class ReportSuite {

	/** The parts of the report that can be chosen with {@code --parts}. */
	static final List<String> PARTS = List.of("ceiling", "client", "connections", "parked", "js", "listener", "memory");

	/** Requests in flight in all, spread over the connections of the several-connection rows. */
	static final int SPREAD_WINDOW = 256;

	static final List<Integer> CONNECTIONS = List.of(4, 16);

	static final List<Integer> CONCURRENCIES = List.of(1, 8, 64);

	private static final int LISTENER_TIMEOUT_SECONDS = 20;

	/** The listener's queue (and reply queue) must stay below the server's 100,000-message queue limit. */
	private static final int MAX_LISTENER_MESSAGES = 90_000;

	private final BenchmarkOptions options;

	private final PrintStream out;

	private final Problems problems;

	private final Results results;

	ReportSuite(BenchmarkOptions options, PrintStream out, Problems problems, Results results) {
		this.options = options;
		this.out = out;
		this.problems = problems;
		this.results = results;
	}

	private boolean part(String name) {
		return this.options.parts.contains(name);
	}

	void run(ServerProcess server, ServerProcess echo, RoomConnections connections, @Nullable MeshAgentJsClient js,
			@Nullable ListenerMode listener) throws InterruptedException {
		int warmup = this.options.warmupSeconds();
		int measure = this.options.measureSeconds();
		CeilingMode ceiling = new CeilingMode(echo);
		SendMode send = new SendMode(connections, server);
		ReceiveMode receive = new ReceiveMode(connections, server, warmup, measure);
		ParkedLatencyMode parked = new ParkedLatencyMode(connections, server);
		MeshAgentJsMode jsMode = (js != null) ? new MeshAgentJsMode(js, connections, server, warmup, measure) : null;
		List<String> transports = new ArrayList<>();
		transports.add("jdk");
		transports.addAll(this.options.prototypes);
		jitWarmup(ceiling, send, transports, jsMode, listener);
		for (int repeat = 0; repeat < this.options.repeats; repeat++) {
			List<String> order = new ArrayList<>(transports);
			if (repeat % 2 == 1) {
				Collections.reverse(order);
			}
			for (int window : this.options.windows) {
				if (part("ceiling")) {
					report(ceiling.run(window, repeat, warmup, measure), server);
				}
				if (part("client")) {
					for (String transport : order) {
						Result sent = report(send.run(transport, window, repeat, warmup, measure), server);
						// receives may outrun the sends of a disturbed moment: size for the faster of sends and ceiling
						double expected = Math.max(sent.rate, ceilingRate(window, repeat));
						report(receive.run(transport, 1, window, repeat, prefill(expected, warmup + measure)), server);
					}
				}
				if (jsMode != null) {
					Result sent = report(jsMode.send(window, repeat), server);
					report(jsMode.receive(window, repeat, prefill(2 * sent.rate, warmup + measure)), server);
				}
			}
			if (part("connections")) {
				for (int count : CONNECTIONS) {
					Result sent = report(send.run("jdk", count, SPREAD_WINDOW, repeat, warmup, measure), server);
					double expected = Math.max(sent.rate, ceilingRate(SPREAD_WINDOW, repeat));
					report(receive.run("jdk", count, SPREAD_WINDOW, repeat, prefill(expected, warmup + measure)), server);
				}
			}
			if (part("parked")) {
				for (String transport : order) {
					report(parked.run(transport, false, repeat, 0.5, measure), server);
					report(parked.run(transport, true, repeat, 0.5, measure), server);
				}
			}
			if (listener != null) {
				for (boolean sendTo : new boolean[] { false, true }) {
					for (int concurrency : CONCURRENCIES) {
						int total = listenerMessages(concurrency, sendTo, repeat);
						report(listener.run(concurrency, sendTo, repeat, total, LISTENER_TIMEOUT_SECONDS), server);
					}
				}
			}
		}
	}

	private void jitWarmup(CeilingMode ceiling, SendMode send, List<String> transports,
			@Nullable MeshAgentJsMode jsMode, @Nullable ListenerMode listener) throws InterruptedException {
		int seconds = this.options.jitWarmup;
		if (seconds == 0) {
			return;
		}
		if (part("ceiling")) {
			warm(ceiling.run(256, -1, 0, Math.max(1, seconds / 2)));
		}
		for (String transport : transports) {
			warm(send.run(transport, 16, -1, 0, seconds));
		}
		if (jsMode != null) {
			warm(jsMode.send(16, -1));
		}
		if (listener != null) {
			warm(listener.run(8, false, -1, 5_000, LISTENER_TIMEOUT_SECONDS));
		}
	}

	/** This repeat's ceiling rate at a window, 0 when it was not measured. */
	private double ceilingRate(int window, int repeat) {
		double rate = this.results.rate(CeilingMode.MODE, "jdk", 1, window, repeat);
		return Double.isNaN(rate) ? 0 : rate;
	}

	/** Enough messages for a receive run at about the rate the same window's sends just reached, plus a margin. */
	static int prefill(double sendRate, int seconds) {
		long wanted = (long) (sendRate * seconds * 1.3) + 2_000;
		return (int) Math.max(10_000, Math.min(wanted, 600_000));
	}

	/** About 2 s worth of messages at the rate the client's receives reached at a comparable window. */
	private int listenerMessages(int concurrency, boolean sendTo, int repeat) {
		int window = (concurrency == 1) ? 1 : (concurrency <= 16) ? 16 : 256;
		double rate = this.results.rate(ReceiveMode.MODE, "jdk", 1, window, repeat);
		if (Double.isNaN(rate)) {
			rate = 5_000;
		}
		long wanted = (long) (rate * 2 * (sendTo ? 0.5 : 1));
		return (int) Math.max(3_000, Math.min(wanted, MAX_LISTENER_MESSAGES));
	}

	private Result report(Result result, ServerProcess server) {
		print(result);
		this.results.add(result);
		for (String problem : result.problems) {
			this.problems.add(result.label() + ": " + problem);
		}
		if (!server.process.isAlive()) {
			throw new IllegalStateException("the room server process exited (code " + server.process.exitValue()
					+ ") during " + result.label() + "; see " + this.options.serverLog);
		}
		return result;
	}

	/** A discarded warm-up run: printed, its problems kept. */
	private void warm(Result result) {
		print(result);
		for (String problem : result.problems) {
			this.problems.add("warm-up " + result.label() + ": " + problem);
		}
	}

	private void print(Result result) {
		this.out.println(result.line());
	}

	static Path echoLog(BenchmarkOptions options) {
		Path parent = options.serverLog.toAbsolutePath().getParent();
		return parent.resolve("bench-echo-server.log");
	}

}
