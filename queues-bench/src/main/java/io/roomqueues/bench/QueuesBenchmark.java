package io.roomqueues.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.roomqueues.client.QueuesClient;
import io.roomqueues.client.ReconnectPolicy;
import io.roomqueues.client.RoomClient;
import io.roomqueues.client.RoomHandshakeException;
import io.roomqueues.client.RoomUrls;
import io.roomqueues.client.transport.JdkWebSocketTransport;
import io.roomqueues.client.transport.WebSocketHandler;
import io.roomqueues.client.transport.WebSocketSession;
import io.roomqueues.client.transport.WebSocketTransport;
import io.roomqueues.protocol.MessageAssembler;
import io.roomqueues.protocol.MessageTypes;
import io.roomqueues.protocol.ProtocolException;
import io.roomqueues.protocol.ProtocolMessage;
import io.roomqueues.protocol.WireCodec;
import io.roomqueues.token.ParticipantToken;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Pipelined {@code queues.send} and {@code queues.receive} over one connection, JDK vs Tomcat WebSocket transport,
 * against the server jar started as a separate process on 127.0.0.1.
 *
 * <pre>
 * java -jar queues-bench/target/queues-bench.jar [--server-jar queues-server/target/queues-server.jar]
 *     [--warmup 3] [--measure 5] [--repeats 3] [--windows 1,16,256] [--transports jdk,tomcat]
 *     [--recv-messages 300000] [--recv-warmup 1] [--jit-warmup 5] [--recv-window 256] [--out results.md]
 * </pre>
 *
 * Every mode opens a fresh connection with the transport under test, runs warm-up then measurement, waits for every
 * request in flight, checks the queue contents against what was acknowledged, and closes the queue. Modes run
 * interleaved (each window: both transports back to back, their order alternating between repeats). Nothing here
 * asserts timings.
 */
public final class QueuesBenchmark {

	static final String SECRET = "bench-secret";

	/** jdk: the default JdkWebSocketTransport; the others are TomcatWebSocketTransport variants. */
	static final List<String> TRANSPORTS = List.of("jdk", "tomcat", "tomcat-batch", "tomcat-nodelay");

	static final String ROOM = "bench";

	/** ~60 characters of padding so a message is a realistic small JSON object. */
	static final String PAD = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWX";

	/** A send-mode queue is drained after this many sends, far below the server's 100,000 per-queue limit. */
	static final int DRAIN_EVERY = 50_000;

	/** Messages per queue when pre-filling for the receive mode. */
	static final int RECV_PER_QUEUE = 90_000;

	/** How long a window may see no completion at all before the mode is declared hung. */
	static final Duration STALL = Duration.ofSeconds(30);

	private final Options options;

	private final PrintStream out = System.out;

	private final List<String> problems = new ArrayList<>();

	private final Map<String, WebSocketTransport> transports = new LinkedHashMap<>();

	private ServerProcess server;

	private String token;

	private QueuesBenchmark(Options options) {
		this.options = options;
	}

	public static void main(String[] args) throws Exception {
		System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
		System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
		Options options;
		try {
			options = Options.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.println(Options.USAGE);
			System.exit(2);
			return;
		}
		int status = new QueuesBenchmark(options).run();
		System.exit(status);
	}

