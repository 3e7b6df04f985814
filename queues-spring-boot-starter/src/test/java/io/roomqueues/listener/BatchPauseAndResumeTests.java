package io.roomqueues.listener;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import io.roomqueues.client.QueuesClient;
import io.roomqueues.client.RoomClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A batch listener paused and resumed again and again while messages arrive: batches being gathered end at each
 * pause, the receives they cancel send back what they still take, and every message is processed exactly once.
 */
class BatchPauseAndResumeTests {

	record Item(int n) {
	}

	@Test
	void pausingAndResumingABatchListenerWhileMessagesArriveProcessesEachExactlyOnce() {
		int count = 400;
		try (TestRoom room = new TestRoom("batch-pause")) {
			Batches listener = new Batches();
			room.runner()
				.withPropertyValues("queues.listener.concurrency=3")
				.withBean(Batches.class, () -> listener)
				.run((context) -> {
					QueueListenerContainer container = context.getBean(QueueListenerRegistry.class)
						.getListenerContainer("batches");
					RoomClient client = context.getBean(RoomClient.class);
					QueuesClient direct = room.direct();
					// the sends pace the pauses: each pause and each resume sees messages arrive
					for (int i = 0; i < count; i++) {
						if (i % 10 == 0) {
							container.pause();
						}
						else if (i % 10 == 5) {
							container.resume();
						}
						direct.send("batches", new Item(i)).join();
					}
					container.resume();

					await().atMost(Duration.ofSeconds(30))
						.until(() -> listener.processed.size() >= count && client.unclaimedMessages() == 0);
					Set<Integer> unique = new HashSet<>(listener.processed);
					assertThat(listener.processed).as("duplicates").hasSameSizeAs(unique);
					assertThat(unique).hasSize(count);
					assertThat(room.size("batches")).isZero();
					assertThat(container.getInFlight()).isZero();
				});
		}
	}

	static class Batches {

		final List<Integer> processed = new CopyOnWriteArrayList<>();

		@QueueListener(queue = "batches", id = "batches", batchSize = "5", batchWait = "30ms")
		void listen(List<Item> items) {
			items.forEach((item) -> this.processed.add(item.n()));
		}

	}

}
