package io.roomqueues.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A server (the room server jar, or the echo server) as a child process, stopped with SIGTERM (then killed) on close and at JVM exit. */
final class ServerProcess implements AutoCloseable {

	/** The secret the server verifies participant tokens with. */
	static final String SECRET = "bench-secret";

	/**
	 * The room server's limits raised from their defaults where the bench goes past them: the byte budgets for queued
	 * messages (64 MiB a room, 256 MiB the server), as the receive runs pre-fill up to 600,000 messages and the memory
	 * part queues 504,000 in one room, and the parked receives of one connection (1,000), as the memory part parks
	 * 10,000. The servers' heaps (a quarter of the machine's memory) hold that.
	 */
	static final List<String> BUDGETS = List.of("--max-room-queued-bytes", "1GB", "--max-server-queued-bytes", "2GB",
			"--max-parked-receives", "20000");

	final Process process;

	final String url;

	private final Thread hook;

	private ServerProcess(Process process, String url) {
		this.process = process;
		this.url = url;
		this.hook = new Thread(this::stop, "stop-server");
		Runtime.getRuntime().addShutdownHook(this.hook);
	}

	/** Starts the jar on a free port of 127.0.0.1 and waits until it prints its URL; its output goes to {@code log}. */
	static ServerProcess start(Path jar, Path log) throws IOException, InterruptedException {
		return startRoomServer(jar, log, List.of());
	}

	/**
	 * Starts the room server jar with extra JVM options (such as {@code -Xmx}) on a free port of 127.0.0.1.
	 */
	static ServerProcess startRoomServer(Path jar, Path log, List<String> jvmOptions)
			throws IOException, InterruptedException {
		if (!Files.isRegularFile(jar)) {
			throw new IllegalArgumentException("server jar not found: " + jar.toAbsolutePath()
					+ " (build it with: mvn -B -ntp -pl queues-server -am package -DskipTests)");
		}
		int port = freePort();
		String url = "ws://127.0.0.1:" + port;
		List<String> command = new ArrayList<>();
		command.add(Machine.javaBinary());
		command.addAll(jvmOptions);
		command.addAll(List.of("-jar", jar.toString(), "--host", "127.0.0.1", "--port", Integer.toString(port),
				"--secret", SECRET));
		command.addAll(BUDGETS);
		return start(command, url, url, log);
	}

	/**
	 * Starts the ceiling's echo server ({@code io.roomqueues.bench.echo.EchoServerMain}, on this benchmark's class
	 * path) on a free port of 127.0.0.1.
	 */
	static ServerProcess startEchoServer(Path log) throws IOException, InterruptedException {
		int port = freePort();
		String url = "ws://127.0.0.1:" + port + "/echo";
		List<String> command = List.of(Machine.javaBinary(), "-cp", System.getProperty("java.class.path"),
				"io.roomqueues.bench.echo.EchoServerMain", "--host", "127.0.0.1", "--port", Integer.toString(port));
		return start(command, url, url, log);
	}

	private static int freePort() throws IOException {
		try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return probe.getLocalPort();
		}
	}

	private static ServerProcess start(List<String> command, String url, String readyText, Path log)
			throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.redirectErrorStream(true);
		Process process = builder.start();
		ServerProcess server = null;
		try {
			awaitReady(process, readyText, log);
			server = new ServerProcess(process, url);
			return server;
		}
		finally {
			if (server == null) {
				process.destroyForcibly();
			}
		}
	}

	private static void awaitReady(Process process, String url, Path log) throws InterruptedException {
		CountDownLatch ready = new CountDownLatch(1);
		Thread reader = new Thread(() -> copyOutput(process, log, url, ready), "server-output");
		reader.setDaemon(true);
		reader.start();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (!ready.await(100, TimeUnit.MILLISECONDS)) {
			if (!process.isAlive()) {
				throw new IllegalStateException(
						"server exited with " + process.exitValue() + " before it was ready; see " + log);
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("server printed no " + url + " within 60 s; see " + log);
			}
		}
	}

	/** Copies the server's output to the log until it ends, counting {@code ready} down once the URL shows. */
	private static void copyOutput(Process process, Path log, String url, CountDownLatch ready) {
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
			return ticks * Machine.NANOS_PER_TICK;
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
