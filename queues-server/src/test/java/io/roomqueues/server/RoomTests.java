package io.roomqueues.server;

import java.util.List;

import org.junit.jupiter.api.Test;

import static io.roomqueues.server.RoomQueueTests.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A room's queues: created and closed under the room's limits, looked up by every operation, and each parked receive
 * taken off its queue when its connection forgets it.
 */
class RoomTests {

	private final QueuedBytes server = new QueuedBytes("the server", "max-server-queued-bytes", 1_000_000, null);

	private final Room room = new Room("r", ServerLimits.DEFAULTS, this.server);

	@Test
	void listShowsEveryQueueSortedByNameWithItsSize() {
		this.room.send("b", true, message(1));
		this.room.send("b", true, message(2));
		this.room.open("a");

		assertThat(this.room.list()).containsExactly(new QueueInfo("a", 0), new QueueInfo("b", 2));
	}

	@Test
	void openingAQueueThatExistsIsRefusedWith5002() {
		this.room.open("a");

		assertThatExceptionOfType(QueueException.class).isThrownBy(() -> this.room.open("a"))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(5002))
			.withMessage("queue 'a' already exists");
	}

	@Test
	void operationsOnAQueueThatDoesNotExistAreRefusedWith5001UnlessTheyCreateIt() {
		for (Runnable operation : List.<Runnable>of(() -> this.room.send("q", false, message(1)),
				() -> this.room.receive("q", false, null, true), () -> this.room.drain("q"), () -> this.room.close("q"))) {
			assertThatExceptionOfType(QueueException.class).isThrownBy(operation::run)
				.satisfies((ex) -> assertThat(ex.code()).isEqualTo(5001))
				.withMessage("queue 'q' not found");
		}
		assertThat(this.room.list()).isEmpty();

		assertThat(this.room.receive("q", true, null, true)).isNull();
		assertThat(this.room.list()).containsExactly(new QueueInfo("q", 0));
	}

	@Test
	void aRoomHoldsExactlyItsQueueLimitAndCreatesOneAgainAfterAClose() {
		Room small = new Room("r", ServerLimits.DEFAULTS.toBuilder().maxQueuesPerRoom(2).build(), this.server);
		small.open("a");
		small.send("b", true, message(1));

		for (Runnable creation : List.<Runnable>of(() -> small.open("c"), () -> small.send("c", true, message(1)),
				() -> small.receive("c", true, null, true))) {
			assertThatExceptionOfType(QueueException.class).isThrownBy(creation::run)
				.satisfies((ex) -> assertThat(ex.code()).isEqualTo(1008))
				.withMessage("room 'r' holds 2 queues, the max-queues-per-room limit; queue 'c' was not created");
		}
		small.close("a");
		small.open("c");
		assertThat(small.list()).extracting(QueueInfo::name).containsExactly("b", "c");
	}

	@Test
	void aMessageTakesItsBytesFromTheRoomAndTheServerUntilReleased() {
		QueuedMessage message = message(1);

		this.room.send("q", true, message);

		assertThat(this.room.queuedBytes()).isEqualTo(message.budgetBytes());
		assertThat(this.server.used()).isEqualTo(message.budgetBytes());
		QueuedMessage taken = this.room.receive("q", false, null, true);
		assertThat(taken).isEqualTo(message);
		assertThat(this.room.queuedBytes()).as("held until written").isEqualTo(message.budgetBytes());
		this.room.released(taken);
		assertThat(this.room.queuedBytes()).isZero();
		assertThat(this.server.used()).isZero();
	}

	@Test
	void aRoomRefusesASendPastItsOwnBudget() {
		Room small = new Room("r", ServerLimits.DEFAULTS.toBuilder().maxQueuedBytesPerRoom(message(1).budgetBytes()).build(),
				this.server);
		small.send("q", true, message(1));

		assertThatExceptionOfType(QueueException.class).isThrownBy(() -> small.send("q", true, message(2)))
			.withMessageStartingWith("room 'r' holds " + message(1).budgetBytes() + " bytes of messages")
			.withMessageContaining("the max-room-queued-bytes limit");
	}

	@Test
	void aMessagePutBackGoesToTheHeadOfItsQueue() {
		this.room.send("q", true, message(1));
		this.room.send("q", true, message(2));
		QueuedMessage taken = this.room.receive("q", false, null, true);

		assertThat(this.room.requeueFirst("q", taken)).isNull();

		assertThat(this.room.receive("q", false, null, true)).isEqualTo(message(1));
		assertThat(this.room.queuedBytes()).isEqualTo(message(1).budgetBytes() + message(2).budgetBytes());
	}

	@Test
	void aMessagePutBackToAQueueClosedMeanwhileIsDiscardedWithItsBytes() {
		this.room.send("q", true, message(1));
		QueuedMessage taken = this.room.receive("q", false, null, true);
		this.room.close("q");

		assertThat(this.room.requeueFirst("q", taken)).isNull();

		assertThat(this.room.list()).isEmpty();
		assertThat(this.room.queuedBytes()).isZero();
		assertThat(this.server.used()).isZero();
	}

	@Test
	void aMessagePutBackToAQueueClosedAndOpenedAgainIsDiscarded() {
		this.room.send("q", true, message(1));
		QueuedMessage taken = this.room.receive("q", false, null, true);
		this.room.close("q");
		this.room.open("q");

		this.room.requeueFirst("q", taken);

		assertThat(this.room.list()).containsExactly(new QueueInfo("q", 1));
	}

	@Test
	void closeRemovesTheQueueAndReturnsItsWaitingReceivesClaimed() {
		StubConnection consumer = StubConnection.in(this.room, "c", ServerLimits.DEFAULTS);
		ParkedReceive receive = consumer.park(1, "q");
		this.room.receive("q", true, receive, true);
		this.room.send("other", true, message(1));

		assertThat(this.room.close("q")).containsExactly(receive);

		assertThat(receive.isClaimed()).isTrue();
		assertThat(this.room.list()).containsExactly(new QueueInfo("other", 1));
		assertThat(this.room.parkedReceives()).isZero();
	}

	@Test
	void forgetTakesAReceiveOffItsQueue() {
		StubConnection consumer = StubConnection.in(this.room, "c", ServerLimits.DEFAULTS);
		ParkedReceive forgotten = consumer.park(1, "q");
		ParkedReceive kept = consumer.park(2, "p");
		this.room.receive("q", true, forgotten, true);
		this.room.receive("p", true, kept, true);
		assertThat(this.room.parkedReceives()).isEqualTo(2);

		this.room.forget(forgotten);
		this.room.forget(new ParkedReceive(consumer.connection, 3, "no-such-queue"));

		assertThat(this.room.parkedReceives()).isEqualTo(1);
	}

	@Test
	void serveAnswersAParkedReceiveFromItsOwnQueueOnly() {
		StubConnection consumer = StubConnection.in(this.room, "c", ServerLimits.DEFAULTS);
		ParkedReceive receive = consumer.park(1, "q");
		this.room.receive("q", true, receive, false);
		this.room.send("other", true, message(1));

		assertThat(this.room.serve(receive)).isNull();
		assertThat(this.room.serve(new ParkedReceive(consumer.connection, 2, "gone"))).isNull();
		this.room.send("q", true, message(2));
		assertThat(receive.isClaimed()).as("the send answered it").isTrue();
	}

	@Test
	void drainEmptiesOneQueueAndGivesItsBytesBack() {
		this.room.send("q", true, message(1));
		this.room.send("other", true, message(2));

		this.room.drain("q");

		assertThat(this.room.list()).containsExactly(new QueueInfo("other", 1), new QueueInfo("q", 0));
		assertThat(this.room.queuedBytes()).isEqualTo(message(2).budgetBytes());
	}

	@Test
	void aRoomRetiresOnlyWhenItHoldsNoQueueAndThenCreatesNone() {
		this.room.open("q");
		assertThat(this.room.retireIfEmpty()).isFalse();
		this.room.close("q");

		assertThat(this.room.retireIfEmpty()).isTrue();

		assertThatExceptionOfType(QueueException.class).isThrownBy(() -> this.room.open("q"))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(1008))
			.withMessage("room 'r' was removed when its last participant left");
		assertThat(this.room.retireIfEmpty()).isTrue();
	}

	@Test
	void joinsAndLeavesAreCounted() {
		assertThat(this.room.joined()).isEqualTo(1);
		assertThat(this.room.joined()).isEqualTo(2);
		assertThat(this.room.left()).isEqualTo(1);
		assertThat(this.room.left()).isZero();
		assertThat(this.room.name()).isEqualTo("r");
	}

}
