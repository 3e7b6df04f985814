package io.roomqueues.listener;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import io.roomqueues.client.QueuesClient;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.handler.annotation.Header;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An {@link InterruptedException} is an interrupt only when a stop gave up on the message; one a listener throws, or
 * its future fails with, while no stop is under way is a failure: retried, then dead-lettered.
 */
class ListenerInterruptTests {

	record Item(int n) {
	}

	@Test
	void aFutureFailedWithAnInterruptedExceptionIsRetriedThenDeadLettered() {
		try (TestRoom room = new TestRoom("async-interrupted")) {
			InterruptedFuture listener = new InterruptedFuture();
			room.runner().withBean(InterruptedFuture.class, () -> listener).run((context) -> {
				QueuesClient direct = room.direct();
				direct.send("async-interrupted", new Item(1)).join();

				ObjectNode letter = direct.receive("async-interrupted.dlq", Duration.ofSeconds(10)).join();
				assertThat(letter).as("dead letter (the listener ran %d times)", listener.attempts.size()).isNotNull();
				assertThat(letter.get("error").get("type").asString()).isEqualTo(InterruptedException.class.getName());
				assertThat(listener.attempts).containsExactly(1, 2, 3);
			});
		}
	}

	@Test
	void anInterruptedExceptionAListenerThrowsWhileNoStopIsUnderWayIsRetriedThenDeadLettered() {
		try (TestRoom room = new TestRoom("sync-interrupted")) {
			InterruptedThrower listener = new InterruptedThrower();
			room.runner().withBean(InterruptedThrower.class, () -> listener).run((context) -> {
				QueuesClient direct = room.direct();
				direct.send("sync-interrupted", new Item(1)).join();

				ObjectNode letter = direct.receive("sync-interrupted.dlq", Duration.ofSeconds(10)).join();
				assertThat(letter).as("dead letter (the listener ran %d times)", listener.attempts.size()).isNotNull();
				assertThat(listener.attempts).containsExactly(1, 2, 3);
				assertThat(room.size("sync-interrupted")).isZero();
			});
		}
	}

	static class InterruptedFuture {

		final List<Integer> attempts = new CopyOnWriteArrayList<>();

		@QueueListener(queue = "async-interrupted", id = "async-interrupted")
		CompletableFuture<Void> listen(Item item, @Header(QueueHeaders.ATTEMPT) int attempt) {
			this.attempts.add(attempt);
			// work on another thread that was interrupted and reports it through the future
			return CompletableFuture.failedFuture(new InterruptedException("worker interrupted"));
		}

	}

	static class InterruptedThrower {

		final List<Integer> attempts = new CopyOnWriteArrayList<>();

		@QueueListener(queue = "sync-interrupted", id = "sync-interrupted")
		void listen(Item item, @Header(QueueHeaders.ATTEMPT) int attempt) throws InterruptedException {
			this.attempts.add(attempt);
			throw new InterruptedException("thrown by a library the listener called; no stop is under way");
		}

	}

}
