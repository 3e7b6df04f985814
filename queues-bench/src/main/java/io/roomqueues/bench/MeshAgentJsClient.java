package io.roomqueues.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * MeshAgent's JS client in a node process ({@code interop/bench-meshagent.mjs}), connected to the room and driven
 * one command at a time over its standard input; its standard error goes to a log file.
 */
final class MeshAgentJsClient implements AutoCloseable {

	static final String SCRIPT = "bench-meshagent.mjs";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Process process;

	private final Writer commands;

	private final BlockingQueue<String> lines = new ArrayBlockingQueue<>(1024);

	final String version;

	private MeshAgentJsClient(Process process) throws IOException, InterruptedException {
		this.process = process;
		this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
		Thread reader = new Thread(this::readLines, "meshagent-js-output");
		reader.setDaemon(true);
		reader.start();
		String ready = nextLine(60);
		if (ready == null || !ready.startsWith("READY")) {
			throw new IllegalStateException("MeshAgent's JS client did not connect: " + ready);
		}
		this.version = ready.substring("READY".length()).trim();
	}

	/**
	 * Starts node on the script in {@code interopDir}, whose {@code node_modules} must hold the pinned client
	 * ({@code npm ci} there, as {@code interop/run.sh} does).
	 */
	static MeshAgentJsClient start(Path interopDir, String url, String secret, String room, Path log)
			throws IOException, InterruptedException {
		Path script = interopDir.resolve(SCRIPT);
		if (!Files.isRegularFile(script) || !Files.isDirectory(interopDir.resolve("node_modules/@meshagent"))) {
			throw new IllegalStateException("MeshAgent's JS client is not installed: need " + script + " and "
					+ interopDir.resolve("node_modules") + " (run: cd interop && npm ci)");
		}
		ProcessBuilder builder = new ProcessBuilder("node", script.toAbsolutePath().toString(), url, secret, room);
		builder.directory(interopDir.toFile());
		builder.redirectError(log.toFile());
		return new MeshAgentJsClient(builder.start());
	}

	long pid() {
		return this.process.pid();
	}

	/** Runs one command and returns its result; fails if none comes within {@code timeoutSeconds}. */
	JsonNode run(ObjectNode command, int timeoutSeconds) throws IOException, InterruptedException {
		this.commands.write(JSON.writeValueAsString(command) + "\n");
		this.commands.flush();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
		while (true) {
			long left = deadline - System.nanoTime();
			String line = (left > 0) ? this.lines.poll(left, TimeUnit.NANOSECONDS) : null;
			if (line == null) {
				throw new IllegalStateException("no result from MeshAgent's JS client within " + timeoutSeconds
						+ " s (process " + (this.process.isAlive() ? "alive" : "exited") + ")");
			}
			if (line.startsWith("RESULT ")) {
				return JSON.readTree(line.substring("RESULT ".length()));
			}
		}
	}

	static ObjectNode command(String op) {
		return JSON.createObjectNode().put("op", op);
	}

	private String nextLine(int timeoutSeconds) throws InterruptedException {
		return this.lines.poll(timeoutSeconds, TimeUnit.SECONDS);
	}

	private void readLines() {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				this.lines.put(line);
			}
		}
		catch (IOException | InterruptedException ex) {
			// the process ended
		}
	}

	@Override
	public void close() {
		try {
			this.commands.write("{\"op\":\"quit\"}\n");
			this.commands.flush();
		}
		catch (IOException ex) {
			// already gone
		}
		try {
			if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
				this.process.destroy();
				if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
					this.process.destroyForcibly();
				}
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

}
