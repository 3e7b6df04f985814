package io.roomqueues.listener;

import java.time.Duration;

import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * In-process retry of a failing listener: how many attempts, and the exponential backoff between them.
 *
 * @param maxAttempts attempts per message, the first included
 * @param initialInterval the delay before the second attempt
 * @param multiplier how much each delay grows
 * @param maxInterval the longest delay
 */
public record RetrySettings(int maxAttempts, Duration initialInterval, double multiplier, Duration maxInterval) {

	/** 3 attempts, 1 s doubling to 10 s. */
	public static final RetrySettings DEFAULTS = new RetrySettings(3, Duration.ofSeconds(1), 2.0,
			Duration.ofSeconds(10));

	public RetrySettings {
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
		}
		if (initialInterval.isNegative()) {
			throw new IllegalArgumentException("initialInterval must not be negative, was " + initialInterval);
		}
		if (multiplier < 1) {
			throw new IllegalArgumentException("multiplier must be at least 1, was " + multiplier);
		}
		if (maxInterval.isNegative()) {
			throw new IllegalArgumentException("maxInterval must not be negative, was " + maxInterval);
		}
	}

	public RetrySettings withMaxAttempts(int maxAttempts) {
		return new RetrySettings(maxAttempts, this.initialInterval, this.multiplier, this.maxInterval);
	}

	public RetrySettings withInitialInterval(Duration initialInterval) {
		return new RetrySettings(this.maxAttempts, initialInterval, this.multiplier, this.maxInterval);
	}

	public RetrySettings withMultiplier(double multiplier) {
		return new RetrySettings(this.maxAttempts, this.initialInterval, multiplier, this.maxInterval);
	}

	public RetrySettings withMaxInterval(Duration maxInterval) {
		return new RetrySettings(this.maxAttempts, this.initialInterval, this.multiplier, maxInterval);
	}

	BackOff backOff() {
		ExponentialBackOff backOff = new ExponentialBackOff(this.initialInterval.toMillis(), this.multiplier);
		backOff.setMaxInterval(this.maxInterval.toMillis());
		return backOff;
	}

}
