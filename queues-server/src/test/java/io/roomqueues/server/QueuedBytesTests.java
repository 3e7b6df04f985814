package io.roomqueues.server;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The memory budgets of a room and of the server: exact at their limit, all or nothing, never overdrawn by a race. */
class QueuedBytesTests {

	private final QueuedBytes server = new QueuedBytes("the server", "max-server-queued-bytes", 100, null);

	private final QueuedBytes room = new QueuedBytes("room 'r'", "max-room-queued-bytes", 60, this.server);

	@Test
	void aBudgetLendsExactlyItsLimitAndRefusesOneByteMoreNamingIt() {
		this.room.reserve(59);
		this.room.reserve(1);

		assertThatExceptionOfType(QueueException.class).isThrownBy(() -> this.room.reserve(1))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(1008))
			.withMessage("room 'r' holds 60 bytes of messages and this one needs 1 more: over 60 bytes, the "
					+ "max-room-queued-bytes limit; nothing was added");
		assertThat(this.room.used()).isEqualTo(60);
		assertThat(this.server.used()).isEqualTo(60);
	}

	@Test
	void bytesTheServerCannotLendAreGivenBackToTheRoom() {
		QueuedBytes other = new QueuedBytes("room 'o'", "max-room-queued-bytes", 60, this.server);
		other.reserve(50);
		this.room.reserve(50);

		assertThatExceptionOfType(QueueException.class).isThrownBy(() -> this.room.reserve(1))
			.withMessage("the server holds 100 bytes of messages and this one needs 1 more: over 100 bytes, the "
					+ "max-server-queued-bytes limit; nothing was added");
		assertThat(this.room.used()).isEqualTo(50);
		assertThat(this.server.used()).isEqualTo(100);
	}

	@Test
	void releasedBytesReturnToTheRoomAndTheServer() {
		this.room.reserve(40);

		this.room.release(30);

		assertThat(this.room.used()).isEqualTo(10);
		assertThat(this.server.used()).isEqualTo(10);
		this.room.reserve(50);
		assertThat(this.server.used()).isEqualTo(60);
	}

	@Test
	void racingReservationsNeverOverdrawTheBudget() throws Exception {
		QueuedBytes budget = new QueuedBytes("the server", "max-server-queued-bytes", 10_000, null);
		AtomicLong granted = new AtomicLong();
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Future<?>> racers = new ArrayList<>();
			for (int t = 0; t < 8; t++) {
				racers.add(pool.submit(() -> {
					start.await();
					for (int i = 0; i < 5_000; i++) {
						try {
							budget.reserve(3);
							granted.addAndGet(3);
						}
						catch (QueueException ex) {
							// full: the others got there first
						}
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<?> racer : racers) {
				racer.get(30, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}

		assertThat(granted.get()).isEqualTo(9_999);
		assertThat(budget.used()).isEqualTo(9_999);
	}

}
