package io.roomqueues.bench;

import io.roomqueues.listener.QueueListener;
import org.springframework.messaging.handler.annotation.SendTo;

/**
 * The listeners the {@code @QueueListener} modes start one at a time: empty methods taking the benchmark message as
 * a record, at concurrency 1, 8 and 64, and the same returning it to a reply queue with {@code @SendTo}.
 */
public class BenchListeners {

	/** The benchmark message as an application would declare it. */
	public record Payload(long n, String pad) {
	}

	static String id(int concurrency, boolean sendTo) {
		return (sendTo ? "reply-" : "empty-") + concurrency;
	}

	static String queue(int concurrency, boolean sendTo) {
		return "bench-listen-" + id(concurrency, sendTo);
	}

	static String replyQueue(int concurrency) {
		return queue(concurrency, true) + "-out";
	}

	@QueueListener(id = "empty-1", queue = "bench-listen-empty-1", concurrency = "1", autoStartup = "false")
	public void empty1(Payload payload) {
	}

	@QueueListener(id = "empty-8", queue = "bench-listen-empty-8", concurrency = "8", autoStartup = "false")
	public void empty8(Payload payload) {
	}

	@QueueListener(id = "empty-64", queue = "bench-listen-empty-64", concurrency = "64", autoStartup = "false")
	public void empty64(Payload payload) {
	}

	@QueueListener(id = "reply-1", queue = "bench-listen-reply-1", concurrency = "1", autoStartup = "false")
	@SendTo("bench-listen-reply-1-out")
	public Payload reply1(Payload payload) {
		return payload;
	}

	@QueueListener(id = "reply-8", queue = "bench-listen-reply-8", concurrency = "8", autoStartup = "false")
	@SendTo("bench-listen-reply-8-out")
	public Payload reply8(Payload payload) {
		return payload;
	}

	@QueueListener(id = "reply-64", queue = "bench-listen-reply-64", concurrency = "64", autoStartup = "false")
	@SendTo("bench-listen-reply-64-out")
	public Payload reply64(Payload payload) {
		return payload;
	}

}
