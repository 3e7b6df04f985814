package io.roomqueues.listener;

import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

import io.roomqueues.client.RoomClient;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Tries a send of a message the listener holds (a dead letter, a reply) until the room takes it or refuses it for
 * good, on the listener's thread, so its slot stays busy and takes nothing more meanwhile. While the room is
 * unreachable it waits for the client to reconnect; other failures (a full queue, a timeout) are tried again with
 * backoff.
 */
final class HeldRetry {

	private static final Logger logger = LoggerFactory.getLogger(HeldRetry.class);

	private static final long INITIAL_DELAY_MILLIS = 100;

	private static final long MAX_DELAY_MILLIS = 5_000;

	private final RoomClient room;

	private final ListenerStatistics statistics;

	HeldRetry(RoomClient room, ListenerStatistics statistics) {
		this.room = room;
		this.statistics = statistics;
	}

	/** One try of the send. */
	@FunctionalInterface
	interface Attempt {

		void run() throws Exception;

	}

	/**
	 * Runs the attempt until it succeeds.
	 * @param what names the send and the message for the log, without its body unless asked
	 * @return {@code null} once it succeeded, or the failure no later attempt can fix
	 * @throws InterruptedException if a stop gave up on the message meanwhile
	 */
	@Nullable Throwable run(Attempt attempt, Supplier<String> what) throws InterruptedException {
		BackOffExecution delays = backOff().start();
		for (int tries = 1;; tries++) {
			try {
				attempt.run();
				if (tries > 1) {
					logger.info("{} succeeded after {} attempts", what.get(), tries);
				}
				return null;
			}
			catch (InterruptedException ex) {
				throw ex;
			}
			catch (Exception ex) {
				Throwable failure = Failures.unwrap(ex);
				if (Failures.isPermanent(failure)) {
					return failure;
				}
				if (tries == 1) {
					logger.warn("{} failed; the message is held and tried again until the room takes it: {}", what.get(),
							failure.toString());
				}
				else {
					logger.debug("{} failed again (attempt {}): {}", what.get(), tries, failure.toString());
				}
				this.statistics.recordSendRetry();
				awaitConnection();
				long delay = delays.nextBackOff();
				Thread.sleep((delay == BackOffExecution.STOP) ? MAX_DELAY_MILLIS : delay);
			}
		}
	}

	private void awaitConnection() throws InterruptedException {
		try {
			this.room.whenConnected().get();
		}
		catch (ExecutionException ex) {
			// the client closed: the next attempt fails for good
		}
	}

	private static ExponentialBackOff backOff() {
		ExponentialBackOff backOff = new ExponentialBackOff(INITIAL_DELAY_MILLIS, 2);
		backOff.setMaxInterval(MAX_DELAY_MILLIS);
		return backOff;
	}

}
