package io.roomqueues.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.roomqueues.client.QueuesClient;
import io.roomqueues.client.RoomClient;

/** One measured run of pipelined {@code queues.send} into one queue, checked against the queue's size after. */
final class SendMode {

	/** The queue is drained after this many sends, far below the server's 100,000 per-queue limit. */
	static final int DRAIN_EVERY = 50_000;

	private final RoomConnections connections;

	private final ServerProcess server;

	SendMode(RoomConnections connections, ServerProcess server) {
		this.connections = connections;
		this.server = server;
	}

	/** @param repeat zero-based, or negative for the discarded JIT warm-up */
	Result run(String transport, int window, int repeat, int warmup, int measure) throws InterruptedException {
		String queue = "bench-send-" + transport + "-w" + window;
		Result result = new Result((repeat < 0) ? "jit-warm-up (discarded)" : "send", transport, window, repeat);
		try (RoomClient client = this.connections.connect(transport)) {
			QueuesClient queues = client.queues();
			Pipeline pipeline = new Pipeline(window, warmup, measure, this.server);
			AtomicLong drains = new AtomicLong();
			long epoch = 0;
			// Sends acknowledged per drain epoch: only those after the last drain are still in the queue.
			Map<Long, AtomicLong> okPerEpoch = new ConcurrentHashMap<>();
			List<CompletableFuture<Void>> drainCalls = new ArrayList<>();
			long sinceDrain = 0;
			for (long i = 0;; i++) {
				if (!pipeline.acquire()) {
					break;
				}
				if (sinceDrain >= DRAIN_EVERY) {
					// Ordered after every send issued before it on this connection: keeps the queue below the limit.
					drainCalls.add(queues.drain(queue));
					drains.incrementAndGet();
					epoch++;
					sinceDrain = 0;
				}
				sinceDrain++;
				AtomicLong ok = okPerEpoch.computeIfAbsent(epoch, (e) -> new AtomicLong());
				long n = i;
				pipeline.issue(() -> queues.send(queue, BenchMessage.numbered(n)), (value) -> {
					ok.incrementAndGet();
					return true;
				});
			}
			pipeline.finish(result, client);
			awaitDrains(drainCalls, result);
			if (result.lost == 0) {
				long expected = okPerEpoch.getOrDefault(epoch, new AtomicLong()).get();
				int size = QueueSize.of(queues, queue);
				if (size != expected) {
					result.problem("queue " + queue + " holds " + size + " messages but " + expected
							+ " sends were acknowledged after the last drain");
				}
			}
			queues.close(queue).get(30, TimeUnit.SECONDS);
			result.note = drains.get() + " drains";
		}
		catch (Exception ex) {
			result.problem("mode failed: " + ex);
		}
		return result;
	}

	private static void awaitDrains(List<CompletableFuture<Void>> drainCalls, Result result) {
		for (CompletableFuture<Void> drain : drainCalls) {
			try {
				drain.get(10, TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				result.problem("drain failed: " + ex);
			}
		}
	}

}
