package io.roomqueues.server;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.concurrent.atomic.AtomicBoolean;

/** What a fuzz run prints when a connection stalls: every thread's stack, once per run, to find what it waits on. */
final class FuzzDiagnostics {

	private static final AtomicBoolean dumped = new AtomicBoolean();

	private FuzzDiagnostics() {
	}

	static void dumpThreadsOnce(String stalled) {
		if (!dumped.compareAndSet(false, true)) {
			return;
		}
		StringBuilder dump = new StringBuilder("Threads when " + stalled + " stalled:\n");
		for (ThreadInfo thread : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
			dump.append('"').append(thread.getThreadName()).append("\" ").append(thread.getThreadState());
			if (thread.getLockName() != null) {
				dump.append(" on ").append(thread.getLockName());
			}
			if (thread.getLockOwnerName() != null) {
				dump.append(" owned by \"").append(thread.getLockOwnerName()).append('"');
			}
			dump.append('\n');
			for (StackTraceElement frame : thread.getStackTrace()) {
				dump.append("    at ").append(frame).append('\n');
			}
		}
		System.out.print(dump);
	}

}
