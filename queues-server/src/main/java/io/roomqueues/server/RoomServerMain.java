package io.roomqueues.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Runs a room server from the command line:
 * {@code java -jar queues-server.jar --port 8765 --secret dev-secret [--host 127.0.0.1]}; prints its URL once it
 * accepts connections and stops cleanly on SIGTERM.
 */
public final class RoomServerMain {

	static final String USAGE = """
			usage: java -jar queues-server.jar --secret <secret> [options]
			  --secret <secret>                 HS256 secret tokens are signed with (or MESHAGENT_SECRET); 32+ bytes
			  --port <port>                     port to bind, 0 for any free one (default 0)
			  --host <address>                  address to bind (default 127.0.0.1)
			  --require-expiry                  refuse tokens without an expiry (exp)
			TLS (serves wss: only):
			  --tls-keystore <file>             PKCS12 or JKS key store with the certificate and key
			  --tls-keystore-password <pw>      its password (or QUEUES_SERVER_TLS_KEYSTORE_PASSWORD)
			  --tls-certificate <file>          or a PEM certificate chain...
			  --tls-private-key <file>          ...and its unencrypted PEM private key
			Timeouts (500ms, 10s, 2m or PT10S):
			  --upgrade-timeout <duration>      TCP connection to upgrade request (default 10s)
			  --first-frame-timeout <duration>  upgrade to the client's first frame, a pong counts (default 10s)
			  --ping-interval <duration>        silence before the server pings (default 30s)
			  --pong-timeout <duration>         unanswered ping or close before the connection is closed (default 10s)
			  --write-timeout <duration>        blocked write before a client is closed as not reading (default 20s)
			Limits (sizes in bytes or with KB, MB, GB, powers of 1024):
			  --max-message-size <size>         largest message a client may send (default 16MB)
			  --max-queue-length <n>            messages per queue (default 100000)
			  --max-connections <n>             open connections (default 1000)
			  --max-pending-outbound-bytes <size> unread responses before a client is closed, and messages
			                                    in flight to one connection (default 16MB)
			  --max-queues-per-room <n>         queues per room (default 1000)
			  --max-parked-receives <n>         waiting receives per connection (default 1000)
			  --max-rooms <n>                   rooms per server (default 1000)
			  --max-queue-name-length <n>       characters in a queue name (default 1024)
			  --max-room-queued-bytes <size>    message bytes one room holds (default 64MB)
			  --max-server-queued-bytes <size>  message bytes the server holds (default 256MB)""";

