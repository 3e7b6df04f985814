package io.roomqueues.client;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import io.roomqueues.protocol.ErrorCodes;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * A receive that waits at most a given time: a receive parked on the server, given up at the deadline (the client
 * keeps what it takes later). When the server refuses to park another receive (1008, its limit of waiting receives per
 * connection, which bounded receives on many queues can reach), it asks without waiting every {@value #POLL_MILLIS} ms
 * until the deadline instead. A message that arrives as the caller gives up goes back to its queue.
 *
 * @param <T> the value the caller gets
 */
final class BoundedReceive<T> {

	private static final long POLL_MILLIS = 100;

	private final RoomClient room;

	private final Supplier<CompletableFuture<@Nullable ObjectNode>> polled;

	private final Function<ObjectNode, T> convert;

	private final Consumer<ObjectNode> giveBack;

	private final long deadline;

	private final CompletableFuture<@Nullable T> result = new CompletableFuture<>();

	private volatile @Nullable CompletableFuture<@Nullable ObjectNode> current;

	private volatile boolean expired;

	private BoundedReceive(RoomClient room, Supplier<CompletableFuture<@Nullable ObjectNode>> polled,
			Function<ObjectNode, T> convert, Consumer<ObjectNode> giveBack, Duration timeout) {
		this.room = room;
		this.polled = polled;
		this.convert = convert;
		this.giveBack = giveBack;
		this.deadline = System.nanoTime() + timeout.toNanos();
	}

	/**
	 * @param parked makes a receive that waits on the server
	 * @param polled makes a receive that does not wait
	 * @param convert turns a message into the caller's value
	 * @param giveBack sends back a message that arrived when the caller had given up
	 * @return completes with the value, or {@code null} if no message came in time
	 */
	static <T> CompletableFuture<@Nullable T> start(RoomClient room, Duration timeout,
			Supplier<CompletableFuture<@Nullable ObjectNode>> parked,
			Supplier<CompletableFuture<@Nullable ObjectNode>> polled, Function<ObjectNode, T> convert,
			Consumer<ObjectNode> giveBack) {
		BoundedReceive<T> receive = new BoundedReceive<>(room, polled, convert, giveBack, timeout);
		receive.result.whenComplete((value, error) -> receive.giveUpCurrent());
		receive.await(parked.get(), true);
		receive.schedule(receive::expire, timeout);
		return receive.result;
	}

	private void await(CompletableFuture<@Nullable ObjectNode> inner, boolean parking) {
		this.current = inner;
		if (this.result.isDone() || this.expired) {
			giveUpCurrent();
		}
		inner.whenComplete((message, error) -> {
			boolean refusedToPark = error != null && parking && isParkingLimit(error);
			if (message != null) {
				deliver(message);
			}
			else if (error != null && !refusedToPark) {
				this.result.completeExceptionally(error);
			}
			else if ((parking && !refusedToPark) || this.expired || System.nanoTime() - this.deadline >= 0) {
				// a parked receive answers nothing only when given up, by the deadline or the caller
				this.result.complete(null);
			}
			else {
				schedule(() -> await(this.polled.get(), false), Duration.ofMillis(refusedToPark ? 0 : POLL_MILLIS));
			}
		});
	}

	private void deliver(ObjectNode message) {
		T value;
		try {
			value = this.convert.apply(message);
		}
		catch (RuntimeException ex) {
			// a conversion failure keeps the message in the exception
			if (!this.result.completeExceptionally(ex)) {
				this.giveBack.accept(message);
			}
			return;
		}
		if (!this.result.complete(value)) {
			this.giveBack.accept(message);
		}
	}

	/** The deadline: the receive in flight is given up, which answers the caller with nothing. */
	private void expire() {
		this.expired = true;
		giveUpCurrent();
	}

	/** Completes the receive in flight with nothing; the client then treats it as abandoned and keeps its message. */
	private void giveUpCurrent() {
		CompletableFuture<@Nullable ObjectNode> inner = this.current;
		if (inner != null) {
			inner.complete(null);
		}
	}

	private void schedule(Runnable task, Duration delay) {
		try {
			this.room.schedule(task, delay);
		}
		catch (RejectedExecutionException ex) {
			giveUpCurrent();
			this.result.completeExceptionally(new RoomClosedException("room client closed during a bounded receive"));
		}
	}

	private static boolean isParkingLimit(Throwable error) {
		Throwable cause = SessionOpener.unwrap(error);
		if (!(cause instanceof RoomException room) || room.code() == null
				|| room.code() != ErrorCodes.OPERATION_FAILED) {
			return false;
		}
		String message = String.valueOf(room.getMessage());
		return message.contains("max-parked-receives") || message.contains("receives waiting");
	}

}
