package io.roomqueues.server;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * One queue's messages and parked receives: FIFO order, the length limit exactly at its boundary, the memory budget
 * taken and given back, receives answered at most once, and a failed delivery put back at the head.
 */
class RoomQueueTests {

	private static final ServerLimits LIMITS = ServerLimits.DEFAULTS;

	private final QueuedBytes budget = new QueuedBytes("room 'r'", "max-room-queued-bytes", 1_000_000, null);

	private final Room room = new Room("r", LIMITS, new QueuedBytes("the server", "max-server-queued-bytes", 10_000_000,
			null));

	private final RoomQueue queue = new RoomQueue("q", this.budget);

	@Test
	void messagesLeaveInTheOrderTheyCameAndHoldTheirBytesUntilTaken() throws Exception {
		QueuedMessage first = message(1);
		QueuedMessage second = message(2);

		assertThat(this.queue.offer(first, 10)).isNull();
		assertThat(this.queue.offer(second, 10)).isNull();

		assertThat(this.queue.size()).isEqualTo(2);
		assertThat(this.budget.used()).isEqualTo(first.budgetBytes() + second.budgetBytes());
		assertThat(this.queue.poll(null, true)).isEqualTo(first);
		assertThat(this.queue.poll(null, true)).isEqualTo(second);
		assertThat(this.queue.poll(null, true)).isNull();
		assertThat(this.queue.size()).isZero();
	}

