package io.roomqueues.bench;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.roomqueues.client.transport.WebSocketSession;
import io.roomqueues.client.transport.WebSocketTransport;
import io.roomqueues.protocol.MessageTypes;
import io.roomqueues.protocol.WireCodec;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks the transport contract the room client relies on when it closes: after {@code close()}, responses already
 * on their way still reach the handler, and {@code onClose} comes once, after them (when the server has closed);
 * {@code abort()} reports {@code onClose} once as well.
 */
final class CloseContractCheck {

	private static final int REQUESTS = 200;

	private final RoomConnections connections;

	private final Problems problems;

	private final PrintStream out;

	CloseContractCheck(RoomConnections connections, Problems problems, PrintStream out) {
		this.connections = connections;
		this.problems = problems;
		this.out = out;
	}

	void run(String name) {
		WebSocketTransport transport = this.connections.transport(name);
		String outcome;
		try {
			URI uri = this.connections.roomUri();
			Map<String, String> headers = this.connections.headers();
			String closeOutcome = checkClose(name, transport, uri, headers);
			outcome = join(closeOutcome, checkAbort(name, transport, uri, headers));
		}
		catch (Exception ex) {
			outcome = "close check failed: " + ex;
		}
		if (outcome != null) {
			this.problems.add(name + ": transport close contract: " + outcome);
		}
	}

	/** {@code close()} with responses still on their way; null when the contract held. */
	private @Nullable String checkClose(String name, WebSocketTransport transport, URI uri,
			Map<String, String> headers) throws Exception {
		WireCodec codec = new WireCodec(JsonMapper.builder().build());
		RecordingHandler recording = new RecordingHandler();
		WebSocketSession socket = transport.connect(uri, headers, Duration.ofSeconds(10), recording)
			.get(10, TimeUnit.SECONDS);
		if (!recording.greeted.await(5, TimeUnit.SECONDS)) {
			throw new IllegalStateException("no room_ready and connected within 5 s");
		}
		ObjectNode header = codec.jsonMapper().createObjectNode().put("toolkit", "queues").put("tool", "list");
		header.putObject("arguments").put("type", "json").putObject("json");
		List<CompletableFuture<Void>> writes = new ArrayList<>();
		for (int id = 0; id < REQUESTS; id++) {
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
		long afterClose = events.subList(closeAt, events.size())
			.stream()
			.filter((e) -> e.startsWith("response"))
			.count();
		long responses = events.stream().filter((e) -> e.startsWith("response")).count();
		long closes = events.stream().filter((e) -> e.startsWith("onClose")).count();
		boolean closeLast = events.get(events.size() - 1).startsWith("onClose");
		if (responses != REQUESTS || closes != 1 || !closeLast) {
			return "close(): " + responses + "/" + REQUESTS + " responses reached the handler (" + afterClose
					+ " after close() was called), onClose called " + closes + " time(s)"
					+ (closeLast ? "" : ", not after the last response") + "; events: "
					+ RecordingHandler.summarize(events);
		}
		this.out.println("- close check (" + name + "): all " + REQUESTS + " responses (" + afterClose
				+ " of them after close() was called) reached the handler before one onClose ("
				+ events.get(events.size() - 1) + "): ok");
		return null;
	}

	/** {@code abort()} on an open connection; null when {@code onClose} came once. */
	private @Nullable String checkAbort(String name, WebSocketTransport transport, URI uri,
			Map<String, String> headers) throws Exception {
		RecordingHandler aborted = new RecordingHandler();
		WebSocketSession other = transport.connect(uri, headers, Duration.ofSeconds(10), aborted)
			.get(10, TimeUnit.SECONDS);
		aborted.greeted.await(5, TimeUnit.SECONDS);
		other.abort();
		boolean reported = aborted.closed.await(5, TimeUnit.SECONDS);
		Thread.sleep(100);
		List<String> closes = aborted.events().stream().filter((e) -> e.startsWith("onClose")).toList();
		if (!reported || closes.size() != 1) {
			return "abort(): onClose called " + closes.size() + " time(s) within 5 s";
		}
		this.out.println("- abort check (" + name + "): onClose called once (" + closes.get(0) + "): ok");
		return null;
	}

	private static @Nullable String join(@Nullable String first, @Nullable String second) {
		if (first == null) {
			return second;
		}
		return (second == null) ? first : first + "; " + second;
	}

}
