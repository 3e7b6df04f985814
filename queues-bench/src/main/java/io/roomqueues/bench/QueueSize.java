package io.roomqueues.bench;

import java.util.concurrent.TimeUnit;

import io.roomqueues.client.Queue;
import io.roomqueues.client.QueuesClient;

/** Reads how many messages one queue holds, from the server's queue list. */
final class QueueSize {

	private QueueSize() {
	}

	/** The queue's size, 0 when the server does not list it. */
	static int of(QueuesClient queues, String name) throws Exception {
		return queues.list()
			.get(30, TimeUnit.SECONDS)
			.stream()
			.filter((q) -> q.name().equals(name))
			.mapToInt(Queue::size)
			.findFirst()
			.orElse(0);
	}

}
