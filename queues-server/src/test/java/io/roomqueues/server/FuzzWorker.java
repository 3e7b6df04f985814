package io.roomqueues.server;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/**
 * One fuzzing thread: opens connection after connection to a random room, sends each a run of cases the server must
 * survive, checked by a sentinel every so often, and ends it by breaking the protocol, by mangling a frame at random,
 * or by closing politely; until the run has sent its frames or its time is up.
 */
final class FuzzWorker implements Callable<Void> {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final int number;

	private final SplittableRandom random;

	private final RoomServer server;

	private final HttpClient http;

	private final FuzzStats stats;

	private final long frameTarget;

	private final long deadline;

	private final int maxMessageSize;

	private final List<String> rooms;

	private int sessions;

	FuzzWorker(int number, SplittableRandom random, RoomServer server, HttpClient http, FuzzStats stats,
			long frameTarget, long deadline, int maxMessageSize, List<String> rooms) {
		this.number = number;
		this.random = random;
		this.server = server;
		this.http = http;
		this.stats = stats;
		this.frameTarget = frameTarget;
		this.deadline = deadline;
		this.maxMessageSize = maxMessageSize;
		this.rooms = rooms;
	}

	@Override
	public Void call() {
		while (this.stats.frames.get() < this.frameTarget && System.nanoTime() < this.deadline) {
			session();
		}
		return null;
	}

	private void session() {
		String name = "fuzz-" + this.number + "-" + this.sessions++;
		String room = this.rooms.get(this.random.nextInt(this.rooms.size()));
		FuzzValues values = new FuzzValues(this.random.split());
		FuzzCases cases = new FuzzCases(values, this.maxMessageSize);
		BrokenFrames broken = new BrokenFrames(values, this.maxMessageSize);
		FuzzClient client = FuzzClient.open(this.http, this.server, room, name, this.stats::violation,
				this.stats.responses);
		this.stats.connections.incrementAndGet();
		try {
			int length = this.random.nextInt(20, 800);
			for (int i = 0; i < length; i++) {
				FuzzCase next = cases.nonFatal();
				send(client, next);
				if (i % 16 == 15) {
					client.flush();
				}
				if (client.closed.isDone() || (i % 64 == 63 && !client.sentinel(values.nextId(), TIMEOUT))) {
					this.stats.violation(name + ": closed by a case it must survive, last " + next.kind() + ": "
							+ client.closed.getNow(null));
					return;
				}
			}
			if (!client.sentinel(values.nextId(), TIMEOUT)) {
				this.stats.violation(name + ": closed by a case it must survive: " + client.closed.getNow(null));
				return;
			}
			int ending = this.random.nextInt(100);
			if (ending < 45) {
				breakProtocol(client, values, broken, name);
			}
			else if (ending < 60) {
				mangle(client, values, broken, name);
			}
		}
		finally {
			client.close();
			FuzzClient.Close close = client.closed.getNow(null);
			if (close != null) {
				this.stats.closed(close);
			}
		}
	}

	/** Sends a case that breaks the framing, and a tripwire send after it; the server must close with a reason. */
	private void breakProtocol(FuzzClient client, FuzzValues values, BrokenFrames broken, String name) {
		FuzzCase fatal = broken.fatal();
		long started = System.nanoTime();
		send(client, fatal);
		send(client, broken.tripwire());
		client.flush();
		FuzzClient.Close close = client.awaitClose(TIMEOUT);
		if (close == null) {
			this.stats.violation(name + ": not closed within " + TIMEOUT.toSeconds() + " s after " + fatal.kind());
			return;
		}
		long millis = (System.nanoTime() - started) / 1_000_000;
		if (millis > 1000) {
			System.out.printf("slow close: %s %s after %d ms, last read %d ms ago%n", name, fatal.kind(), millis,
					client.millisSinceLastRead());
		}
		FuzzCase.Fatal expected = fatal.fatal();
		if (!expected.codes().contains(close.code()) || !close.reason().contains(expected.reason())
				|| close.reason().isBlank()) {
			this.stats.violation(name + ": " + fatal.kind() + " closed with " + close + ", expected " + expected);
		}
	}

	/** Sends a case mangled anywhere; the server answers the sentinel after it or closes, with a reason. */
	private void mangle(FuzzClient client, FuzzValues values, BrokenFrames broken, String name) {
		FuzzCase mangled = broken.mangledAnywhere();
		send(client, mangled);
		if (client.sentinel(values.nextId(), TIMEOUT)) {
			return;
		}
		FuzzClient.Close close = client.closed.getNow(null);
		if (close == null || !mangled.fatal().codes().contains(close.code()) || close.reason().isBlank()) {
			this.stats.violation(name + ": a mangled frame closed the connection with " + close + ", expected one of "
					+ mangled.fatal().codes() + " with a reason");
		}
	}

	private void send(FuzzClient client, FuzzCase fuzzCase) {
		client.send(fuzzCase);
		this.stats.sent(fuzzCase);
	}

}
