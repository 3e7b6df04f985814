package io.roomqueues.server;

import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** What a fuzz run sent and saw, counted across its connections; and every violation, the first hundred kept. */
final class FuzzStats {

	private static final int KEPT_VIOLATIONS = 100;

	final AtomicLong frames = new AtomicLong();

	final AtomicLong cases = new AtomicLong();

	final AtomicLong connections = new AtomicLong();

	final AtomicLong responses = new AtomicLong();

	final AtomicLong violationCount = new AtomicLong();

	final Queue<String> violations = new ConcurrentLinkedQueue<>();

	private final Map<String, LongAdder> kinds = new ConcurrentHashMap<>();

	private final Map<String, LongAdder> closes = new ConcurrentHashMap<>();

	void sent(FuzzCase fuzzCase) {
		this.frames.addAndGet(fuzzCase.frames());
		this.cases.incrementAndGet();
		this.kinds.computeIfAbsent(fuzzCase.kind(), (key) -> new LongAdder()).increment();
	}

	/** Counts a close by its code and reason, numbers left out, so closes of one cause count together. */
	void closed(FuzzClient.Close close) {
		String reason = close.reason().replaceAll("\\d+", "N");
		this.closes.computeIfAbsent(close.code() + " " + reason, (key) -> new LongAdder()).increment();
	}

	void violation(String violation) {
		if (this.violationCount.incrementAndGet() <= KEPT_VIOLATIONS) {
			this.violations.add(violation);
		}
	}

	Map<String, Long> kinds() {
		return sorted(this.kinds);
	}

	Map<String, Long> closes() {
		return sorted(this.closes);
	}

	/** Closes whose reason our server wrote (the rest are Tomcat's or the client's own). */
	long serverCloses() {
		return this.closes.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().matches("\\d+ (malformed frame|text messages|WebSocket message exceeds).*"))
			.mapToLong((entry) -> entry.getValue().sum())
			.sum();
	}

	private static Map<String, Long> sorted(Map<String, LongAdder> counts) {
		Map<String, Long> sorted = new TreeMap<>();
		counts.forEach((key, count) -> sorted.put(key, count.sum()));
		return sorted;
	}

}
