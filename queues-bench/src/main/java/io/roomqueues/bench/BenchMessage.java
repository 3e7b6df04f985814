package io.roomqueues.bench;

import java.util.Map;

/** The message the modes send: a number and ~60 characters of padding, so it is a realistic small JSON object. */
final class BenchMessage {

	static final String PAD = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWX";

	private BenchMessage() {
	}

	static Map<String, Object> numbered(long n) {
		return Map.of("n", n, "pad", PAD);
	}

}
