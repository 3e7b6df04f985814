package io.roomqueues.server;

import java.util.List;

import io.roomqueues.protocol.JsonContent;
import org.junit.jupiter.api.Test;

import static io.roomqueues.server.RoomQueueTests.message;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A message taken from its queue for a consumer whose socket fails, or which closed meanwhile, is not lost: it goes
 * back to the head of its queue, or straight to the next waiting receive, keeping the bytes it holds.
 */
class FailedDeliveryTests {

	private final Room room = new Room("r", ServerLimits.DEFAULTS, new QueuedBytes("the server",
			"max-server-queued-bytes", 10_000_000, null));

	@Test
	void aMessageWhoseWriteFailsGoesBackToTheHeadOfItsQueue() {
		StubConnection consumer = StubConnection.in(this.room, "c", ServerLimits.DEFAULTS);
		ParkedReceive receive = consumer.park(1, "q");
		this.room.receive("q", true, receive, true);
		QueuedMessage first = message(1);
		deliverSend(first);
		this.room.send("q", true, message(2));
		consumer.failWrites();

		consumer.runDeliveries();

		assertThat(consumer.responses()).isEmpty();
		assertThat(this.room.list()).containsExactly(new QueueInfo("q", 2));
		assertThat(this.room.queuedBytes()).isEqualTo(first.budgetBytes() + message(2).budgetBytes());
		assertThat(List.of(this.room.receive("q", false, null, true), this.room.receive("q", false, null, true)))
			.containsExactly(first, message(2));
	}

	@Test
	void aMessageWhoseWriteFailsGoesStraightToTheNextWaitingReceive() {
		StubConnection broken = StubConnection.in(this.room, "broken", ServerLimits.DEFAULTS);
		StubConnection healthy = StubConnection.writingAtOnce(this.room, "healthy", ServerLimits.DEFAULTS);
		this.room.receive("q", true, broken.park(1, "q"), true);
		QueuedMessage message = message(1);
		deliverSend(message);
		this.room.receive("q", true, healthy.park(5, "q"), true);
		broken.failWrites();

		broken.runDeliveries();

		assertThat(healthy.responses()).containsExactly(new StubConnection.Response(5,
				new JsonContent(StubConnection.CODEC.jsonMapper().readTree(message.json()))));
		assertThat(this.room.list()).containsExactly(new QueueInfo("q", 0));
		assertThat(this.room.queuedBytes()).as("written, so given back").isZero();
	}

	@Test
	void aMessageHandedToAConnectionThatClosedMeanwhileGoesBack() {
		StubConnection consumer = StubConnection.in(this.room, "c", ServerLimits.DEFAULTS);
		ParkedReceive receive = consumer.park(1, "q");
		this.room.receive("q", true, receive, true);
		QueuedMessage message = message(1);
		ParkedReceive claimed = this.room.send("q", true, message);
		consumer.connection.closed();

		claimed.connection().deliver(claimed, message);
		consumer.runDeliveries();

		assertThat(this.room.list()).containsExactly(new QueueInfo("q", 1));
		assertThat(this.room.queuedBytes()).isEqualTo(message.budgetBytes());
	}

	@Test
	void messagesAwaitingTheirWriteWhenTheConnectionClosesReturnInTheirOrder() {
		StubConnection consumer = StubConnection.in(this.room, "c", ServerLimits.DEFAULTS);
		for (int i = 1; i <= 3; i++) {
			this.room.receive("q", true, consumer.park(i, "q"), true);
			deliverSend(message(i));
		}
		this.room.send("q", true, message(4));

		consumer.connection.closed();

		assertThat(List.of(this.room.receive("q", false, null, true), this.room.receive("q", false, null, true),
				this.room.receive("q", false, null, true), this.room.receive("q", false, null, true)))
			.containsExactly(message(1), message(2), message(3), message(4));
	}

	private void deliverSend(QueuedMessage message) {
		ParkedReceive receive = this.room.send("q", true, message);
		assertThat(receive).isNotNull();
		receive.connection().deliver(receive, message);
	}

}
