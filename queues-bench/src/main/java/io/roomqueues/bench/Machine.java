package io.roomqueues.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** Readings of the machine and of this JVM: load average, CPU time, and which java runs. */
final class Machine {

	/** Linux's USER_HZ: /proc reports CPU time in ticks of 10 ms. */
	static final long NANOS_PER_TICK = 10_000_000L;

	private Machine() {
	}

	static String loadAverage() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).trim();
		}
		catch (IOException ex) {
			return "?";
		}
	}

	static String jvm() {
		return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
	}

	/** The java binary of this JVM, which also runs the server. */
	static String javaBinary() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	/**
	 * User, nice and system time of all CPUs from /proc/stat, in nanoseconds: the same kinds of time a process's
	 * utime + stime count, so that minus client and server it leaves what other processes used (irq and softirq
	 * time, which loopback traffic causes, is left out on both sides).
	 */
	static long busyNanos() {
		try {
			String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
			long ticks = 0;
			for (int i : new int[] { 1, 2, 3 }) {
				ticks += Long.parseLong(fields[i]);
			}
			return ticks * NANOS_PER_TICK;
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

	/** CPU time of this JVM (the client), in nanoseconds; 0 where the JVM does not tell. */
	static long clientCpuNanos() {
		var os = ManagementFactory.getOperatingSystemMXBean();
		if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
			return sun.getProcessCpuTime();
		}
		return 0;
	}

}
