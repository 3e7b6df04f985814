package io.roomqueues.server;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

import io.roomqueues.protocol.EmptyContent;
import io.roomqueues.protocol.JsonContent;
import org.junit.jupiter.api.Test;

import static io.roomqueues.server.RoomQueueTests.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The receives a connection parks: claimed exactly once however many threads race for them, counted up to the
 * per-connection limit, served oldest first as the connection reads, and all taken off their queues when it closes.
 */
class ParkedReceivesTests {

	private static final ServerLimits LIMITS = ServerLimits.DEFAULTS;

	private final Room room = new Room("r", LIMITS, new QueuedBytes("the server", "max-server-queued-bytes", 10_000_000,
			null));

	@Test
	void aParkedReceiveIsClaimedByExactlyOneOfManyRacingThreads() throws Exception {
		StubConnection consumer = StubConnection.in(this.room, "c", LIMITS);
		int receives = 20_000;
		int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
		List<ParkedReceive> parked = new ArrayList<>();
		for (int i = 0; i < receives; i++) {
			parked.add(new ParkedReceive(consumer.connection, i, "q"));
		}
		AtomicIntegerArray claims = new AtomicIntegerArray(receives);
		AtomicInteger arrived = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			List<Future<?>> racers = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				racers.add(pool.submit(() -> {
					for (int i = 0; i < receives; i++) {
						// every thread, spinning on its own core, goes for the same receive at the same moment
						int all = threads * (i + 1);
						arrived.incrementAndGet();
						while (arrived.get() < all) {
							Thread.onSpinWait();
						}
						if (parked.get(i).claim()) {
							claims.incrementAndGet(i);
						}
					}
					return null;
				}));
			}
			for (Future<?> racer : racers) {
				racer.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}

