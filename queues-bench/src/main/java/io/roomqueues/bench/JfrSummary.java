package io.roomqueues.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Aggregates the {@code jdk.ExecutionSample} events of a JFR recording (what {@code jfr print --events
 * jdk.ExecutionSample} lists): the share of samples per top frame (self), per method anywhere on the stack
 * (inclusive), per top frame's package and per thread. Runnable alone:
 * {@code java -cp queues-bench.jar io.roomqueues.bench.JfrSummary <file.jfr> [rows]}.
 */
final class JfrSummary {

	final long samples;

	final Map<String, Long> self = new HashMap<>();

	final Map<String, Long> inclusive = new HashMap<>();

	final Map<String, Long> packages = new HashMap<>();

	final Map<String, Long> threads = new HashMap<>();

	/** Inclusive counts of this project's own methods ({@code io.roomqueues}). */
	final Map<String, Long> ours = new HashMap<>();

	/** Samples per {@link #CATEGORIES} entry. */
	final Map<String, Long> categories = new HashMap<>();

	/**
	 * Where a sample's time goes: the first category, in this order, that any frame of its stack matches (full class
	 * name, dot, method name). The order puts the specific work (JSON, WebSocket encoding, socket writes) ahead of
	 * the code that calls it.
	 */
	static final List<Map.Entry<String, Pattern>> CATEGORIES = List.of(
			category("bench harness bookkeeping (outside the measured interval)",
					"\\.(LatencyRecorder\\.sorted|Pipeline\\.finish|CpuUsage\\.|Machine\\.)"),
			category("JFR itself", "^jdk\\.jfr\\."),
			category("JSON: value -> tree (send's toObject)", "\\.ObjectMapper\\.valueToTree|\\.QueuesClient\\.toObject"),
			category("JSON: tree -> bytes (encode)",
					"\\.(WireCodec\\.encode|WireCodec\\.encodeResponse|PayloadCodec\\.pack|ContentCodec\\.encode)"),
			category("JSON: bytes -> tree (decode)",
					"\\.(WireCodec\\.decodePayload|WireCodec\\.decodeResponse|PayloadCodec\\.unpack|ContentCodec\\.fromHeader|ContentCodec\\.decode|RequestReader\\.read)"),
			category("JDK WebSocket: frame encode + masking", "\\.websocket\\.MessageEncoder\\."),
			category("JDK WebSocket: send task + socket write",
					"\\.websocket\\.TransportImpl\\$SendTask|\\.websocket\\.TransportImpl\\.write|SocketTube\\$InternalWriteSubscriber"),
			category("JDK WebSocket: socket read + frame decode",
					"\\.websocket\\.TransportImpl\\$ReceiveTask|\\.websocket\\.Frame\\$Reader|SocketTube\\$InternalReadPublisher|RawChannelTube"),
			category("Netty WebSocket: frame encode + masking", "\\.websocketx\\.WebSocket08FrameEncoder\\."),
			category("Netty: socket write + flush", "io\\.netty\\.channel\\.socket\\.nio\\.NioSocketChannel\\.doWrite|AbstractNioByteChannel\\.doWrite"),
			category("Tomcat WebSocket: write (blocking sendBinary)", "\\.WsRemoteEndpointImplBase\\."),
			category("queue logic (room, queues, parking)", "io\\.roomqueues\\.server\\.(QueuesToolkit|Room|RoomQueue|ParkedReceive)\\."),
			category("client request bookkeeping (pending map, futures)",
					"io\\.roomqueues\\.client\\.RoomSession\\.(request|response)|java\\.util\\.concurrent\\.CompletableFuture"),
			category("frame reassembly (MessageAssembler, FrameAccumulator)",
					"io\\.roomqueues\\.protocol\\.(MessageAssembler|FrameAccumulator)\\."),
			category("Netty: socket read + frame decode (and the rest of the event loop)",
					"\\.websocketx\\.WebSocket08FrameDecoder\\.|AbstractNioByteChannel\\$NioByteUnsafe\\.read"),
			category("Tomcat WebSocket: read, unmask, dispatch (and the rest of its read thread)",
					"org\\.apache\\.tomcat\\.websocket\\.(WsFrameBase|WsFrameServer|WsFrameClient)|UnmaskTransformation"),
			category("selector / poller threads", "SelectorManager|EPoll|Poller"));

	private JfrSummary(long samples) {
		this.samples = samples;
	}