	@Test
	void aQueueHoldsExactlyItsLengthLimitAndRefusesTheNextSendWithoutTakingItsBytes() throws Exception {
		this.queue.offer(message(1), 2);
		this.queue.offer(message(2), 2);
		long held = this.budget.used();

		assertThatExceptionOfType(QueueException.class).isThrownBy(() -> this.queue.offer(message(3), 2))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(1008))
			.withMessage("queue 'q' is full: it holds 2 messages, the queue length limit; nothing was added");
		assertThat(this.queue.size()).isEqualTo(2);
		assertThat(this.budget.used()).isEqualTo(held);
	}

	@Test
	void aSendThatDoesNotFitTheBudgetIsRefusedAndTheQueueIsUnchanged() throws Exception {
		RoomQueue small = new RoomQueue("q", new QueuedBytes("room 'r'", "max-room-queued-bytes",
				message(1).budgetBytes(), null));
		small.offer(message(1), 10);

		assertThatExceptionOfType(QueueException.class).isThrownBy(() -> small.offer(message(2), 10))
			.withMessageContaining("the max-room-queued-bytes limit; nothing was added");
		assertThat(small.size()).isEqualTo(1);
	}

	@Test
	void aSendGoesToTheLongestWaitingReceiveWhoseConnectionHasRoom() throws Exception {
		StubConnection first = StubConnection.in(this.room, "first", LIMITS);
		StubConnection second = StubConnection.in(this.room, "second", LIMITS);
		ParkedReceive earliest = first.park(1, "q");
		ParkedReceive later = second.park(2, "q");
		this.queue.poll(earliest, true);
		this.queue.poll(later, true);

		ParkedReceive answered = this.queue.offer(message(1), 10);

		assertThat(answered).isSameAs(earliest);
		assertThat(earliest.isClaimed()).isTrue();
		assertThat(later.isClaimed()).isFalse();
		assertThat(this.queue.waiting()).isEqualTo(1);
		assertThat(this.queue.size()).isZero();
		assertThat(this.queue.offer(message(2), 10)).isSameAs(later);
		assertThat(this.queue.waiting()).isZero();
	}

	@Test
	void aSendPassesOverReceivesClaimedElsewhereAndDropsThem() throws Exception {
		StubConnection consumer = StubConnection.in(this.room, "c", LIMITS);
		ParkedReceive gone = consumer.park(1, "q");
		ParkedReceive waiting = consumer.park(2, "q");
		this.queue.poll(gone, true);
		this.queue.poll(waiting, true);
		assertThat(gone.claim()).isTrue();

		assertThat(this.queue.offer(message(1), 10)).isSameAs(waiting);
		assertThat(this.queue.waiting()).isZero();
	}

	@Test
	void aSendPassesOverAReceiveWhoseConnectionHasNoRoomAndLeavesItWaiting() throws Exception {
		StubConnection busy = busyConnection();
		StubConnection free = StubConnection.in(this.room, "free", LIMITS);
		ParkedReceive passedOver = busy.park(2, "q");
		ParkedReceive served = free.park(3, "q");
		this.queue.poll(passedOver, true);
		this.queue.poll(served, true);

		assertThat(this.queue.offer(message(1), 10)).isSameAs(served);
		assertThat(this.queue.waiting()).isEqualTo(1);
		assertThat(passedOver.isClaimed()).isFalse();
		assertThat(this.queue.offer(message(2), 10)).as("still no room").isNull();
		assertThat(this.queue.size()).isEqualTo(1);
	}

	@Test
	void aMessagePutBackGoesAheadOfTheOthersPastTheLengthLimitWithoutTakingItsBytesAgain() throws Exception {
		QueuedMessage failed = message(0);
		this.budget.reserve(failed.budgetBytes());
		this.queue.offer(message(1), 2);
		this.queue.offer(message(2), 2);
		long held = this.budget.used();

		assertThat(this.queue.requeueFirst(failed)).isNull();

		assertThat(this.queue.size()).isEqualTo(3);
		assertThat(this.budget.used()).isEqualTo(held);
		assertThat(List.of(this.queue.poll(null, true), this.queue.poll(null, true), this.queue.poll(null, true)))
			.containsExactly(failed, message(1), message(2));
	}

	@Test
	void aMessagePutBackGoesStraightToAWaitingReceive() throws Exception {
		StubConnection consumer = StubConnection.in(this.room, "c", LIMITS);
		ParkedReceive waiting = consumer.park(1, "q");
		this.queue.poll(waiting, true);

		assertThat(this.queue.requeueFirst(message(0))).isSameAs(waiting);
		assertThat(waiting.isClaimed()).isTrue();
		assertThat(this.queue.size()).isZero();
	}

	@Test
	void aReceiveThatMayTakeTakesTheOldestMessageAndIsClaimedForIt() throws Exception {
		StubConnection consumer = StubConnection.in(this.room, "c", LIMITS);
		ParkedReceive receive = consumer.park(1, "q");
		this.queue.offer(message(1), 10);

		assertThat(this.queue.poll(receive, true)).isEqualTo(message(1));
		assertThat(receive.isClaimed()).isTrue();
		assertThat(this.queue.waiting()).isZero();
	}

	@Test
	void aReceiveThatMayNotTakeParksEvenWhenMessagesWait() throws Exception {
		StubConnection consumer = StubConnection.in(this.room, "c", LIMITS);
		ParkedReceive receive = consumer.park(1, "q");
		this.queue.offer(message(1), 10);

		assertThat(this.queue.poll(receive, false)).isNull();
		assertThat(this.queue.poll(null, false)).isNull();

		assertThat(receive.isClaimed()).isFalse();
		assertThat(this.queue.waiting()).isEqualTo(1);
		assertThat(this.queue.size()).isEqualTo(1);
	}

	@Test
	void aReceiveClaimedAlreadyNeitherTakesNorParks() throws Exception {
		StubConnection consumer = StubConnection.in(this.room, "c", LIMITS);
		ParkedReceive receive = consumer.park(1, "q");
		receive.claim();
		this.queue.offer(message(1), 10);

		assertThat(this.queue.poll(receive, true)).isNull();
		assertThat(this.queue.waiting()).isZero();
		assertThat(this.queue.size()).isEqualTo(1);
	}

	@Test
	void serveAnswersAnUnclaimedParkedReceiveWithTheOldestMessageOnce() throws Exception {
		StubConnection consumer = busyConnection();
		ParkedReceive receive = consumer.park(1, "q");
		assertThat(this.queue.serve(receive)).as("no message yet").isNull();
		assertThat(receive.isClaimed()).isFalse();
		this.queue.poll(receive, false);
		this.queue.offer(message(1), 10);
		this.queue.offer(message(2), 10);
		assertThat(this.queue.waiting()).as("passed over: no room").isEqualTo(1);

		assertThat(this.queue.serve(receive)).isEqualTo(message(1));
		assertThat(receive.isClaimed()).isTrue();
		assertThat(this.queue.waiting()).isZero();
		assertThat(this.queue.serve(receive)).as("claimed already").isNull();
		assertThat(this.queue.size()).isEqualTo(1);
	}

	@Test
	void drainDropsTheMessagesAndGivesTheirBytesBack() throws Exception {
		this.queue.offer(message(1), 10);
		this.queue.offer(message(2), 10);

		this.queue.drain();

		assertThat(this.queue.size()).isZero();
		assertThat(this.budget.used()).isZero();
	}

	@Test
	void removeDropsTheMessagesClaimsTheWaitingReceivesAndRefusesEverythingAfter() throws Exception {
		StubConnection consumer = StubConnection.in(this.room, "c", LIMITS);
		ParkedReceive waiting = consumer.park(1, "q");
		ParkedReceive claimedElsewhere = consumer.park(2, "q");
		this.queue.offer(message(1), 10);
		this.queue.poll(waiting, false);
		this.queue.poll(claimedElsewhere, false);
		claimedElsewhere.claim();

		assertThat(this.queue.remove()).containsExactly(waiting);

		assertThat(waiting.isClaimed()).isTrue();
		assertThat(this.queue.waiting()).isZero();
		assertThat(this.queue.size()).isZero();
		assertThat(this.budget.used()).isZero();
		assertThatExceptionOfType(RoomQueue.RemovedException.class).isThrownBy(() -> this.queue.offer(message(2), 10));
		assertThatExceptionOfType(RoomQueue.RemovedException.class).isThrownBy(() -> this.queue.requeueFirst(message(2)));
		assertThatExceptionOfType(RoomQueue.RemovedException.class).isThrownBy(() -> this.queue.poll(null, true));
		assertThatExceptionOfType(RoomQueue.RemovedException.class).isThrownBy(this.queue::drain);
		assertThatExceptionOfType(RoomQueue.RemovedException.class).isThrownBy(this.queue::remove);
		assertThat(this.budget.used()).isZero();
	}

	@Test
	void forgetTakesAParkedReceiveOffTheQueue() throws Exception {
		StubConnection consumer = StubConnection.in(this.room, "c", LIMITS);
		ParkedReceive receive = consumer.park(1, "q");
		this.queue.poll(receive, false);

		this.queue.forget(receive);

		assertThat(this.queue.waiting()).isZero();
		assertThat(this.queue.offer(message(1), 10)).isNull();
	}

	/** A connection that was handed a message larger than its window and has not read it: it has no room. */
	private StubConnection busyConnection() {
		StubConnection busy = StubConnection.in(this.room, "busy", LIMITS.toBuilder().maxPendingOutboundBytes(100).build());
		busy.connection.deliver(busy.park(0, "other"), new QueuedMessage("{\"pad\":\"" + "x".repeat(200) + "\"}"));
		assertThat(busy.connection.hasDeliveryRoom()).isFalse();
		return busy;
	}

	static QueuedMessage message(int n) {
		return new QueuedMessage("{\"n\":" + n + "}");
	}

}
