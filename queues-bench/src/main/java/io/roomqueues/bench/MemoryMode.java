package io.roomqueues.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.roomqueues.client.QueuesClient;
import io.roomqueues.client.RoomClient;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Server heap per queued message and per parked receive, in a room server process of its own started for this:
 * live bytes from {@code jcmd GC.class_histogram} (which runs a full GC first) before and after filling queues with
 * ~100-byte messages, and before and after parking receives; the difference divided by the count.
 */
final class MemoryMode {

	static final String MESSAGE_PAD = BenchMessage.PAD + "YZ0123456789abcdefg";

	/** One repeat's figures and the classes that grew most, per item. */
	record Sample(double bytesPerMessage, double bytesPerParked, double jsonBytes, int messages, int parked,
			List<ClassHistogram.Delta> messageClasses, List<ClassHistogram.Delta> parkedClasses) {
	}

	private static final int QUEUES = 6;

	private final Path serverJar;

	private final Path log;

	private final int messages;

	private final int parked;

	private final PrintStream out;

	MemoryMode(Path serverJar, Path log, int messages, int parked, PrintStream out) {
		this.serverJar = serverJar;
		this.log = log;
		this.messages = messages;
		this.parked = parked;
		this.out = out;
	}

	static Map<String, Object> message(long n) {
		return Map.of("n", n, "pad", MESSAGE_PAD);
	}

	/** Starts the server, measures {@code repeats} times, stops it. */
	List<Sample> run(int repeats, Problems problems) throws Exception {
		List<Sample> samples = new ArrayList<>();
		try (Transports transports = new Transports();
				ServerProcess server = ServerProcess.startRoomServer(this.serverJar, this.log, List.of())) {
			transports.create(List.of("jdk"));
			RoomConnections connections = new RoomConnections(server.url, transports);
			try (RoomClient client = connections.connect("jdk")) {
				for (int repeat = 0; repeat < repeats; repeat++) {
					Sample sample = measure(server, client.queues(), repeat);
					samples.add(sample);
					this.out.printf(Locale.ROOT,
							"memory #%d: %.0f bytes per queued message (JSON %.1f bytes), %.0f bytes per parked receive%n",
							repeat + 1, sample.bytesPerMessage(), sample.jsonBytes(), sample.bytesPerParked());
				}
			}
		}
		catch (Exception ex) {
			problems.add("memory: " + ex);
		}
		return samples;
	}

	private Sample measure(ServerProcess server, QueuesClient queues, int repeat) throws Exception {
		String prefix = "bench-mem-" + repeat + "-";
		ClassHistogram empty = histogram(server);
		QueuePrefill.fill(queues, (i) -> prefix + (i % QUEUES), this.messages, MemoryMode::message);
		ClassHistogram full = histogram(server);
		for (int q = 0; q < QUEUES; q++) {
			queues.close(prefix + q).get(30, TimeUnit.SECONDS);
		}
		String parkQueue = prefix + "parked";
		queues.open(parkQueue).get(30, TimeUnit.SECONDS);
		ClassHistogram noneParked = histogram(server);
		List<CompletableFuture<ObjectNode>> receives = new ArrayList<>();
		for (int i = 0; i < this.parked; i++) {
			receives.add(queues.receive(parkQueue, false, true));
		}
		queues.list().get(30, TimeUnit.SECONDS); // answered after every receive before it was parked
		ClassHistogram allParked = histogram(server);
		queues.close(parkQueue).get(30, TimeUnit.SECONDS); // answers the parked receives with empty
		CompletableFuture.allOf(receives.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
		for (CompletableFuture<ObjectNode> receive : receives) {
			if (receive.join() != null) {
				throw new IllegalStateException("a parked receive got a message from a queue nobody sent to");
			}
		}
		return new Sample((full.totalBytes - empty.totalBytes) / (double) this.messages,
				(allParked.totalBytes - noneParked.totalBytes) / (double) this.parked, jsonBytes(), this.messages,
				this.parked,
				full.largestGrowth(empty, 8), allParked.largestGrowth(noneParked, 8));
	}

	/** The mean size of the queued messages written as compact JSON. */
	double jsonBytes() {
		JsonMapper mapper = JsonMapper.builder().build();
		long bytes = 0;
		for (int i = 0; i < this.messages; i++) {
			bytes += mapper.writeValueAsBytes(message(i)).length;
		}
		return bytes / (double) this.messages;
	}

	private static ClassHistogram histogram(ServerProcess server) throws Exception {
		return ClassHistogram.parse(Jcmd.run(server.pid(), "GC.class_histogram"));
	}

}
