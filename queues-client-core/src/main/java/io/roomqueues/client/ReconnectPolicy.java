package io.roomqueues.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How a {@link RoomClient} retries a lost or failed connection: exponential backoff with jitter, up to a number of
 * attempts in a row.
 *
 * @param initialDelay the delay before the first retry
 * @param maxDelay the longest delay
 * @param multiplier how much each delay grows
 * @param jitter the random spread of each delay, from 0 (none) to 1 (anywhere from 0 to twice the delay)
 * @param maxAttempts how many attempts in a row before the client gives up and closes; 0 never retries
 */
public record ReconnectPolicy(Duration initialDelay, Duration maxDelay, double multiplier, double jitter,
		int maxAttempts) {

	/** 500 ms doubling to 30 s, ±20 % jitter, retrying for ever, as MeshAgent's TypeScript client does. */
	public static final ReconnectPolicy DEFAULT = new ReconnectPolicy(Duration.ofMillis(500), Duration.ofSeconds(30),
			2.0, 0.2, Integer.MAX_VALUE);

	/** No retries: a lost connection closes the client. */
	public static final ReconnectPolicy NEVER = new ReconnectPolicy(Duration.ofMillis(500), Duration.ofSeconds(30), 2.0,
			0.2, 0);

	public ReconnectPolicy {
		if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
			throw new IllegalArgumentException("delays must satisfy 0 <= initialDelay <= maxDelay");
		}
		if (multiplier < 1) {
			throw new IllegalArgumentException("multiplier must be at least 1");
		}
		if (jitter < 0 || jitter > 1) {
			throw new IllegalArgumentException("jitter must be between 0 and 1");
		}
		if (maxAttempts < 0) {
			throw new IllegalArgumentException("maxAttempts must not be negative");
		}
	}

	/** The same policy with another attempt limit. */
	public ReconnectPolicy withMaxAttempts(int maxAttempts) {
		return new ReconnectPolicy(this.initialDelay, this.maxDelay, this.multiplier, this.jitter, maxAttempts);
	}

	/**
	 * The delay before a retry.
	 * @param attempt the retry number, from 1
	 */
	public Duration delay(int attempt) {
		double base = this.initialDelay.toMillis() * Math.pow(this.multiplier, Math.max(0, attempt - 1));
		double capped = Math.min(base, this.maxDelay.toMillis());
		double spread = capped * this.jitter * (2 * ThreadLocalRandom.current().nextDouble() - 1);
		return Duration.ofMillis(Math.max(0, Math.round(capped + spread)));
	}

}