	static JfrSummary read(Path recording) throws IOException {
		List<RecordedEvent> events = RecordingFile.readAllEvents(recording);
		long count = events.stream().filter(JfrSummary::isSample).count();
		JfrSummary summary = new JfrSummary(count);
		for (RecordedEvent event : events) {
			if (isSample(event)) {
				summary.add(event);
			}
		}
		return summary;
	}

	private static boolean isSample(RecordedEvent event) {
		return "jdk.ExecutionSample".equals(event.getEventType().getName());
	}

	private void add(RecordedEvent event) {
		RecordedThread thread = event.getThread("sampledThread");
		String threadName = (thread != null) ? threadGroup(thread.getJavaName()) : "?";
		this.threads.merge(threadName, 1L, Long::sum);
		RecordedStackTrace stack = event.getStackTrace();
		if (stack == null || stack.getFrames().isEmpty()) {
			this.self.merge("(no stack)", 1L, Long::sum);
			return;
		}
		List<RecordedFrame> frames = stack.getFrames();
		String top = name(frames.get(0).getMethod());
		this.self.merge(top, 1L, Long::sum);
		this.packages.merge(packageOf(frames.get(0).getMethod()), 1L, Long::sum);
		this.categories.merge(categorize(frames), 1L, Long::sum);
		Set<String> seen = new HashSet<>();
		for (RecordedFrame frame : frames) {
			String method = name(frame.getMethod());
			if (seen.add(method)) {
				this.inclusive.merge(method, 1L, Long::sum);
				if (frame.getMethod().getType().getName().startsWith("io.roomqueues.")) {
					this.ours.merge(method, 1L, Long::sum);
				}
			}
		}
	}

	private static Map.Entry<String, Pattern> category(String name, String regex) {
		return Map.entry(name, Pattern.compile(regex));
	}

	static String categorize(List<RecordedFrame> frames) {
		List<String> names = frames.stream()
			.map((f) -> f.getMethod().getType().getName() + "." + f.getMethod().getName())
			.toList();
		return categorize(names);
	}

	/** @param frames full class name, dot, method name; innermost first */
	static String categorize(Collection<String> frames) {
		for (Map.Entry<String, Pattern> category : CATEGORIES) {
			for (String frame : frames) {
				if (category.getValue().matcher(frame).find()) {
					return category.getKey();
				}
			}
		}
		return "other";
	}

	/** Thread names without their numbers, so that pools add up: "HttpClient-1-Worker-3" → "HttpClient-#-Worker-#". */
	static String threadGroup(String name) {
		return (name == null) ? "?" : name.replaceAll("\\d+", "#");
	}

	static String name(RecordedMethod method) {
		String type = method.getType().getName();
		return type.substring(type.lastIndexOf('.') + 1) + "." + method.getName();
	}

	static String packageOf(RecordedMethod method) {
		String type = method.getType().getName();
		int dot = type.lastIndexOf('.');
		String pkg = (dot < 0) ? "" : type.substring(0, dot);
		String[] parts = pkg.split("\\.");
		return String.join(".", java.util.Arrays.copyOf(parts, Math.min(3, parts.length)));
	}

	/** The largest entries of a map with their share of all samples, as markdown list text. */
	String top(Map<String, Long> counts, int rows) {
		StringBuilder out = new StringBuilder();
		counts.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.limit(rows)
			.forEach((e) -> out.append(String.format(Locale.ROOT, "%5.1f %%  %s%n", 100.0 * e.getValue() / this.samples,
					e.getKey())));
		return out.toString();
	}

	String render(String title, int rows) {
		return "### " + title + " (" + this.samples + " execution samples)\n\n```\nby category (first match on the stack):\n"
				+ top(this.categories, CATEGORIES.size() + 1) + "\nself (top frame):\n"
				+ top(this.self, rows) + "\ntop frame's package:\n" + top(this.packages, 8) + "\nthreads:\n"
				+ top(this.threads, 8) + "\ninclusive, io.roomqueues methods (on the stack):\n" + top(this.ours, rows)
				+ "\ninclusive, all methods (on the stack):\n" + top(this.inclusive, rows) + "```\n";
	}

	public static void main(String[] args) throws IOException {
		if (args.length < 1) {
			System.err.println("usage: JfrSummary <recording.jfr> [rows]");
			System.exit(2);
		}
		int rows = (args.length > 1) ? Integer.parseInt(args[1]) : 20;
		System.out.println(read(Path.of(args[0])).render(args[0], rows));
	}

}
