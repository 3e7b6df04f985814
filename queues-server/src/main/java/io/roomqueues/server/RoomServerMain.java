package io.roomqueues.server;

import java.util.concurrent.CountDownLatch;

import org.jspecify.annotations.Nullable;

/**
 * Runs a room server from the command line:
 * {@code java -jar queues-server.jar --port 8765 --secret dev-secret [--host 127.0.0.1]}; prints its URL once it
 * accepts connections and stops cleanly on SIGTERM.
 */
public final class RoomServerMain {

	private static final String USAGE = "usage: java -jar queues-server.jar --secret <secret> [--port <port>] "
			+ "[--host <address>] [--max-message-size <bytes>] [--max-queue-length <n>] [--max-connections <n>]";

	private RoomServerMain() {
	}

	public static void main(String[] args) throws InterruptedException {
		RoomServer server;
		try {
			server = parse(args).build();
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.println(USAGE);
			System.exit(2);
			return;
		}
		server.start();
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			server.close();
			stopped.countDown();
		}, "room-server-shutdown"));
		System.out.println("Room server listening on " + server.url() + " (rooms at " + server.url() + "/rooms/<room>)");
		System.out.flush();
		stopped.await();
	}

	static RoomServer.Builder parse(String[] args) {
		RoomServer.Builder builder = RoomServer.builder();
		ServerLimits limits = ServerLimits.DEFAULTS;
		String secret = System.getenv("MESHAGENT_SECRET");
		for (int i = 0; i < args.length; i++) {
			String option = args[i];
			String value = (i + 1 < args.length) ? args[++i] : null;
			switch (option) {
				case "--port" -> builder.port(number(option, value));
				case "--host" -> builder.host(required(option, value));
				case "--secret" -> secret = required(option, value);
				case "--max-message-size" -> limits = limits.withMaxMessageSize(number(option, value));
				case "--max-queue-length" -> limits = limits.withMaxQueueLength(number(option, value));
				case "--max-connections" -> limits = limits.withMaxConnections(number(option, value));
				default -> throw new IllegalArgumentException("unknown option " + option);
			}
		}
		if (secret == null || secret.isEmpty()) {
			throw new IllegalArgumentException("--secret is required (or set MESHAGENT_SECRET)");
		}
		return builder.secret(secret).limits(limits);
	}

	private static String required(String option, @Nullable String value) {
		if (value == null) {
			throw new IllegalArgumentException(option + " needs a value");
		}
		return value;
	}

	private static int number(String option, @Nullable String value) {
		try {
			return Integer.parseInt(required(option, value));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(option + " needs a whole number, not '" + value + "'");
		}
	}

}
