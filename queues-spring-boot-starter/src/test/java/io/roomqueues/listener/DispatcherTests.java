package io.roomqueues.listener;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@link Dispatcher} on its own, with executors that refuse in both ways. */
class DispatcherTests {

	private final ExecutorService pool = Executors.newSingleThreadExecutor((task) -> new Thread(task, "pool"));

	@AfterEach
	void shutdown() {
		this.pool.shutdownNow();
	}

	@Test
	void aTaskTheExecutorWouldRunOnTheHandingThreadIsHandedOverAgainLater() throws InterruptedException {
		AtomicInteger inline = new AtomicInteger();
		Dispatcher dispatcher = new Dispatcher("inline", (task) -> {
			if (inline.incrementAndGet() <= 3) {
				task.run();
			}
			else {
				this.pool.execute(task);
			}
		});
		dispatcher.start(1);

		assertThat(threadThatRuns(dispatcher)).isEqualTo("pool");
		assertThat(inline).hasValue(4);
	}

	@Test
	void aRejectedTaskIsHandedOverAgainUntilTheExecutorTakesIt() throws InterruptedException {
		AtomicInteger tries = new AtomicInteger();
		Dispatcher dispatcher = new Dispatcher("rejecting", (task) -> {
			if (tries.incrementAndGet() <= 3) {
				throw new RejectedExecutionException("full");
			}
			this.pool.execute(task);
		});
		dispatcher.start(1);
		CountDownLatch ran = new CountDownLatch(1);

		dispatcher.dispatch(ran::countDown, () -> true);

		assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(tries).hasValue(4);
	}

	@Test
	void aTaskNoLongerWantedIsNotHandedOverAgain() {
		AtomicInteger tries = new AtomicInteger();
		AtomicBoolean wanted = new AtomicBoolean(true);
		Dispatcher dispatcher = new Dispatcher("unwanted", (task) -> {
			tries.incrementAndGet();
			wanted.set(false);
			throw new RejectedExecutionException("full");
		});
		dispatcher.start(1);

		dispatcher.dispatch(() -> {
		}, wanted::get);

		await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(tries).hasValue(1));
	}

	@Test
	void withoutASharedExecutorEachContainerHasAPoolNamedAfterIt() throws InterruptedException {
		Dispatcher dispatcher = new Dispatcher("own", null);
		dispatcher.start(2);

		assertThat(threadThatRuns(dispatcher)).startsWith("own-");
		dispatcher.stop();
	}

	private static String threadThatRuns(Dispatcher dispatcher) throws InterruptedException {
		List<String> threads = new CopyOnWriteArrayList<>();
		CountDownLatch ran = new CountDownLatch(1);
		dispatcher.dispatch(() -> {
			threads.add(Thread.currentThread().getName());
			ran.countDown();
		}, () -> true);
		assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
		return threads.get(0);
	}

}
