package io.roomqueues.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live objects of a JVM by class, as {@code jcmd <pid> GC.class_histogram} prints them (that command runs a full
 * GC first, so only reachable objects count).
 */
final class ClassHistogram {

	/** {@code   1:   123   4567  java.lang.String (java.base@17)} */
	private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");

	private static final Pattern TOTAL = Pattern.compile("^Total\\s+(\\d+)\\s+(\\d+)");

	/** One class's difference between two histograms. */
	record Delta(String className, long instances, long bytes) {
	}

	final long totalBytes;

	final long totalInstances;

	private final Map<String, long[]> byClass;

	private ClassHistogram(long totalInstances, long totalBytes, Map<String, long[]> byClass) {
		this.totalInstances = totalInstances;
		this.totalBytes = totalBytes;
		this.byClass = byClass;
	}

	static ClassHistogram parse(String output) {
		Map<String, long[]> byClass = new HashMap<>();
		long instances = -1;
		long bytes = -1;
		for (String line : output.split("\\R")) {
			Matcher row = ROW.matcher(line);
			if (row.find()) {
				byClass.merge(row.group(3), new long[] { Long.parseLong(row.group(1)), Long.parseLong(row.group(2)) },
						(a, b) -> new long[] { a[0] + b[0], a[1] + b[1] });
				continue;
			}
			Matcher total = TOTAL.matcher(line);
			if (total.find()) {
				instances = Long.parseLong(total.group(1));
				bytes = Long.parseLong(total.group(2));
			}
		}
		if (bytes < 0) {
			throw new IllegalArgumentException("not a class histogram (no Total line): "
					+ output.substring(0, Math.min(200, output.length())));
		}
		return new ClassHistogram(instances, bytes, byClass);
	}

	/** The classes that grew most from {@code before} to this histogram, largest first. */
	List<Delta> largestGrowth(ClassHistogram before, int limit) {
		List<Delta> deltas = new ArrayList<>();
		for (Map.Entry<String, long[]> entry : this.byClass.entrySet()) {
			long[] old = before.byClass.getOrDefault(entry.getKey(), new long[2]);
			deltas.add(new Delta(entry.getKey(), entry.getValue()[0] - old[0], entry.getValue()[1] - old[1]));
		}
		deltas.sort(Comparator.comparingLong(Delta::bytes).reversed());
		return deltas.subList(0, Math.min(limit, deltas.size()));
	}

}
