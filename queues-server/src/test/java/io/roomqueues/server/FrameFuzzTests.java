package io.roomqueues.server;

import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import io.roomqueues.protocol.Content;
import io.roomqueues.protocol.EmptyContent;
import io.roomqueues.protocol.ErrorContent;
import io.roomqueues.protocol.JsonContent;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sends at least a million random and mangled frames over many connections to the embedded server, from a seeded
 * random source ({@code -Dfuzz.seed=<n>} repeats a run; the seed is printed), while a well-behaved control connection
 * does request and response all along. In the {@code fuzz} profile, which {@code .ci/run} runs.
 */
@Tag("fuzz")
class FrameFuzzTests {

	private static final int MAX_MESSAGE_SIZE = 256 * 1024;

	private static final long MAX_SERVER_QUEUED_BYTES = 64L * 1024 * 1024;

	private static final List<String> ROOMS = List.of("fuzz-0", "fuzz-1", "fuzz-2", "fuzz-3");

	private static final long MIB = 1024 * 1024;

	@Test
	@Timeout(value = 15, unit = TimeUnit.MINUTES)
	void aMillionMangledFramesCloseOnlyTheConnectionsThatSentThemAndTheServerServesOn() throws Exception {
		long seed = seed();
		long frameTarget = Long.getLong("fuzz.frames", 1_000_000);
		int workers = Integer.getInteger("fuzz.workers", 8);
		System.out.printf("Fuzz seed %d (repeat with -Dfuzz.seed=%d), %d frames over %d concurrent connections%n",
				seed, seed, frameTarget, workers);
		ServerLimits limits = ServerLimits.DEFAULTS.toBuilder()
			.maxMessageSize(MAX_MESSAGE_SIZE)
			.maxQueueLength(1000)
			.maxQueuedBytesPerRoom(16 * MIB)
			.maxQueuedBytesPerServer(MAX_SERVER_QUEUED_BYTES)
			.build();
		FuzzStats stats = new FuzzStats();
		JulCapture tomcatLog = JulCapture.start();
		try (LogCapture log = new LogCapture();
				RoomServer server = RoomServer.builder().secret("fuzz-secret-of-at-least-thirty-two-bytes")
					.limits(limits)
					.build()
					.start()) {
			long heapBefore = heapAfterGc();
			long started = System.nanoTime();
			AtomicBoolean running = new AtomicBoolean(true);
			LongAccumulator maxQueued = new LongAccumulator(Math::max, 0);
			ExecutorService threads = Executors.newFixedThreadPool(workers + 2);
			HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4)).build();
			try {
				Future<Long> control = threads.submit(() -> control(server, running, stats));
				threads.submit(() -> sample(server, running, maxQueued));
				SplittableRandom root = new SplittableRandom(seed);
				List<Future<Void>> fuzzers = new ArrayList<>();
				long deadline = started + TimeUnit.MINUTES.toNanos(10);
				for (int i = 0; i < workers; i++) {
					fuzzers.add(threads.submit(new FuzzWorker(i, root.split(), server, http, stats, frameTarget, deadline,
							MAX_MESSAGE_SIZE, ROOMS)));
				}
				for (Future<Void> fuzzer : fuzzers) {
					fuzzer.get(12, TimeUnit.MINUTES);
				}
				running.set(false);
				long roundTrips = control.get(1, TimeUnit.MINUTES);
				Duration took = Duration.ofNanos(System.nanoTime() - started);

				wellBehavedClientIsServed(server);
				Map<String, Integer> tripwires = tripwires(server);
				closeEveryQueue(server);
				await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
					assertThat(server.connectionCount()).isZero();
					assertThat(server.roomCount()).isZero();
				});
				long heapGrowth = heapAfterGc() - heapBefore;
				report(stats, took, roundTrips, maxQueued.get(), heapGrowth);

				assertThat(stats.violations).as("%d violations, the first ones", stats.violationCount.get()).isEmpty();
				assertThat(stats.frames.get()).as("frames sent within the time limit").isGreaterThanOrEqualTo(frameTarget);
				assertThat(tripwires).as("sends that followed a protocol violation on its connection took effect")
					.isEmpty();
				assertThat(server.queuedBytes()).as("bytes still counted after every queue was closed").isZero();
				assertThat(maxQueued.get()).isLessThanOrEqualTo(MAX_SERVER_QUEUED_BYTES);
				assertThat(heapGrowth).as("heap growth after GC, in bytes").isLessThan(64 * MIB);
				assertThat(unexpectedLogLines(log.text()))
					.as("errors, exceptions escaping a handler and other stack traces in the server log").isEmpty();
				assertThat(log.text().lines().filter((line) -> line.contains("Closing connection")).count())
					.as("closes the server logged, against those the clients saw with the server's reasons")
					.isEqualTo(stats.serverCloses());
				assertThat(tomcatLog.records()).as("Tomcat's warnings and errors")
					// Tomcat times the making of its session-id generator at every start; on a loaded machine it can
					// pass the 100 ms Tomcat warns at, which says nothing of this server
					.filteredOn((record) -> !record.contains("Creation of SecureRandom instance for session ID generation"))
					.isEmpty();
			}
			finally {
				running.set(false);
				threads.shutdownNow();
				http.executor().ifPresent((executor) -> ((ExecutorService) executor).shutdownNow());
			}
		}
		finally {
			tomcatLog.stop();
		}
	}

	/** A connection that does request and response all along: every call answered, its messages back exactly. */
	private static long control(RoomServer server, AtomicBoolean running, FuzzStats stats) {
		long roundTrips = 0;
		try (TestConnection control = TestConnection.open(server, ROOMS.get(0), "control")) {
			while (running.get()) {
				long seq = roundTrips++;
				Content sent = control.invoke("send", control.args("name", "control", "message", Map.of("seq", seq)))
					.get(10, TimeUnit.SECONDS);
				Content received = control.invoke("receive", control.args("name", "control", "wait", false))
					.get(10, TimeUnit.SECONDS);
				if (!EmptyContent.INSTANCE.equals(sent) || !(received instanceof JsonContent json)
						|| json.json().get("seq").longValue() != seq) {
					stats.violation("control: send answered " + sent + ", receive answered " + received);
				}
			}
			if (control.closed.isDone()) {
				stats.violation("control: closed by the server: " + control.closed.getNow(null));
			}
		}
		catch (Exception ex) {
			stats.violation("control: " + ex);
		}
		return roundTrips;
	}

	private static Void sample(RoomServer server, AtomicBoolean running, LongAccumulator maxQueued)
			throws InterruptedException {
		while (running.get()) {
			maxQueued.accumulate(server.queuedBytes());
			Thread.sleep(100);
		}
		return null;
	}

	/** A client that does everything right after the run is served: its messages come back in order. */
	private static void wellBehavedClientIsServed(RoomServer server) throws Exception {
		try (TestConnection client = TestConnection.open(server, ROOMS.get(1), "well-behaved")) {
			assertThat(client.invoke("open", client.args("name", "after-the-fuzz")).get(10, TimeUnit.SECONDS))
				.isEqualTo(EmptyContent.INSTANCE);
			CompletableFuture<Content> parked = client.invoke("receive",
					client.args("name", "after-the-fuzz", "wait", true));
			for (int n = 0; n < 3; n++) {
				assertThat(client.invoke("send", client.args("name", "after-the-fuzz", "message", Map.of("n", n)))
					.get(10, TimeUnit.SECONDS)).isEqualTo(EmptyContent.INSTANCE);
			}
			assertThat(((JsonContent) parked.get(10, TimeUnit.SECONDS)).json().get("n").intValue()).isZero();
			for (int n = 1; n < 3; n++) {
				Content received = client.invoke("receive", client.args("name", "after-the-fuzz", "wait", false))
					.get(10, TimeUnit.SECONDS);
				assertThat(((JsonContent) received).json().get("n").intValue()).isEqualTo(n);
			}
			assertThat(client.invoke("close", client.args("name", "after-the-fuzz")).get(10, TimeUnit.SECONDS))
				.isEqualTo(EmptyContent.INSTANCE);
		}
	}

	private static Map<String, Integer> tripwires(RoomServer server) {
		Map<String, Integer> found = new java.util.TreeMap<>();
		for (String room : ROOMS) {
			server.queues(room)
				.stream()
				.filter((queue) -> queue.name().equals(BrokenFrames.TRIPWIRE))
				.forEach((queue) -> found.put(room, queue.size()));
		}
		return found;
	}

	/** Closes every queue the run left, so that the rooms and every byte they held can go. */
	private static void closeEveryQueue(RoomServer server) throws Exception {
		for (String room : ROOMS) {
			try (TestConnection cleaner = TestConnection.open(server, room, "cleaner")) {
				JsonNode listed = ((JsonContent) cleaner.invoke("list", cleaner.args()).get(10, TimeUnit.SECONDS)).json();
				for (JsonNode queue : listed.get("queues")) {
					Content closed = cleaner.invoke("close", cleaner.args("name", queue.get("name").stringValue()))
						.get(10, TimeUnit.SECONDS);
					assertThat(closed).isNotInstanceOf(ErrorContent.class);
				}
			}
		}
	}

	private static void report(FuzzStats stats, Duration took, long roundTrips, long maxQueued, long heapGrowth) {
		StringBuilder report = new StringBuilder();
		report.append(String.format("Fuzz: %,d frames in %,d cases over %,d connections in %.1f s (%,.0f frames/s); "
				+ "%,d responses; control round trips %,d; max queued bytes %,d; heap growth after GC %,d bytes%n",
				stats.frames.get(), stats.cases.get(), stats.connections.get(), took.toMillis() / 1000.0,
				stats.frames.get() * 1e9 / took.toNanos(), stats.responses.get(), roundTrips, maxQueued, heapGrowth));
		report.append("Cases by kind:%n".formatted());
		stats.kinds().forEach((kind, count) -> report.append(String.format("  %,9d  %s%n", count, kind)));
		report.append("Closes by code and reason:%n".formatted());
		stats.closes().forEach((close, count) -> report.append(String.format("  %,9d  %s%n", count, close)));
		System.out.print(report);
	}

	/**
	 * The lines of the server log that show a fault: errors, and any stack trace but those of I/O failures the
	 * endpoint reports for a connection (a write that timed out, a socket already closed) when a client that broke
	 * the protocol is closed while it is still sending. An exception escaping a handler is reported by the same
	 * endpoint line, with its own exception, and shows here.
	 */
	static List<String> unexpectedLogLines(String log) {
		List<String> unexpected = new ArrayList<>();
		boolean inIoFailure = false;
		String previous = "";
		for (String line : log.lines().toList()) {
			if (previous.matches(".*RoomEndpoint - Session \\S+ failed")) {
				inIoFailure = line.matches("(java\\.io\\.\\w*Exception|java\\.nio\\.channels\\.\\w+Exception"
						+ "|java\\.net\\.\\w+Exception|org\\.apache\\.tomcat\\.websocket\\.WsIOException)\\b.*");
				if (!inIoFailure) {
					unexpected.add(previous);
					unexpected.add(line);
				}
			}
			else if (line.startsWith("\tat ") || line.startsWith("Caused by: ") || line.matches("\t\\.\\.\\. \\d+ more")) {
				if (!inIoFailure) {
					unexpected.add(line);
				}
			}
			else {
				inIoFailure = false;
				if (line.contains(" ERROR ")) {
					unexpected.add(line);
				}
			}
			previous = line;
		}
		return unexpected;
	}

	private static long seed() {
		String seed = System.getProperty("fuzz.seed", "20261128");
		return "random".equals(seed) ? new SplittableRandom().nextLong() : Long.parseLong(seed);
	}

	private static long heapAfterGc() {
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	/** Captures what Tomcat logs through java.util.logging at WARNING or above. */
	private static final class JulCapture extends Handler {

		private final List<String> records = new java.util.concurrent.CopyOnWriteArrayList<>();

		static JulCapture start() {
			JulCapture capture = new JulCapture();
			capture.setLevel(Level.WARNING);
			Logger.getLogger("").addHandler(capture);
			return capture;
		}

		List<String> records() {
			return this.records;
		}

		void stop() {
			Logger.getLogger("").removeHandler(this);
		}

		@Override
		public void publish(LogRecord record) {
			if (isLoggable(record)) {
				this.records.add(record.getLevel() + " " + record.getLoggerName() + ": " + record.getMessage()
						+ ((record.getThrown() != null) ? " " + record.getThrown() : ""));
			}
		}

		@Override
		public void flush() {
		}

		@Override
		public void close() {
		}

	}

}
