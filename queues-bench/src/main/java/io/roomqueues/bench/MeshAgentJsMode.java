package io.roomqueues.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import io.roomqueues.client.QueuesClient;
import io.roomqueues.client.RoomClient;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Pipelined send and receive by MeshAgent's JS client on one connection, checked with our client: after a send run
 * its queues hold exactly what was acknowledged; after a receive run, received + left = pre-filled.
 */
final class MeshAgentJsMode {

	static final String SEND = "MeshAgent JS client: send";

	static final String RECEIVE = "MeshAgent JS client: receive";

	private static final int SEND_QUEUES = 4;

	private final MeshAgentJsClient js;

	private final RoomConnections connections;

	private final ServerProcess server;

	private final int warmup;

	private final int measure;

	MeshAgentJsMode(MeshAgentJsClient js, RoomConnections connections, ServerProcess server, int warmup, int measure) {
		this.js = js;
		this.connections = connections;
		this.server = server;
		this.warmup = warmup;
		this.measure = measure;
	}

	Result send(int window, int repeat) {
		Result result = new Result((repeat < 0) ? "jit-warm-up JS (discarded)" : SEND, "js", window, repeat);
		List<String> queues = new ArrayList<>();
		for (int q = 0; q < SEND_QUEUES; q++) {
			queues.add("bench-js-send-w" + window + "-q" + q);
		}
		try (RoomClient checker = this.connections.connect("jdk")) {
			JsonNode outcome = run("send", queues, window, result);
			if (outcome != null && result.lost == 0) {
				long held = 0;
				for (String queue : queues) {
					held += QueueSize.of(checker.queues(), queue);
				}
				long acknowledged = outcome.path("succeeded").asLong();
				if (held != acknowledged) {
					result.problem("queues hold " + held + " messages but " + acknowledged + " sends were acknowledged");
				}
			}
			for (String queue : queues) {
				checker.queues().close(queue).get(30, TimeUnit.SECONDS);
			}
		}
		catch (Exception ex) {
			result.problem("mode failed: " + ex);
		}
		return result;
	}

	Result receive(int window, int repeat, int total) {
		Result result = new Result(RECEIVE, "js", window, repeat);
		int queueCount = (total + ReceiveMode.RECV_PER_QUEUE - 1) / ReceiveMode.RECV_PER_QUEUE;
		String prefix = "bench-js-recv-w" + window + "-";
		List<String> queues = new ArrayList<>();
		for (int q = 0; q < queueCount; q++) {
			queues.add(prefix + q);
		}
		try (RoomClient checker = this.connections.connect("jdk")) {
			QueuesClient filler = checker.queues();
			double fillSeconds = QueuePrefill.fill(filler, prefix, queueCount, total);
			JsonNode outcome = run("receive", queues, window, result);
			if (outcome != null) {
				if (outcome.path("exhaustedBeforeMeasure").asBoolean()) {
					result.problem("pre-fill of " + total + " ran out during warm-up");
				}
				if (outcome.path("duplicates").asLong() > 0) {
					result.problem(outcome.path("duplicates").asLong() + " duplicate or unknown messages received");
				}
				long left = 0;
				for (String queue : queues) {
					left += QueueSize.of(filler, queue);
				}
				long received = outcome.path("received").asLong();
				if (result.lost == 0 && received + left != total) {
					result.problem("received " + received + " + left " + left + " != pre-filled " + total);
				}
			}
			for (String queue : queues) {
				filler.close(queue).get(30, TimeUnit.SECONDS);
			}
			result.note = String.format(Locale.ROOT, "pre-fill %d in %.1f s", total, fillSeconds);
		}
		catch (Exception ex) {
			result.problem("mode failed: " + ex);
		}
		return result;
	}

	private @Nullable JsonNode run(String op, List<String> queues, int window, Result result) throws Exception {
		ObjectNode command = MeshAgentJsClient.command(op).put("window", window).put("warmup", this.warmup)
			.put("measure", this.measure);
		queues.forEach(command.putArray("queues")::add);
		long serverCpu = this.server.cpuNanos();
		long start = System.nanoTime();
		JsonNode outcome = this.js.run(command, this.warmup + this.measure + 60);
		double wall = System.nanoTime() - start;
		if (outcome.has("failed")) {
			result.problem("JS client failed: " + outcome.path("failed").asString());
			return null;
		}
		result.rate = outcome.path("rate").asDouble();
		result.completed = outcome.path("completed").asLong();
		result.seconds = outcome.path("seconds").asDouble();
		result.p50 = outcome.path("p50").asDouble(Double.NaN);
		result.p99 = outcome.path("p99").asDouble(Double.NaN);
		result.p999 = outcome.path("p999").asDouble(Double.NaN);
		result.issued = outcome.path("issued").asLong();
		result.errors = outcome.path("errors").asLong();
		result.lost = outcome.path("lost").asLong();
		result.clientCores = outcome.path("cpu").asDouble(Double.NaN);
		result.otherCores = Double.NaN; // not measured for node runs
		// over the whole command, warm-up included (the node process reports its own CPU for the measured part)
		result.serverCores = (this.server.cpuNanos() - serverCpu) / wall;
		if (result.errors > 0) {
			result.problem(result.errors + " requests failed; first: " + outcome.path("firstError").asString());
		}
		if (result.lost > 0) {
			result.problem(result.lost + " requests never completed");
		}
		return outcome;
	}

}