	private int run() throws Exception {
		long started = System.nanoTime();
		try (ServerProcess started0 = ServerProcess.start(this.options.serverJar, this.options.serverLog)) {
			this.server = started0;
			this.token = ParticipantToken.builder("bench").room(ROOM).build().toJwt(SECRET);
			for (String name : this.options.transports) {
				this.transports.put(name, createTransport(name));
			}
			this.out.println("# queues-bench " + LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME));
			this.out.println();
			this.out.println("- client JVM: " + jvm() + "; server JVM: same binary (" + javaBinary() + ")");
			this.out.println("- server: " + this.options.serverJar + " at " + this.server.url + " (pid " + this.server.pid()
					+ ")");
			this.out.println("- available processors: " + Runtime.getRuntime().availableProcessors()
					+ " (client and server share them)");
			this.out.println("- JIT warm-up " + this.options.jitWarmup + " s per transport (window 16, discarded); per mode: warm-up "
					+ this.options.warmup + " s, measure " + this.options.measure + " s, repeats "
					+ this.options.repeats + ", windows " + this.options.windows + ", receive pre-fill "
					+ this.options.recvMessages + " messages, receive warm-up " + this.options.recvWarmup + " s, receive window "
					+ this.options.recvWindow);
			this.out.println("- load average at start: " + loadAverage());
			this.out.println();
			handshakeChecks();
			for (String transport : this.options.transports) {
				closeCheck(transport);
			}
			List<Result> results = new ArrayList<>();
			try {
				// Both transports' code paths (and the server's) get JIT-compiled before anything is measured, so the
				// first measured mode is not penalised.
				if (this.options.jitWarmup > 0) {
					for (String transport : this.options.transports) {
						report(sendMode(transport, 16, -1, 0, this.options.jitWarmup));
					}
				}
				for (int repeat = 0; repeat < this.options.repeats; repeat++) {
					List<String> order = new ArrayList<>(this.options.transports);
					if (repeat % 2 == 1) {
						java.util.Collections.reverse(order);
					}
					for (int window : this.options.windows) {
						for (String transport : order) {
							results.add(report(sendMode(transport, window, repeat)));
						}
					}
					if (this.options.recvMessages > 0) {
						for (String transport : order) {
							results.add(report(receiveMode(transport, this.options.recvWindow, repeat)));
						}
					}
				}
			}
			catch (ServerGoneException ex) {
				// reported; print what was measured
			}
			String tables = Tables.render(results, this.options.transports);
			this.out.println();
			this.out.println(tables);
			this.out.println();
			this.out.println("Problems found: " + (this.problems.isEmpty() ? "none" : ""));
			this.problems.forEach((problem) -> this.out.println("- " + problem));
			this.out.printf(Locale.ROOT, "%nTotal time: %.1f s; load average at the end: %s%n",
					(System.nanoTime() - started) / 1e9, loadAverage());
			if (this.options.outFile != null) {
				Files.writeString(this.options.outFile, tables + System.lineSeparator() + "Problems found: "
						+ (this.problems.isEmpty() ? "none" : String.join("; ", this.problems)) + System.lineSeparator());
			}
			return this.problems.isEmpty() ? 0 : 1;
		}
		finally {
			for (WebSocketTransport transport : this.transports.values()) {
				if (transport instanceof TomcatWebSocketTransport tomcat) {
					tomcat.destroy();
				}
			}
		}
	}

	private static WebSocketTransport createTransport(String name) {
		return switch (name) {
			case "jdk" -> new JdkWebSocketTransport();
			case "tomcat" -> new TomcatWebSocketTransport(TomcatWebSocketTransport.Variant.PLAIN);
			case "tomcat-batch" -> new TomcatWebSocketTransport(TomcatWebSocketTransport.Variant.BATCHED);
			case "tomcat-nodelay" -> new TomcatWebSocketTransport(TomcatWebSocketTransport.Variant.NODELAY);
			default -> throw new IllegalArgumentException("unknown transport " + name + " " + TRANSPORTS);
		};
	}

	private RoomClient connect(String transport, String jwt) {
		RoomClient client = RoomClient.builder()
			.url(this.server.url)
			.room(ROOM)
			.token(jwt)
			.transport(this.transports.get(transport))
			.reconnect(ReconnectPolicy.NEVER)
			.connectTimeout(Duration.ofSeconds(10))
			.build();
		client.connect().join();
		return client;
	}

	/** A refused token must surface as a final handshake error with HTTP 403 on every transport. */
	private void handshakeChecks() {
		String wrongSecret = ParticipantToken.builder("bench").room(ROOM).build().toJwt("not-the-secret");
		String otherRoom = ParticipantToken.builder("bench").room("elsewhere").build().toJwt(SECRET);
		System.err.println("(two expected 'refused this client' errors per transport follow)");
		for (String transport : this.options.transports) {
			for (String jwt : List.of(wrongSecret, otherRoom)) {
				String outcome;
				try (RoomClient client = RoomClient.builder()
					.url(this.server.url)
					.room(ROOM)
					.token(jwt)
					.transport(this.transports.get(transport))
					.reconnect(ReconnectPolicy.NEVER)
					.build()) {
					client.connect().join();
					outcome = "connected (expected HTTP 403)";
				}
				catch (CompletionException ex) {
					Throwable cause = ex.getCause();
					if (cause instanceof RoomHandshakeException handshake && handshake.status() == 403) {
						outcome = null;
					}
					else {
						outcome = String.valueOf(cause);
					}
				}
				if (outcome != null) {
					problem(transport + ": a refused token did not give RoomHandshakeException 403: " + outcome);
				}
			}
			this.out.println("- handshake check (" + transport + "): bad token and wrong room both refused with 403: "
					+ (this.problems.stream().noneMatch((p) -> p.startsWith(transport + ": a refused")) ? "ok" : "FAILED"));
		}
	}

	/**
	 * The transport contract the room client relies on when it closes: after {@code close()}, responses already on
	 * their way still reach the handler, and {@code onClose} comes once, after them (when the server has closed);
	 * {@code abort()} reports {@code onClose} once as well.
	 */
	private void closeCheck(String name) {
		WebSocketTransport transport = this.transports.get(name);
		int requests = 200;
		String outcome;
		try {
			WireCodec codec = new WireCodec(JsonMapper.builder().build());
			URI uri = RoomUrls.roomUri(this.server.url, ROOM, this.token);
			Map<String, String> headers = Map.of("Authorization", "Bearer " + this.token);
			// 1. close() with responses still on their way
			Recording recording = new Recording();
			WebSocketSession socket = transport.connect(uri, headers, Duration.ofSeconds(10), recording)
				.get(10, TimeUnit.SECONDS);
			if (!recording.greeted.await(5, TimeUnit.SECONDS)) {
				throw new IllegalStateException("no room_ready and connected within 5 s");
			}
			ObjectNode header = codec.jsonMapper().createObjectNode().put("toolkit", "queues").put("tool", "list");
			header.putObject("arguments").put("type", "json").putObject("json");
			List<CompletableFuture<Void>> writes = new ArrayList<>();
			for (int id = 0; id < requests; id++) {
				writes.add(socket.send(codec.encode(id, MessageTypes.INVOKE_TOOL, header)));
			}
			recording.event("close() called");
			socket.close(1000, "bench close check");
			if (!recording.closed.await(10, TimeUnit.SECONDS)) {
				throw new IllegalStateException("onClose not called within 10 s of close()");
			}
			Thread.sleep(100); // a second onClose would show up here
			CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
			List<String> events = recording.events();
			int closeAt = events.indexOf("close() called");
			long afterClose = events.subList(closeAt, events.size()).stream().filter((e) -> e.startsWith("response")).count();
			long responses = events.stream().filter((e) -> e.startsWith("response")).count();
			long closes = events.stream().filter((e) -> e.startsWith("onClose")).count();
			boolean closeLast = events.get(events.size() - 1).startsWith("onClose");
			if (responses != requests || closes != 1 || !closeLast) {
				outcome = "close(): " + responses + "/" + requests + " responses reached the handler (" + afterClose
						+ " after close() was called), onClose called " + closes + " time(s)"
						+ (closeLast ? "" : ", not after the last response") + "; events: " + summarize(events);
			}
			else {
				outcome = null;
				this.out.println("- close check (" + name + "): all " + requests + " responses (" + afterClose
						+ " of them after close() was called) reached the handler before one onClose ("
						+ events.get(events.size() - 1) + "): ok");
			}
			// 2. abort()
			Recording aborted = new Recording();
			WebSocketSession other = transport.connect(uri, headers, Duration.ofSeconds(10), aborted)
				.get(10, TimeUnit.SECONDS);
			aborted.greeted.await(5, TimeUnit.SECONDS);
			other.abort();
			boolean reported = aborted.closed.await(5, TimeUnit.SECONDS);
			Thread.sleep(100);
			long abortCloses = aborted.events().stream().filter((e) -> e.startsWith("onClose")).count();
			if (!reported || abortCloses != 1) {
				String text = "abort(): onClose called " + abortCloses + " time(s) within 5 s";
				outcome = (outcome == null) ? text : outcome + "; " + text;
			}
			else {
				this.out.println("- abort check (" + name + "): onClose called once (" + aborted.events()
					.stream()
					.filter((e) -> e.startsWith("onClose"))
					.findFirst()
					.orElse("") + "): ok");
			}
		}
		catch (Exception ex) {
			outcome = "close check failed: " + ex;
		}
		if (outcome != null) {
			problem(name + ": transport close contract: " + outcome);
		}
	}

	private static String summarize(List<String> events) {
		List<String> compact = new ArrayList<>();
		String last = null;
		int repeats = 0;
		for (String event : events) {
			String kind = event.startsWith("response") ? "response" : event;
			if (kind.equals(last)) {
				repeats++;
				continue;
			}
			if (last != null) {
				compact.add(last + ((repeats > 1) ? " x" + repeats : ""));
			}
			last = kind;
			repeats = 1;
		}
		if (last != null) {
			compact.add(last + ((repeats > 1) ? " x" + repeats : ""));
		}
		return String.join(", ", compact);
	}

	/** A handler that records what reaches it, in order. */
	static final class Recording implements WebSocketHandler, MessageAssembler.Listener {

		final CountDownLatch greeted = new CountDownLatch(2);

		final CountDownLatch closed = new CountDownLatch(1);

		private final MessageAssembler assembler = new MessageAssembler(WireCodec.DEFAULT_MAX_MESSAGE_SIZE);

		private final List<String> events = new ArrayList<>();

		synchronized void event(String event) {
			this.events.add(event);
		}

		synchronized List<String> events() {
			return new ArrayList<>(this.events);
		}

		@Override
		public void onFrame(ByteBuffer frame) {
			this.assembler.accept(frame, this);
		}

		@Override
		public void onClose(int code, String reason) {
			event("onClose " + code + (reason.isEmpty() ? "" : " " + reason));
			this.closed.countDown();
		}

		@Override
		public void onMessage(ProtocolMessage message) {
			switch (message.type()) {
				case MessageTypes.ROOM_READY, MessageTypes.CONNECTED -> this.greeted.countDown();
				case MessageTypes.RESPONSE -> event("response " + message.id());
				default -> event(message.type());
			}
		}

		@Override
		public void onError(ProtocolException error) {
			event("malformed: " + error.getMessage());
		}

	}

	private Result sendMode(String transport, int window, int repeat) throws InterruptedException {
		return sendMode(transport, window, repeat, this.options.warmup, this.options.measure);
	}

	private Result sendMode(String transport, int window, int repeat, int warmup, int measure)
			throws InterruptedException {
		String queue = "bench-send-" + transport + "-w" + window;
		Result result = new Result((repeat < 0) ? "jit-warm-up (discarded)" : "send", transport, window, repeat);
		try (RoomClient client = connect(transport, this.token)) {
			QueuesClient queues = client.queues();
			Pipeline pipeline = new Pipeline(window, warmup, measure, this.server);
			AtomicLong drains = new AtomicLong();
			long[] epoch = { 0 };
			Map<Long, AtomicLong> okPerEpoch = new java.util.concurrent.ConcurrentHashMap<>();
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
					epoch[0]++;
					sinceDrain = 0;
				}
				sinceDrain++;
				AtomicLong ok = okPerEpoch.computeIfAbsent(epoch[0], (e) -> new AtomicLong());
				long n = i;
				pipeline.issue(() -> queues.send(queue, Map.of("n", n, "pad", PAD)), (value) -> {
					ok.incrementAndGet();
					return true;
				});
			}
			pipeline.finish(result, client);
			for (CompletableFuture<Void> drain : drainCalls) {
				try {
					drain.get(10, TimeUnit.SECONDS);
				}
				catch (Exception ex) {
					result.problem("drain failed: " + ex);
				}
			}
			if (result.lost == 0) {
				long expected = okPerEpoch.getOrDefault(epoch[0], new AtomicLong()).get();
				int size = queueSize(queues, queue);
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

	private Result receiveMode(String transport, int window, int repeat) throws InterruptedException {
		int total = this.options.recvMessages;
		int queueCount = (total + RECV_PER_QUEUE - 1) / RECV_PER_QUEUE;
		String prefix = "bench-recv-" + transport + "-";
		Result result = new Result("receive", transport, window, repeat);
		try (RoomClient client = connect(transport, this.token)) {
			QueuesClient queues = client.queues();
			// Pre-fill over the same connection, pipelined, not measured.
			long fillStart = System.nanoTime();
			Semaphore fill = new Semaphore(256);
			AtomicLong fillErrors = new AtomicLong();
			for (int i = 0; i < total; i++) {
				if (!fill.tryAcquire(STALL.toSeconds(), TimeUnit.SECONDS)) {
					throw new IllegalStateException("pre-fill stalled with 256 sends in flight");
				}
				queues.send(prefix + (i % queueCount), Map.of("n", i, "pad", PAD)).whenComplete((v, error) -> {
					if (error != null) {
						fillErrors.incrementAndGet();
					}
					fill.release();
				});
			}
			if (!fill.tryAcquire(256, STALL.toSeconds(), TimeUnit.SECONDS)) {
				throw new IllegalStateException("pre-fill: " + (256 - fill.availablePermits()) + " sends never completed");
			}
			if (fillErrors.get() > 0) {
				throw new IllegalStateException(fillErrors.get() + " pre-fill sends failed");
			}
			double fillSeconds = (System.nanoTime() - fillStart) / 1e9;
			BitSet seen = new BitSet(total);
			AtomicLong duplicates = new AtomicLong();
			AtomicLong received = new AtomicLong();
			Pipeline pipeline = new Pipeline(window, this.options.recvWarmup, this.options.measure, this.server);
			for (long i = 0;; i++) {
				if (!pipeline.acquire()) {
					break;
				}
				String queue = prefix + (i % queueCount);
				pipeline.issue(() -> queues.receive(queue, false, false), (message) -> {
					if (message == null) {
						return false;
					}
					int n = message.path("n").asInt(-1);
					synchronized (seen) {
						if (n < 0 || n >= total || seen.get(n)) {
							duplicates.incrementAndGet();
						}
						else {
							seen.set(n);
						}
					}
					received.incrementAndGet();
					return true;
				});
			}
			pipeline.finish(result, client);
			if (pipeline.exhaustedBeforeMeasure()) {
				result.problem("pre-fill of " + total + " ran out during warm-up; raise --recv-messages");
			}
			if (duplicates.get() > 0) {
				result.problem(duplicates.get() + " duplicate or unknown messages received");
			}
			if (result.lost == 0) {
				int remaining = 0;
				for (int q = 0; q < queueCount; q++) {
					remaining += queueSize(queues, prefix + q);
				}
				if (received.get() + remaining != total) {
					result.problem("received " + received.get() + " + left " + remaining + " != pre-filled " + total);
				}
			}
			for (int q = 0; q < queueCount; q++) {
				queues.close(prefix + q).get(30, TimeUnit.SECONDS);
			}
			result.note = String.format(Locale.ROOT, "pre-fill %d in %.1f s (%.0f/s)%s", total, fillSeconds,
					total / fillSeconds, pipeline.exhaustedAt > 0 ? ", queue emptied during measurement" : "");
		}
		catch (Exception ex) {
			result.problem("mode failed: " + ex);
		}
		return result;
	}

	private static int queueSize(QueuesClient queues, String name) throws Exception {
		return queues.list()
			.get(30, TimeUnit.SECONDS)
			.stream()
			.filter((q) -> q.name().equals(name))
			.mapToInt(io.roomqueues.client.Queue::size)
			.findFirst()
			.orElse(0);
	}

	private Result report(Result result) {
		this.out.println(result.line());
		for (String problem : result.problems) {
			problem(result.label() + ": " + problem);
		}
		if (!this.server.process.isAlive()) {
			problem("the server process exited (code " + this.server.process.exitValue() + ") during " + result.label()
					+ "; see " + this.options.serverLog);
			throw new ServerGoneException();
		}
		return result;
	}

	private void problem(String text) {
		this.problems.add(text);
		System.err.println("PROBLEM: " + text);
	}

	static String loadAverage() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).trim();
		}
		catch (IOException ex) {
			return "?";
		}
	}

	static String jvm() {
		return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
	}

	static String javaBinary() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	/** Ends the run early: the server process is gone. */
	static final class ServerGoneException extends RuntimeException {

		private static final long serialVersionUID = 1L;

	}

	/** A window of requests in flight, with completion counts and latencies inside the measured interval. */
	static final class Pipeline {

		private final int window;

		private final Semaphore permits;

		private final long warmEnd;

		private final long measureEnd;

		private final ServerProcess server;

		private final Object lock = new Object();

		private long[] latencies = new long[1 << 16];

		private int count;

		private long errors;

		private String firstError;

		private long issued;

		volatile long exhaustedAt;

		private boolean measuring;

		private long clientCpuStart;

		private long serverCpuStart;

		private long wallStart;

		private double clientCores;

		private double serverCores;

		private long machineBusyStart;

		private double otherCores;

		Pipeline(int window, int warmupSeconds, int measureSeconds, ServerProcess server) {
			this.window = window;
			this.permits = new Semaphore(window);
			long now = System.nanoTime();
			this.warmEnd = now + TimeUnit.SECONDS.toNanos(warmupSeconds);
			this.measureEnd = this.warmEnd + TimeUnit.SECONDS.toNanos(measureSeconds);
			this.server = server;
		}

		/**
		 * Waits for a free slot; false once time is up, the source ran dry, a request failed (the run is then
		 * reported as a problem, and a lost connection would only produce more failures), or nothing completes any
		 * more.
		 */
		boolean acquire() throws InterruptedException {
			if (!this.permits.tryAcquire(STALL.toSeconds(), TimeUnit.SECONDS)) {
				synchronized (this.lock) {
					this.errors++;
					if (this.firstError == null) {
						this.firstError = "stall: no completion for " + STALL.toSeconds() + " s with " + this.window
								+ " requests in flight";
					}
				}
				return false;
			}
			long now = System.nanoTime();
			if (!this.measuring && now >= this.warmEnd) {
				this.measuring = true;
				this.wallStart = now;
				this.clientCpuStart = clientCpuNanos();
				this.serverCpuStart = this.server.cpuNanos();
				this.machineBusyStart = machineBusyNanos();
			}
			boolean failed;
			synchronized (this.lock) {
				failed = this.errors > 0;
			}
			if (now >= this.measureEnd || this.exhaustedAt != 0 || failed) {
				this.permits.release();
				if (this.measuring && this.clientCores == 0) {
					double wall = now - this.wallStart;
					this.clientCores = (clientCpuNanos() - this.clientCpuStart) / wall;
					this.serverCores = (this.server.cpuNanos() - this.serverCpuStart) / wall;
					double machine = (machineBusyNanos() - this.machineBusyStart) / wall;
					this.otherCores = Math.max(0, machine - this.clientCores - this.serverCores);
				}
				return false;
			}
			this.issued++;
			return true;
		}

		/**
		 * Starts one request.
		 * @param onSuccess told the result; returns false when the source is empty (a receive answered empty)
		 */
		<T> void issue(Supplier<CompletableFuture<T>> request, java.util.function.Predicate<T> onSuccess) {
			long start = System.nanoTime();
			CompletableFuture<T> future;
			try {
				future = request.get();
			}
			catch (RuntimeException ex) {
				future = CompletableFuture.failedFuture(ex);
			}
			future.whenComplete((value, error) -> {
				long end = System.nanoTime();
				try {
					if (error != null) {
						synchronized (this.lock) {
							this.errors++;
							if (this.firstError == null) {
								this.firstError = String.valueOf(unwrap(error));
							}
						}
					}
					else if (!onSuccess.test(value)) {
						if (this.exhaustedAt == 0) {
							this.exhaustedAt = end;
						}
					}
					else if (end >= this.warmEnd && end < this.measureEnd
							&& (this.exhaustedAt == 0 || end < this.exhaustedAt)) {
						record(end - start);
					}
				}
				finally {
					this.permits.release();
				}
			});
		}

		boolean exhaustedBeforeMeasure() {
			return this.exhaustedAt != 0 && this.exhaustedAt < this.warmEnd;
		}

		private void record(long nanos) {
			synchronized (this.lock) {
				if (this.count == this.latencies.length) {
					this.latencies = Arrays.copyOf(this.latencies, this.count * 2);
				}
				this.latencies[this.count++] = nanos;
			}
		}

		/** Waits for everything in flight and fills in the result. */
		void finish(Result result, RoomClient client) throws InterruptedException {
			boolean drained = this.permits.tryAcquire(this.window, STALL.toSeconds(), TimeUnit.SECONDS);
			if (!drained) {
				result.lost = this.window - this.permits.availablePermits();
				result.problem(result.lost + " requests never completed within " + STALL.toSeconds()
						+ " s after the run (client reports " + client.pendingRequests() + " pending, state "
						+ client.state() + ")");
			}
			long end = (this.exhaustedAt != 0 && this.exhaustedAt < this.measureEnd) ? this.exhaustedAt : this.measureEnd;
			double seconds = Math.max(0, end - this.warmEnd) / 1e9;
			synchronized (this.lock) {
				long[] sorted = Arrays.copyOf(this.latencies, this.count);
				Arrays.sort(sorted);
				result.completed = this.count;
				result.seconds = seconds;
				result.rate = (seconds > 0) ? this.count / seconds : 0;
				result.p50 = percentile(sorted, 0.50);
				result.p99 = percentile(sorted, 0.99);
				result.p999 = percentile(sorted, 0.999);
				result.errors = this.errors;
				result.issued = this.issued;
				if (this.errors > 0) {
					result.problem(this.errors + " requests failed; first: " + this.firstError);
				}
			}
			result.clientCores = this.clientCores;
			result.serverCores = this.serverCores;
			result.otherCores = this.otherCores;
		}

		private static double percentile(long[] sorted, double p) {
			if (sorted.length == 0) {
				return Double.NaN;
			}
			int index = (int) Math.ceil(p * sorted.length) - 1;
			return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1000.0;
		}

		/**
		 * User, nice and system time of all CPUs from /proc/stat, in nanoseconds: the same kinds of time a process's
		 * utime + stime count, so that minus client and server it leaves what other processes used (irq and softirq
		 * time, which loopback traffic causes, is left out on both sides).
		 */
		static long machineBusyNanos() {
			try {
				String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
				long ticks = 0;
				for (int i : new int[] { 1, 2, 3 }) {
					ticks += Long.parseLong(fields[i]);
				}
				return ticks * 10_000_000L;
			}
			catch (IOException | RuntimeException ex) {
				return 0;
			}
		}

		private static long clientCpuNanos() {
			var os = ManagementFactory.getOperatingSystemMXBean();
			if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
				return sun.getProcessCpuTime();
			}
			return 0;
		}

		private static Throwable unwrap(Throwable error) {
			Throwable cause = error;
			while (cause instanceof CompletionException && cause.getCause() != null) {
				cause = cause.getCause();
			}
			return cause;
		}

	}

	/** One measured mode. */
	static final class Result {

		final String mode;

		final String transport;

		final int window;

		final int repeat;

		final List<String> problems = new ArrayList<>();

		long issued;

		long completed;

		long errors;

		long lost;

		double seconds;

		double rate;

		double p50;

		double p99;

		double p999;

		double clientCores;

		double serverCores;

		/** Cores used by other processes on the machine during the measured interval (noise). */
		double otherCores;

		String note = "";

		Result(String mode, String transport, int window, int repeat) {
			this.mode = mode;
			this.transport = transport;
			this.window = window;
			this.repeat = repeat;
		}

		void problem(String text) {
			this.problems.add(text);
		}

		String label() {
			return this.mode + " " + this.transport + " w" + this.window + ((this.repeat >= 0) ? " #" + (this.repeat + 1) : "");
		}

		String line() {
			return String.format(Locale.ROOT,
					"%-22s %9.0f /s  p50 %8.1f us  p99 %8.1f us  p99.9 %8.1f us  (%d in %.2f s; cpu client %.2f server %.2f other %.2f; errors %d; %s)",
					label(), this.rate, this.p50, this.p99, this.p999, this.completed, this.seconds, this.clientCores,
					this.serverCores, this.otherCores, this.errors, this.note);
		}

	}

	/** The server jar as a child process, stopped with SIGTERM (then killed) on close and at JVM exit. */
	static final class ServerProcess implements AutoCloseable {

		final Process process;

		final String url;

		private final Thread hook;

		private ServerProcess(Process process, String url) {
			this.process = process;
			this.url = url;
			this.hook = new Thread(this::stop, "stop-server");
			Runtime.getRuntime().addShutdownHook(this.hook);
		}

		static ServerProcess start(Path jar, Path log) throws IOException, InterruptedException {
			if (!Files.isRegularFile(jar)) {
				throw new IllegalArgumentException("server jar not found: " + jar.toAbsolutePath()
						+ " (build it with: mvn -B -ntp -pl queues-server -am package -DskipTests)");
			}
			int port;
			try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
				port = probe.getLocalPort();
			}
			String url = "ws://127.0.0.1:" + port;
			ProcessBuilder builder = new ProcessBuilder(javaBinary(), "-jar", jar.toString(), "--host", "127.0.0.1",
					"--port", Integer.toString(port), "--secret", SECRET);
			builder.redirectErrorStream(true);
			Process process = builder.start();
			ServerProcess server = null;
			try {
				CountDownLatch ready = new CountDownLatch(1);
				Thread reader = new Thread(() -> {
					try (BufferedReader lines = new BufferedReader(
							new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
							var logOut = Files.newBufferedWriter(log)) {
						String line;
						while ((line = lines.readLine()) != null) {
							logOut.write(line);
							logOut.newLine();
							logOut.flush();
							if (line.contains(url)) {
								ready.countDown();
							}
						}
					}
					catch (IOException ex) {
						// the process ended
					}
				}, "server-output");
				reader.setDaemon(true);
				reader.start();
				long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
				while (!ready.await(100, TimeUnit.MILLISECONDS)) {
					if (!process.isAlive()) {
						throw new IllegalStateException("server exited with " + process.exitValue()
								+ " before it was ready; see " + log);
					}
					if (System.nanoTime() > deadline) {
						throw new IllegalStateException("server printed no " + url + " within 60 s; see " + log);
					}
				}
				server = new ServerProcess(process, url);
				return server;
			}
			finally {
				if (server == null) {
					process.destroyForcibly();
				}
			}
		}

		long pid() {
			return this.process.pid();
		}

		/** utime + stime of the server process from /proc, in nanoseconds (0 where /proc is missing). */
		long cpuNanos() {
			try {
				String stat = Files.readString(Path.of("/proc", Long.toString(pid()), "stat"));
				String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
				long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
				return ticks * 10_000_000L; // USER_HZ = 100
			}
			catch (IOException | RuntimeException ex) {
				return 0;
			}
		}

		private void stop() {
			if (!this.process.isAlive()) {
				return;
			}
			this.process.destroy();
			try {
				if (!this.process.waitFor(15, TimeUnit.SECONDS)) {
					this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
				}
			}
			catch (InterruptedException ex) {
				this.process.destroyForcibly();
				Thread.currentThread().interrupt();
			}
		}

		@Override
		public void close() {
			stop();
			System.out.println("- server process " + pid() + " stopped"
					+ (this.process.isAlive() ? " (NOT: still alive)" : ", exit code " + this.process.exitValue()));
			try {
				Runtime.getRuntime().removeShutdownHook(this.hook);
			}
			catch (IllegalStateException ex) {
				// already shutting down
			}
		}

	}

	/** Command-line options. */
	static final class Options {

		static final String USAGE = "usage: java -jar queues-bench.jar [--server-jar <path>] [--warmup <s>] "
				+ "[--measure <s>] [--repeats <n>] [--windows 1,16,256] [--transports jdk,tomcat[,tomcat-batch,tomcat-nodelay]] "
				+ "[--recv-messages <n, 0 = skip>] [--recv-warmup <s>] [--jit-warmup <s>] [--recv-window <n>] [--server-log <path>] [--out <path>]";

		Path serverJar = Path.of("queues-server/target/queues-server.jar");

		Path serverLog = Path.of("queues-bench/target/bench-server.log");

		Path outFile;

		int warmup = 3;

		int measure = 5;

		int repeats = 3;

		List<Integer> windows = List.of(1, 16, 256);

		List<String> transports = List.of("jdk", "tomcat");

		int recvMessages = 300_000;

		int recvWarmup = 1;

		int jitWarmup = 5;

		int recvWindow = 256;

		static Options parse(String[] args) {
			Options options = new Options();
			for (int i = 0; i < args.length; i++) {
				String option = args[i];
				if (!option.startsWith("--")) {
					options.serverJar = Path.of(option);
					continue;
				}
				if (i + 1 >= args.length) {
					throw new IllegalArgumentException(option + " needs a value");
				}
				String value = args[++i];
				switch (option) {
					case "--server-jar" -> options.serverJar = Path.of(value);
					case "--server-log" -> options.serverLog = Path.of(value);
					case "--out" -> options.outFile = Path.of(value);
					case "--warmup" -> options.warmup = number(option, value, 0);
					case "--measure" -> options.measure = number(option, value, 1);
					case "--repeats" -> options.repeats = number(option, value, 1);
					case "--recv-messages" -> options.recvMessages = number(option, value, 0);
					case "--jit-warmup" -> options.jitWarmup = number(option, value, 0);
					case "--recv-warmup" -> options.recvWarmup = number(option, value, 0);
					case "--recv-window" -> options.recvWindow = number(option, value, 1);
					case "--windows" -> options.windows = Arrays.stream(value.split(","))
						.map((w) -> number(option, w.trim(), 1))
						.toList();
					case "--transports" -> options.transports = Arrays.stream(value.split(","))
						.map(String::trim)
						.peek((t) -> {
							if (!TRANSPORTS.contains(t)) {
								throw new IllegalArgumentException("unknown transport " + t + " " + TRANSPORTS);
							}
						})
						.toList();
					default -> throw new IllegalArgumentException("unknown option " + option);
				}
			}
			if (options.serverLog.getParent() != null && !Files.isDirectory(options.serverLog.getParent())) {
				options.serverLog = Path.of(System.getProperty("java.io.tmpdir"), "queues-bench-server.log");
			}
			return options;
		}

		private static int number(String option, String value, int min) {
			try {
				int number = Integer.parseInt(value);
				if (number < min) {
					throw new IllegalArgumentException(option + " must be at least " + min);
				}
				return number;
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException(option + " needs a whole number, not '" + value + "'");
			}
		}

	}

}
