package io.roomqueues.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;

import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * {@code --suite profile}: JFR execution samples of the client (this JVM, a {@link Recording} with the JDK's
 * {@code profile} settings) and of the room server (started and dumped with {@code jcmd JFR.start / JFR.stop}),
 * one recording pair per path: pipelined send and receive at 256 in flight, one-at-a-time send → parked receive, a
 * {@code @QueueListener} at concurrency 8 working off 80,000 messages, and the sends on each prototype transport. Each pair is summarised with {@link JfrSummary} into
 * {@code <profile-dir>/profile.md}; the recordings stay there for {@code jfr print} or JMC.
 */
final class ProfileRun {

	private final BenchmarkOptions options;

	private final Path dir;

	private final PrintStream out = System.out;

	private final Problems problems = new Problems();

	private final StringBuilder report = new StringBuilder();

	private Path settings = Path.of("profile");

	/** Java execution samples every 1 ms instead of the {@code profile} settings' 10 ms: more samples per run. */
	static final String SAMPLE_PERIOD = "1 ms";

	ProfileRun(BenchmarkOptions options) {
		this.options = options;
		this.dir = options.serverLog.toAbsolutePath().getParent().resolve("profile");
	}

	int run() throws Exception {
		Files.createDirectories(this.dir);
		this.settings = writeSettings(this.dir.resolve("bench-profile.jfc"));
		int measure = Math.max(5, this.options.measureSeconds());
		try (Transports transports = new Transports();
				ServerProcess server = ServerProcess.startRoomServer(this.options.serverJar, this.options.serverLog,
						List.of())) {
			List<String> names = new ArrayList<>(List.of("jdk"));
			names.addAll(this.options.prototypes);
			transports.create(names);
			RoomConnections connections = new RoomConnections(server.url, transports);
			SendMode send = new SendMode(connections, server);
			ParkedLatencyMode parked = new ParkedLatencyMode(connections, server);
			for (String transport : names) {
				this.out.println(send.run(transport, 16, -1, 0, this.options.jitWarmup).line());
			}
			profile(server, "send-w256-jdk", () -> send.run("jdk", 256, 0, 0, measure));
			ReceiveMode receive = new ReceiveMode(connections, server, 0, measure);
			Recordings[] current = new Recordings[1];
			receive.afterPrefill(() -> current[0] = start(server, "receive-w256-jdk"));
			Result received = receive.run("jdk", 1, 256, 0, ReportSuite.prefill(60_000, measure));
			this.out.println(received.line());
			if (current[0] != null) {
				finish(server, current[0]);
			}
			profile(server, "parked-w1-jdk", () -> parked.run("jdk", false, 0, 0.5, measure));
			try (ListenerMode listener = ListenerMode.start(connections, server)) {
				this.out.println(listener.run(8, false, -1, 20_000, 20).line());
				listener.afterPrefill(() -> current[0] = start(server, "listener-c8"));
				Result listened = listener.run(8, false, 0, 80_000, 20);
				this.out.println(listened.line());
				listened.problems.forEach((p) -> this.problems.add("listener-c8: " + p));
				if (current[0] != null) {
					finish(server, current[0]);
				}
			}
			for (String prototype : this.options.prototypes) {
				profile(server, "send-w256-" + prototype, () -> send.run(prototype, 256, 0, 0, measure));
			}
		}
		Path summary = this.dir.resolve("profile.md");
		Files.writeString(summary, this.report, StandardCharsets.UTF_8);
		this.out.println(this.report);
		this.out.println("Recordings and " + summary + " in " + this.dir);
		this.problems.all().forEach((p) -> this.out.println("PROBLEM " + p));
		return this.problems.isEmpty() ? 0 : 1;
	}

	/** A mode's run, as the profiler sees it. */
	interface Mode {

		Result run() throws Exception;

	}

	private record Recordings(String name, Recording client) {
	}

	private void profile(ServerProcess server, String name, Mode mode) throws Exception {
		Recordings recordings = start(server, name);
		Result result = mode.run();
		this.out.println(result.line());
		result.problems.forEach((p) -> this.problems.add(name + ": " + p));
		finish(server, recordings);
	}

	private Recordings start(ServerProcess server, String name) {
		try {
			Jcmd.run(server.pid(), "JFR.start", "name=" + name, "settings=" + this.settings);
			Recording client = new Recording(Configuration.create(this.settings));
			client.setName(name);
			client.start();
			return new Recordings(name, client);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (ParseException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** The JDK's {@code profile} settings with {@link #SAMPLE_PERIOD} for {@code jdk.ExecutionSample}. */
	static Path writeSettings(Path file) throws IOException {
		String profile = Files.readString(Path.of(System.getProperty("java.home"), "lib", "jfr", "profile.jfc"));
		String changed = profile.replaceFirst(
				"(<event name=\"jdk.ExecutionSample\">\\s*<setting name=\"enabled\"[^<]*</setting>\\s*<setting name=\"period\"[^>]*>)[^<]*",
				"$1" + SAMPLE_PERIOD);
		if (changed.equals(profile)) {
			throw new IllegalStateException("could not set the execution sample period in " + file);
		}
		Files.writeString(file, changed, StandardCharsets.UTF_8);
		return file;
	}

	private void finish(ServerProcess server, Recordings recordings) throws Exception {
		Path clientFile = this.dir.resolve("client-" + recordings.name() + ".jfr");
		Path serverFile = this.dir.resolve("server-" + recordings.name() + ".jfr");
		recordings.client().stop();
		recordings.client().dump(clientFile);
		recordings.client().close();
		Jcmd.run(server.pid(), "JFR.stop", "name=" + recordings.name(), "filename=" + serverFile);
		this.report.append("## ").append(recordings.name()).append("\n\n");
		this.report.append(JfrSummary.read(clientFile).render("client " + recordings.name(), 20)).append('\n');
		this.report.append(JfrSummary.read(serverFile).render("server " + recordings.name(), 20)).append('\n');
	}

}
