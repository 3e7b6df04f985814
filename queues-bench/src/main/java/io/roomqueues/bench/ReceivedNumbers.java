package io.roomqueues.bench;

import java.util.BitSet;

/** Which of the pre-filled message numbers a receive mode got, and how many came twice or were never sent. */
final class ReceivedNumbers {

	private final int total;

	private final BitSet seen;

	private long duplicates;

	private long received;

	ReceivedNumbers(int total) {
		this.total = total;
		this.seen = new BitSet(total);
	}

	/** @param n the message's number, negative when it had none */
	synchronized void add(int n) {
		if (n < 0 || n >= this.total || this.seen.get(n)) {
			this.duplicates++;
		}
		else {
			this.seen.set(n);
		}
		this.received++;
	}

	synchronized long duplicates() {
		return this.duplicates;
	}

	synchronized long received() {
		return this.received;
	}

}
