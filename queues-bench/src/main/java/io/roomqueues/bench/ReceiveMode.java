package io.roomqueues.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import io.roomqueues.client.QueuesClient;
import io.roomqueues.client.RoomClient;

/**
 * One measured run of pipelined {@code queues.receive} from pre-filled queues over one or more connections (requests
 * issued round-robin over connections and queues from one thread), checked against what is left in the queues after.
 */
final class ReceiveMode {

	static final String MODE = "receive";

	/** Messages per queue when pre-filling, below the server's 100,000 per-queue limit. */
	static final int RECV_PER_QUEUE = 90_000;

	private final RoomConnections connections;

	private final ServerProcess server;

	private final int warmup;

	private final int measure;

	private Runnable afterPrefill = () -> {
	};

	ReceiveMode(RoomConnections connections, ServerProcess server, int warmup, int measure) {
		this.connections = connections;
		this.server = server;
		this.warmup = warmup;
		this.measure = measure;
	}

	/** Runs {@code action} between the pre-fill and the measured receives of every run (the profiler starts there). */
	ReceiveMode afterPrefill(Runnable action) {
		this.afterPrefill = action;
		return this;
	}

	/**
	 * @param connectionCount connections to spread the receives over
	 * @param window receives in flight on all connections together
	 * @param total messages to pre-fill, spread over as many queues as {@link #RECV_PER_QUEUE} needs
	 */
	Result run(String transport, int connectionCount, int window, int repeat, int total) throws InterruptedException {
		int queueCount = (total + RECV_PER_QUEUE - 1) / RECV_PER_QUEUE;
		String prefix = "bench-recv-" + transport + "-n" + connectionCount + "-w" + window + "-";
		Result result = new Result(MODE, transport, window, repeat);
		result.connections = connectionCount;
		List<RoomClient> clients = new ArrayList<>();
		try {
			for (int c = 0; c < connectionCount; c++) {
				clients.add(this.connections.connect(transport));
			}
			QueuesClient first = clients.get(0).queues();
			double fillSeconds = QueuePrefill.fill(first, prefix, queueCount, total);
			this.afterPrefill.run();
			ReceivedNumbers received = new ReceivedNumbers(total);
			Pipeline pipeline = new Pipeline(window, this.warmup, this.measure, this.server);
			for (long i = 0; pipeline.acquire(); i++) {
				QueuesClient queues = clients.get((int) (i % connectionCount)).queues();
				String queue = prefix + ((i / connectionCount) % queueCount);
				pipeline.issue(() -> queues.receive(queue, false, false), (message) -> {
					if (message == null) {
						return false;
					}
					received.add(message.path("n").asInt(-1));
					return true;
				});
			}
			pipeline.finish(result, clients.get(0));
			if (pipeline.exhaustedBeforeMeasure()) {
				result.problem("pre-fill of " + total + " ran out during warm-up");
			}
			if (received.duplicates() > 0) {
				result.problem(received.duplicates() + " duplicate or unknown messages received");
			}
			if (result.lost == 0) {
				checkNothingLost(first, prefix, queueCount, total, received.received(), result);
			}
			for (int q = 0; q < queueCount; q++) {
				first.close(prefix + q).get(30, TimeUnit.SECONDS);
			}
			result.note = String.format(Locale.ROOT, "pre-fill %d in %.1f s (%.0f/s)%s", total, fillSeconds,
					total / fillSeconds, (pipeline.exhaustedAt > 0) ? ", queues emptied during measurement" : "");
		}
		catch (Exception ex) {
			result.problem("mode failed: " + ex);
		}
		finally {
			clients.forEach(RoomClient::close);
		}
		return result;
	}

	/** Every pre-filled message was either received or is still in its queue. */
	private static void checkNothingLost(QueuesClient queues, String prefix, int queueCount, int total, long received,
			Result result) throws Exception {
		int remaining = 0;
		for (int q = 0; q < queueCount; q++) {
			remaining += QueueSize.of(queues, prefix + q);
		}
		if (received + remaining != total) {
			result.problem("received " + received + " + left " + remaining + " != pre-filled " + total);
		}
	}

}
