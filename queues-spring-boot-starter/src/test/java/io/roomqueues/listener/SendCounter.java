package io.roomqueues.listener;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.roomqueues.client.RequestInterceptor;
import io.roomqueues.protocol.ErrorContent;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Counts the {@code queues.send} requests of the client it is installed on (returns to a queue included), per queue
 * and per message, and how many the room refused.
 */
final class SendCounter implements RequestInterceptor {

	private final Map<String, AtomicInteger> sends = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> refusals = new ConcurrentHashMap<>();

	@Override
	public Completion beforeRequest(String type, ObjectNode header) {
		if (!"send".equals(header.path("tool").asString(""))) {
			return (response, failure) -> {
			};
		}
		JsonNode arguments = header.path("arguments").path("json");
		String queue = arguments.path("name").asString("");
		count(this.sends, queue);
		count(this.sends, queue + "|" + arguments.path("message"));
		return (response, failure) -> {
			if (failure != null || response instanceof ErrorContent) {
				count(this.refusals, queue);
			}
		};
	}

	/** Sends to a queue. */
	int sends(String queue) {
		return get(this.sends, queue);
	}

	/** Sends of one message (its JSON) to a queue. */
	int sends(String queue, JsonNode message) {
		return get(this.sends, queue + "|" + message);
	}

	/** Sends to a queue that the room refused or that failed. */
	int refused(String queue) {
		return get(this.refusals, queue);
	}

	private static void count(Map<String, AtomicInteger> counts, String key) {
		counts.computeIfAbsent(key, (k) -> new AtomicInteger()).incrementAndGet();
	}

	private static int get(Map<String, AtomicInteger> counts, String key) {
		AtomicInteger count = counts.get(key);
		return (count != null) ? count.get() : 0;
	}

}
