package io.roomqueues.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The figures and problems of one measured mode. */
final class Result {

	final String mode;

	final String transport;

	final int window;

	final int repeat;

	final List<String> problems = new ArrayList<>();

	/** Connections the requests were spread over; {@link #window} counts the requests in flight on all of them. */
	int connections = 1;

	long issued;

	long completed;

	long errors;

	long lost;

	double seconds;

	double rate;

	double p50;

	double p99;

	double p999;

	double clientCores;

	double serverCores;

	/** Cores used by other processes on the machine during the measured interval (noise). */
	double otherCores;

	String note = "";

	/** @param repeat zero-based, or negative for a run outside the repeats (the JIT warm-up) */
	Result(String mode, String transport, int window, int repeat) {
		this.mode = mode;
		this.transport = transport;
		this.window = window;
		this.repeat = repeat;
	}

	void problem(String text) {
		this.problems.add(text);
	}

	String label() {
		return this.mode + " " + this.transport + ((this.connections > 1) ? " x" + this.connections + " conn" : "") + " w"
				+ this.window + ((this.repeat >= 0) ? " #" + (this.repeat + 1) : "");
	}

	String line() {
		return String.format(Locale.ROOT,
				"%-40s %9.0f /s  p50 %8.1f us  p99 %8.1f us  p99.9 %8.1f us  (%d in %.2f s; cpu client %.2f server %.2f other %.2f; errors %d; %s)",
				label(), this.rate, this.p50, this.p99, this.p999, this.completed, this.seconds, this.clientCores,
				this.serverCores, this.otherCores, this.errors, this.note);
	}

}