		for (int i = 0; i < receives; i++) {
			assertThat(claims.get(i)).as("claims of receive %d", i).isEqualTo(1);
			assertThat(parked.get(i).isClaimed()).isTrue();
		}
	}

	@Test
	void messagesRacingTheCloseOfTheirConsumersAreEachDeliveredOnceOrLeftQueued() throws Exception {
		int consumers = 8;
		int receivesEach = 200;
		int senders = 4;
		int sendsEach = 500;
		List<StubConnection> connections = new ArrayList<>();
		for (int c = 0; c < consumers; c++) {
			StubConnection consumer = StubConnection.writingAtOnce(this.room, "c" + c, LIMITS);
			connections.add(consumer);
			for (int r = 0; r < receivesEach; r++) {
				ParkedReceive receive = consumer.park(r, "q");
				assertThat(this.room.receive("q", true, receive, true)).isNull();
			}
		}
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(senders + 1);
		try {
			List<Future<?>> work = new ArrayList<>();
			for (int s = 0; s < senders; s++) {
				int sender = s;
				work.add(pool.submit(() -> {
					start.await();
					for (int i = 0; i < sendsEach; i++) {
						QueuedMessage message = message(sender * sendsEach + i);
						ParkedReceive receive = this.room.send("q", true, message);
						if (receive != null) {
							receive.connection().deliver(receive, message);
						}
					}
					return null;
				}));
			}
			work.add(pool.submit(() -> {
				start.await();
				for (int c = 0; c < consumers; c += 2) {
					connections.get(c).connection.closed();
				}
				return null;
			}));
			start.countDown();
			for (Future<?> done : work) {
				done.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}

		List<Integer> seen = new ArrayList<>();
		for (StubConnection consumer : connections) {
			List<Long> answered = new ArrayList<>();
			for (StubConnection.Response response : consumer.responses()) {
				answered.add(response.id());
				seen.add(((JsonContent) response.content()).json().get("n").intValue());
			}
			assertThat(answered).as("each receive answered at most once").doesNotHaveDuplicates();
		}
		QueuedMessage left;
		while ((left = this.room.receive("q", false, null, true)) != null) {
			seen.add(Integer.parseInt(left.json().replaceAll("\\D", "")));
			this.room.released(left);
		}
		assertThat(seen).hasSize(senders * sendsEach).doesNotHaveDuplicates();
		assertThat(this.room.queuedBytes()).isZero();
		assertThat(this.room.parkedReceives()).as("receives of the closed consumers left the queue")
			.isEqualTo(consumers / 2 * receivesEach - countAnsweredOnOpen(connections));
	}

	@Test
	void aConnectionParksExactlyItsLimitOfReceives() {
		StubConnection consumer = StubConnection.in(this.room, "c",
				LIMITS.toBuilder().maxParkedReceivesPerConnection(2).build());
		consumer.park(1, "q");
		ParkedReceive second = consumer.park(2, "q");

		assertThatExceptionOfType(QueueException.class).isThrownBy(() -> consumer.park(3, "q"))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(1008))
			.withMessage("this connection has 2 receives waiting, the max-parked-receives limit; answer or close some "
					+ "first");
		assertThat(consumer.connection.parkedCount()).isEqualTo(2);
		consumer.connection.unpark(second);
		assertThat(consumer.connection.parkedCount()).isEqualTo(1);
		consumer.park(3, "q");
		assertThat(consumer.connection.parkedCount()).isEqualTo(2);
	}

	@Test
	void aClosedConnectionsReceivesAreClaimedTakenOffTheirQueuesAndNoMoreArePark() {
		StubConnection consumer = StubConnection.in(this.room, "c", LIMITS);
		List<ParkedReceive> parked = new ArrayList<>();
		for (String queue : List.of("a", "b", "b")) {
			ParkedReceive receive = consumer.park(parked.size(), queue);
			this.room.receive(queue, true, receive, true);
			parked.add(receive);
		}
		ParkedReceive answeredAlready = parked.get(0);
		answeredAlready.claim();

		consumer.connection.closed();

		assertThat(parked).allSatisfy((receive) -> assertThat(receive.isClaimed()).isTrue());
		assertThat(this.room.parkedReceives()).as("the claimed one is dropped by the next send").isEqualTo(1);
		assertThat(consumer.connection.parkedCount()).isZero();
		assertThat(this.room.send("b", true, message(1))).isNull();
		assertThat(this.room.list()).containsExactly(new QueueInfo("a", 0), new QueueInfo("b", 1));
		assertThatExceptionOfType(QueueException.class).isThrownBy(() -> consumer.park(9, "a"))
			.withMessage("this connection is closing");
	}

	@Test
	void aConnectionThatReadsIsServedFromItsQueuesOldestReceiveFirstWhileItHasRoom() {
		ServerLimits window = LIMITS.toBuilder().maxPendingOutboundBytes(100).build();
		StubConnection consumer = StubConnection.in(this.room, "c", window);
		ParkedReceive filling = consumer.park(1, "q");
		this.room.receive("q", true, filling, true);
		QueuedMessage large = new QueuedMessage("{\"pad\":\"" + "x".repeat(200) + "\"}");
		consumer.connection.deliver(this.room.send("q", true, large), large);
		List<ParkedReceive> waiting = new ArrayList<>();
		for (int i = 2; i <= 4; i++) {
			ParkedReceive receive = consumer.park(i, "q");
			assertThat(this.room.receive("q", true, receive, consumer.connection.hasDeliveryRoom())).isNull();
			waiting.add(receive);
		}
		this.room.send("q", true, large);
		this.room.send("q", true, message(3));
		assertThat(this.room.list()).containsExactly(new QueueInfo("q", 2));

		consumer.runDeliveries();

		assertThat(consumer.responses()).extracting(StubConnection.Response::id).containsExactly(1L, 2L, 3L);
		assertThat(consumer.connection.parkedCount()).isEqualTo(1);
		assertThat(waiting.get(2).isClaimed()).isFalse();
		assertThat(this.room.list()).containsExactly(new QueueInfo("q", 0));
		assertThat(this.room.queuedBytes()).isZero();
	}

	@Test
	void aReceiveReleasedByItsQueuesCloseIsAnsweredEmptyAndUncounted() {
		StubConnection consumer = StubConnection.in(this.room, "c", LIMITS);
		ParkedReceive receive = consumer.park(7, "q");
		this.room.receive("q", true, receive, true);

		for (ParkedReceive released : this.room.close("q")) {
			released.connection().release(released);
		}
		consumer.runDeliveries();

		assertThat(consumer.responses()).containsExactly(new StubConnection.Response(7, EmptyContent.INSTANCE));
		assertThat(consumer.connection.parkedCount()).isZero();
	}

	private static int countAnsweredOnOpen(List<StubConnection> connections) {
		int answered = 0;
		for (int c = 1; c < connections.size(); c += 2) {
			answered += connections.get(c).responses().size();
		}
		return answered;
	}

}
