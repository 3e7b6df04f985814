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

/**
 * One measured run of pipelined {@code queues.send} over one or more connections (one queue each, requests issued
 * round-robin from one thread), checked against each queue's size after.
 */
final class SendMode {

	static final String MODE = "send";

	/** A queue is drained after this many sends, far below the server's 100,000 per-queue limit. */
	static final int DRAIN_EVERY = 50_000;

	private final RoomConnections connections;

	private final ServerProcess server;

	SendMode(RoomConnections connections, ServerProcess server) {
		this.connections = connections;
		this.server = server;
	}

	/** @param repeat zero-based, or negative for the discarded JIT warm-up */
	Result run(String transport, int window, int repeat, int warmup, int measure) throws InterruptedException {
		return run(transport, 1, window, repeat, warmup, measure);
	}

	/**
	 * @param connectionCount connections to spread the requests over
	 * @param window requests in flight on all connections together
	 * @param repeat zero-based, or negative for the discarded JIT warm-up
	 */
	Result run(String transport, int connectionCount, int window, int repeat, int warmup, int measure)
			throws InterruptedException {
		Result result = new Result((repeat < 0) ? "jit-warm-up (discarded)" : MODE, transport, window, repeat);
		result.connections = connectionCount;
		List<RoomClient> clients = new ArrayList<>();
		try {
			List<Sender> senders = new ArrayList<>();
			for (int c = 0; c < connectionCount; c++) {
				RoomClient client = this.connections.connect(transport);
				clients.add(client);
				senders.add(new Sender(client.queues(),
						"bench-send-" + transport + "-n" + connectionCount + "-w" + window + "-c" + c));
			}
			Pipeline pipeline = new Pipeline(window, warmup, measure, this.server);
			for (long i = 0; pipeline.acquire(); i++) {
				senders.get((int) (i % connectionCount)).send(pipeline, i);
			}
			pipeline.finish(result, clients.get(0));
			for (Sender sender : senders) {
				sender.check(result);
			}
			result.note = senders.stream().mapToLong((s) -> s.drains).sum() + " drains";
		}
		catch (Exception ex) {
			result.problem("mode failed: " + ex);
		}
		finally {
			clients.forEach(RoomClient::close);
		}
		return result;
	}

	/** One connection's queue, drained every {@link #DRAIN_EVERY} sends, with the sends acknowledged per drain. */
	private static final class Sender {

		private final QueuesClient queues;

		private final String queue;

		// Sends acknowledged per drain epoch: only those after the last drain are still in the queue.
		private final Map<Long, AtomicLong> okPerEpoch = new ConcurrentHashMap<>();

		private final List<CompletableFuture<Void>> drainCalls = new ArrayList<>();

		private long epoch;

		private long sinceDrain;

		private long drains;

		Sender(QueuesClient queues, String queue) {
			this.queues = queues;
			this.queue = queue;
		}

		void send(Pipeline pipeline, long n) {
			if (this.sinceDrain >= DRAIN_EVERY) {
				// Ordered after every send issued before it on this connection: keeps the queue below the limit.
				this.drainCalls.add(this.queues.drain(this.queue));
				this.drains++;
				this.epoch++;
				this.sinceDrain = 0;
			}
			this.sinceDrain++;
			AtomicLong ok = this.okPerEpoch.computeIfAbsent(this.epoch, (e) -> new AtomicLong());
			pipeline.issue(() -> this.queues.send(this.queue, BenchMessage.numbered(n)), (value) -> {
				ok.incrementAndGet();
				return true;
			});
		}

		void check(Result result) throws Exception {
			for (CompletableFuture<Void> drain : this.drainCalls) {
				try {
					drain.get(10, TimeUnit.SECONDS);
				}
				catch (Exception ex) {
					result.problem("drain failed: " + ex);
				}
			}
			if (result.lost == 0) {
				long expected = this.okPerEpoch.getOrDefault(this.epoch, new AtomicLong()).get();
				int size = QueueSize.of(this.queues, this.queue);
				if (size != expected) {
					result.problem("queue " + this.queue + " holds " + size + " messages but " + expected
							+ " sends were acknowledged after the last drain");
				}
			}
			this.queues.close(this.queue).get(30, TimeUnit.SECONDS);
		}

	}

}
