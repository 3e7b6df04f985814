package io.roomqueues.listener;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.roomqueues.client.QueuesClient;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.handler.annotation.Header;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** One annotation on several queues: a container each, with ids {@code <id>-<queue>}. */
class MultipleQueuesTests {

	record Item(String name) {
	}

	@Test
	void eachQueueOfTheAnnotationHasAContainerOfItsOwnWithItsOwnDeadLetterQueue() {
		try (TestRoom room = new TestRoom("several-queues")) {
			Router listener = new Router();
			room.runner().withBean(Router.class, () -> listener).run((context) -> {
				QueueListenerRegistry registry = context.getBean(QueueListenerRegistry.class);
				assertThat(registry.getListenerContainerIds()).containsExactlyInAnyOrder("router-east", "router-west");
				assertThat(registry.getListenerContainer("router-east").getQueue()).isEqualTo("east");
				assertThat(registry.getListenerContainer("router-west").getConcurrency()).isEqualTo(2);
				QueuesClient direct = room.direct();
				direct.send("east", new Item("tea")).join();
				direct.send("west", new Item("coffee")).join();
				direct.send("west", new Item("poison")).join();

				await().untilAsserted(() -> assertThat(listener.seen).containsExactlyInAnyOrder("east:tea|router-east",
						"west:coffee|router-west", "west:poison|router-west"));
				ObjectNode letter = direct.receive("west.dlq", Duration.ofSeconds(10)).join();
				assertThat(letter).isNotNull();
				assertThat(letter.at("/error/listenerId").stringValue()).isEqualTo("router-west");
				assertThat(room.size("east.dlq")).isZero();
				assertThat(registry.getListenerContainer("router-east").getStatistics().getProcessed()).isEqualTo(1);
			});
		}
	}

	@Test
	void withoutAnIdEachContainerIsNamedAfterTheBeanTheMethodAndItsQueue() {
		try (TestRoom room = new TestRoom("several-queues-ids")) {
			room.runner().withBean("mailbox", Unnamed.class, Unnamed::new).run((context) -> {
				assertThat(context.getBean(QueueListenerRegistry.class).getListenerContainerIds())
					.containsExactlyInAnyOrder("mailbox.listen-inbox", "mailbox.listen-outbox", "mailbox.single");
			});
		}
	}

	static class Router {

		final List<String> seen = new CopyOnWriteArrayList<>();

		@QueueListener(queues = { "east", "west" }, id = "router", concurrency = "2", maxAttempts = "1")
		void listen(Item item, @Header(QueueHeaders.QUEUE) String queue,
				@Header(QueueHeaders.LISTENER_ID) String listenerId) {
			this.seen.add(queue + ":" + item.name() + "|" + listenerId);
			if (item.name().equals("poison")) {
				throw new IllegalStateException("poison");
			}
		}

	}

	static class Unnamed {

		@QueueListener(queues = { "inbox", "outbox" })
		void listen(Item item) {
		}

		@QueueListener(queues = "only")
		void single(Item item) {
		}

	}

}
