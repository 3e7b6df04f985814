package io.roomqueues.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.roomqueues.client.QueuesClient;
import io.roomqueues.client.RoomClient;
import tools.jackson.databind.node.ObjectNode;

/**
 * One-at-a-time latency from a {@code send} to the {@code receive} parked for it completing: park a
 * {@code receive(wait: true)}, make sure the server holds it, send, and time from the {@code send} call to the
 * receive's future completing; then wait for the send's acknowledgement before the next round. Either on one
 * connection (the server reads a connection's requests in order, so the receive is parked before the send arrives)
 * or with the receive on a second connection (a {@code list} on that connection, answered after the receive was
 * parked, confirms it first).
 */
final class ParkedLatencyMode {

	static final String MODE_ONE = "send → parked receive, 1 connection";

	static final String MODE_TWO = "send → parked receive, 2 connections";

	private static final long ROUND_TIMEOUT_SECONDS = 10;

	private final RoomConnections connections;

	private final ServerProcess server;

	ParkedLatencyMode(RoomConnections connections, ServerProcess server) {
		this.connections = connections;
		this.server = server;
	}

	Result run(String transport, boolean twoConnections, int repeat, double warmupSeconds, double measureSeconds) {
		Result result = new Result(twoConnections ? MODE_TWO : MODE_ONE, transport, 1, repeat);
		result.connections = twoConnections ? 2 : 1;
		String queue = "bench-parked-" + transport + (twoConnections ? "-2" : "-1");
		try (RoomClient producer = this.connections.connect(transport);
				RoomClient consumerClient = twoConnections ? this.connections.connect(transport) : null) {
			QueuesClient sender = producer.queues();
			QueuesClient receiver = (consumerClient != null) ? consumerClient.queues() : sender;
			LatencyRecorder latencies = new LatencyRecorder();
			CpuUsage cpu = new CpuUsage(this.server);
			long start = System.nanoTime();
			long warmEnd = start + (long) (warmupSeconds * 1e9);
			long measureEnd = warmEnd + (long) (measureSeconds * 1e9);
			boolean measuring = false;
			long rounds = 0;
			long now;
			while ((now = System.nanoTime()) < measureEnd) {
				if (!measuring && now >= warmEnd) {
					measuring = true;
					cpu.start(now);
				}
				AtomicLong completedAt = new AtomicLong();
				CompletableFuture<ObjectNode> parked = receiver.receive(queue, true, true);
				CompletableFuture<?> received = parked.whenComplete((m, e) -> completedAt.set(System.nanoTime()));
				if (consumerClient != null) {
					receiver.list().get(ROUND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
				}
				long sent = System.nanoTime();
				CompletableFuture<Void> ack = sender.send(queue, BenchMessage.numbered(rounds));
				ObjectNode message = parked.get(ROUND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
				received.get(ROUND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
				ack.get(ROUND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
				if (message == null || message.path("n").asLong(-1) != rounds) {
					result.problem("round " + rounds + " received " + message);
					break;
				}
				if (measuring) {
					latencies.record(completedAt.get() - sent);
				}
				rounds++;
			}
			long end = System.nanoTime();
			cpu.stop(end);
			long[] sorted = latencies.sorted();
			result.completed = sorted.length;
			result.issued = rounds;
			result.seconds = (end - warmEnd) / 1e9;
			result.rate = sorted.length / result.seconds;
			result.p50 = LatencyRecorder.percentileMicros(sorted, 0.50);
			result.p99 = LatencyRecorder.percentileMicros(sorted, 0.99);
			result.p999 = LatencyRecorder.percentileMicros(sorted, 0.999);
			result.clientCores = cpu.clientCores;
			result.serverCores = cpu.serverCores;
			result.otherCores = cpu.otherCores;
			sender.close(queue).get(ROUND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
			result.note = "rate = rounds/s, one at a time";
		}
		catch (Exception ex) {
			result.problem("mode failed: " + ex);
		}
		return result;
	}

}
