package io.roomqueues.bench;

import java.util.ArrayList;
import java.util.List;

/** The problems found during a run, each echoed to stderr as it is found. */
final class Problems {

	private final List<String> found = new ArrayList<>();

	void add(String text) {
		this.found.add(text);
		System.err.println("PROBLEM: " + text);
	}

	boolean isEmpty() {
		return this.found.isEmpty();
	}

	List<String> all() {
		return List.copyOf(this.found);
	}

}
