package io.roomqueues.bench;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.roomqueues.client.QueuesClient;
import io.roomqueues.client.RoomClient;
import io.roomqueues.listener.QueueListenerContainer;
import io.roomqueues.listener.QueueListenerRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code @QueueListener} end to end: a Spring Boot context with the starter, connected to the room server; each run
 * pre-fills a listener's queue, starts its container and times from the start to the last message processed (the
 * container's processed count, read every millisecond), then stops it and checks that nothing is left or lost.
 */
final class ListenerMode implements AutoCloseable {

	static final String EMPTY = "@QueueListener, empty method";

	static final String SEND_TO = "@QueueListener + @SendTo";

	private final ConfigurableApplicationContext context;

	private final QueueListenerRegistry registry;

	private final RoomConnections connections;

	private final ServerProcess server;

	private Runnable afterPrefill = () -> {
	};

	private ListenerMode(ConfigurableApplicationContext context, RoomConnections connections, ServerProcess server) {
		this.context = context;
		this.registry = context.getBean(QueueListenerRegistry.class);
		this.connections = connections;
		this.server = server;
	}

	static ListenerMode start(RoomConnections connections, ServerProcess server) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(ListenerBenchApplication.class)
			.web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off", "spring.main.log-startup-info=false",
					"queues.room.url=" + server.url, "queues.room.name=" + RoomConnections.ROOM,
					"queues.room.secret=" + ServerProcess.SECRET, "queues.room.participant-name=bench-listener",
					"queues.room.startup-failure=fail", "queues.room.reconnect.max-attempts=0")
			.run();
		return new ListenerMode(context, connections, server);
	}

	/** Runs {@code action} between the pre-fill and the container's start in every run (the profiler starts there). */
	ListenerMode afterPrefill(Runnable action) {
		this.afterPrefill = action;
		return this;
	}

	/**
	 * @param total messages to pre-fill and process
	 * @param timeoutSeconds the most the listener may take; the rate then counts what it processed by then
	 */
	Result run(int concurrency, boolean sendTo, int repeat, int total, int timeoutSeconds) {
		Result result = new Result(sendTo ? SEND_TO : EMPTY, "jdk", concurrency, repeat);
		String id = BenchListeners.id(concurrency, sendTo);
		String queue = BenchListeners.queue(concurrency, sendTo);
		try (RoomClient client = this.connections.connect("jdk")) {
			QueuesClient queues = client.queues();
			QueuePrefill.fill(queues, (i) -> queue, total);
			QueueListenerContainer container = this.registry.getListenerContainer(id);
			if (container == null) {
				throw new IllegalStateException("no listener container " + id);
			}
			this.afterPrefill.run();
			long before = container.getStatistics().getProcessed();
			CpuUsage cpu = new CpuUsage(this.server);
			long start = System.nanoTime();
			long deadline = start + TimeUnit.SECONDS.toNanos(timeoutSeconds);
			cpu.start(start);
			this.registry.start(id);
			long processed;
			long now;
			while ((processed = container.getStatistics().getProcessed() - before) < total
					&& (now = System.nanoTime()) < deadline) {
				LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
			}
			long end = System.nanoTime();
			cpu.stop(end);
			this.registry.stop(id);
			result.completed = processed;
			result.issued = total;
			result.seconds = (end - start) / 1e9;
			result.rate = processed / result.seconds;
			result.p50 = Double.NaN;
			result.p99 = Double.NaN;
			result.p999 = Double.NaN;
			result.clientCores = cpu.clientCores;
			result.serverCores = cpu.serverCores;
			result.otherCores = cpu.otherCores;
			check(queues, queue, sendTo ? BenchListeners.replyQueue(concurrency) : null, total, result);
			result.note = String.format(Locale.ROOT, "%d pre-filled, %d processed in %.2f s%s", total, processed,
					result.seconds, (processed < total) ? " (timed out)" : "");
		}
		catch (Exception ex) {
			result.problem("mode failed: " + ex);
		}
		return result;
	}

	/** What was not processed is still queued, every reply arrived; then the queues are closed. */
	private static void check(QueuesClient queues, String queue, @Nullable String replyQueue, int total, Result result)
			throws Exception {
		int left = QueueSize.of(queues, queue);
		if (result.completed + left != total) {
			result.problem("processed " + result.completed + " + left " + left + " != pre-filled " + total);
		}
		if (replyQueue != null) {
			int replies = QueueSize.of(queues, replyQueue);
			if (replies != result.completed) {
				result.problem(replies + " replies in " + replyQueue + " for " + result.completed + " processed");
			}
			queues.close(replyQueue).get(30, TimeUnit.SECONDS);
		}
		queues.close(queue).get(30, TimeUnit.SECONDS);
	}

	@Override
	public void close() {
		this.context.close();
	}

}