	private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KB|KIB|MB|MIB|GB|GIB)?");

	private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(MS|S|M|H)");

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
		ServerLimits.Builder limits = ServerLimits.builder();
		String secret = System.getenv("MESHAGENT_SECRET");
		Tls tls = new Tls();
		tls.password = System.getenv("QUEUES_SERVER_TLS_KEYSTORE_PASSWORD");
		for (int i = 0; i < args.length; i++) {
			String option = args[i];
			if ("--require-expiry".equals(option)) {
				builder.requireExpiry(true);
				continue;
			}
			String value = (i + 1 < args.length) ? args[++i] : null;
			switch (option) {
				case "--port" -> builder.port(number(option, value));
				case "--host" -> builder.host(required(option, value));
				case "--secret" -> secret = required(option, value);
				case "--tls-keystore" -> tls.keyStore = Path.of(required(option, value));
				case "--tls-keystore-password" -> tls.password = required(option, value);
				case "--tls-certificate" -> tls.certificate = Path.of(required(option, value));
				case "--tls-private-key" -> tls.privateKey = Path.of(required(option, value));
				case "--upgrade-timeout" -> builder.upgradeTimeout(duration(option, value));
				case "--first-frame-timeout" -> builder.firstFrameTimeout(duration(option, value));
				case "--ping-interval" -> builder.pingInterval(duration(option, value));
				case "--pong-timeout" -> builder.pongTimeout(duration(option, value));
				case "--write-timeout" -> builder.writeTimeout(duration(option, value));
				case "--max-message-size" -> limits.maxMessageSize(intSize(option, value));
				case "--max-queue-length" -> limits.maxQueueLength(number(option, value));
				case "--max-connections" -> limits.maxConnections(number(option, value));
				case "--max-pending-outbound-bytes" -> limits.maxPendingOutboundBytes(size(option, value));
				case "--max-queues-per-room" -> limits.maxQueuesPerRoom(number(option, value));
				case "--max-parked-receives" -> limits.maxParkedReceivesPerConnection(number(option, value));
				case "--max-rooms" -> limits.maxRooms(number(option, value));
				case "--max-queue-name-length" -> limits.maxQueueNameLength(number(option, value));
				case "--max-room-queued-bytes" -> limits.maxQueuedBytesPerRoom(size(option, value));
				case "--max-server-queued-bytes" -> limits.maxQueuedBytesPerServer(size(option, value));
				// only the name: an "--option=value" the parser does not take may carry a secret
				default -> throw new IllegalArgumentException("unknown option " + option.split("=", 2)[0]
						+ (option.contains("=") ? "=... (write options as '--name value')" : ""));
			}
		}
		if (secret == null || secret.isEmpty()) {
			throw new IllegalArgumentException("--secret is required (or set MESHAGENT_SECRET)");
		}
		tls.applyTo(builder);
		return builder.secret(secret).limits(limits.build());
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

	/** Reads a size such as {@code 1048576}, {@code 512KB} or {@code 64MiB}; every unit is a power of 1024. */
	static long size(String option, @Nullable String value) {
		Matcher matcher = SIZE.matcher(required(option, value).trim().toUpperCase(Locale.ROOT));
		if (!matcher.matches()) {
			throw new IllegalArgumentException(option + " needs a size such as 1048576, 512KB or 64MB, not '" + value
					+ "'");
		}
		int shift = switch ((matcher.group(2) != null) ? matcher.group(2).substring(0, 1) : "B") {
			case "K" -> 10;
			case "M" -> 20;
			case "G" -> 30;
			default -> 0;
		};
		try {
			return Math.multiplyExact(Long.parseLong(matcher.group(1)), 1L << shift);
		}
		catch (ArithmeticException | NumberFormatException ex) {
			throw new IllegalArgumentException(option + " of '" + value + "' is too large");
		}
	}

	private static int intSize(String option, @Nullable String value) {
		long size = size(option, value);
		if (size > Integer.MAX_VALUE - 8) {
			throw new IllegalArgumentException(option + " of '" + value + "' is too large");
		}
		return (int) size;
	}

	/** Reads a duration such as {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h} or {@code PT10S}. */
	static Duration duration(String option, @Nullable String value) {
		String text = required(option, value).trim().toUpperCase(Locale.ROOT);
		try {
			if (text.startsWith("P")) {
				return Duration.parse(text);
			}
			Matcher matcher = DURATION.matcher(text);
			if (matcher.matches()) {
				long amount = Long.parseLong(matcher.group(1));
				return switch (matcher.group(2)) {
					case "MS" -> Duration.ofMillis(amount);
					case "S" -> Duration.ofSeconds(amount);
					case "M" -> Duration.ofMinutes(amount);
					default -> Duration.ofHours(amount);
				};
			}
		}
		catch (RuntimeException ex) {
			// reported below
		}
		throw new IllegalArgumentException(option + " needs a duration such as 500ms, 10s, 2m or PT10S, not '" + value
				+ "'");
	}

	/** The TLS options, which only make sense together. */
	private static final class Tls {

		private @Nullable Path keyStore;

		private @Nullable String password;

		private @Nullable Path certificate;

		private @Nullable Path privateKey;

		void applyTo(RoomServer.Builder builder) {
			if (this.keyStore != null) {
				if (this.certificate != null || this.privateKey != null) {
					throw new IllegalArgumentException("give --tls-keystore or --tls-certificate with "
							+ "--tls-private-key, not both");
				}
				if (this.password == null) {
					throw new IllegalArgumentException("--tls-keystore needs --tls-keystore-password (or "
							+ "QUEUES_SERVER_TLS_KEYSTORE_PASSWORD)");
				}
				builder.tls(this.keyStore, this.password);
			}
			else if (this.certificate != null || this.privateKey != null) {
				if (this.certificate == null || this.privateKey == null) {
					throw new IllegalArgumentException("--tls-certificate and --tls-private-key go together");
				}
				builder.tlsPem(this.certificate, this.privateKey);
			}
		}

	}

}
