package io.roomqueues.bench;

import org.jspecify.annotations.Nullable;

/** Counts the failed requests of a mode, from any thread, and keeps the first failure's description. */
final class RequestFailures {

	private long count;

	private @Nullable String first;

	synchronized void add(String description) {
		this.count++;
		if (this.first == null) {
			this.first = description;
		}
	}

	synchronized long count() {
		return this.count;
	}

	synchronized @Nullable String first() {
		return this.first;
	}

}
