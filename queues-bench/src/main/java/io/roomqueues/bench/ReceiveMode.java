package io.roomqueues.bench;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

import io.roomqueues.client.QueuesClient;
import io.roomqueues.client.RoomClient;

/**
 * One measured run of pipelined {@code queues.receive} from pre-filled queues, checked against what is left in them
 * after.
 */
final class ReceiveMode {

	/** Messages per queue when pre-filling, below the server's 100,000 per-queue limit. */
	static final int RECV_PER_QUEUE = 90_000;

	private final RoomConnections connections;

	private final ServerProcess server;

	private final int total;

	private final int warmup;

	private final int measure;

	/** @param total messages to pre-fill, spread over as many queues as {@link #RECV_PER_QUEUE} needs */
	ReceiveMode(RoomConnections connections, ServerProcess server, int total, int warmup, int measure) {
		this.connections = connections;
		this.server = server;
		this.total = total;
		this.warmup = warmup;
		this.measure = measure;
	}

	Result run(String transport, int window, int repeat) throws InterruptedException {
		int queueCount = (this.total + RECV_PER_QUEUE - 1) / RECV_PER_QUEUE;
		String prefix = "bench-recv-" + transport + "-";
		Result result = new Result("receive", transport, window, repeat);
		try (RoomClient client = this.connections.connect(transport)) {
			QueuesClient queues = client.queues();
			double fillSeconds = QueuePrefill.fill(queues, prefix, queueCount, this.total);
			ReceivedNumbers received = new ReceivedNumbers(this.total);
			Pipeline pipeline = new Pipeline(window, this.warmup, this.measure, this.server);
			for (long i = 0;; i++) {
				if (!pipeline.acquire()) {
					break;
				}
				String queue = prefix + (i % queueCount);
				pipeline.issue(() -> queues.receive(queue, false, false), (message) -> {
					if (message == null) {
						return false;
					}
					received.add(message.path("n").asInt(-1));
					return true;
				});
			}
			pipeline.finish(result, client);
			if (pipeline.exhaustedBeforeMeasure()) {
				result.problem("pre-fill of " + this.total + " ran out during warm-up; raise --recv-messages");
			}
			if (received.duplicates() > 0) {
				result.problem(received.duplicates() + " duplicate or unknown messages received");
			}
			if (result.lost == 0) {
				checkNothingLost(queues, prefix, queueCount, received.received(), result);
			}
			for (int q = 0; q < queueCount; q++) {
				queues.close(prefix + q).get(30, TimeUnit.SECONDS);
			}
			result.note = String.format(Locale.ROOT, "pre-fill %d in %.1f s (%.0f/s)%s", this.total, fillSeconds,
					this.total / fillSeconds, pipeline.exhaustedAt > 0 ? ", queue emptied during measurement" : "");
		}
		catch (Exception ex) {
			result.problem("mode failed: " + ex);
		}
		return result;
	}

	/** Every pre-filled message was either received or is still in its queue. */
	private void checkNothingLost(QueuesClient queues, String prefix, int queueCount, long received, Result result)
			throws Exception {
		int remaining = 0;
		for (int q = 0; q < queueCount; q++) {
			remaining += QueueSize.of(queues, prefix + q);
		}
		if (received + remaining != this.total) {
			result.problem("received " + received + " + left " + remaining + " != pre-filled " + this.total);
		}
	}

}
