package io.roomqueues.listener;

import io.roomqueues.client.RoomClosedException;
import io.roomqueues.client.RoomConnectionException;
import io.roomqueues.client.RoomException;
import io.roomqueues.protocol.ErrorCodes;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which send failures are refusals for good, and what a {@link ListenerFailure} says. */
class FailuresTests {

	@Test
	void aRefusalWithCode1001NamesTheMissingGrant() {
		ListenerFailure failure = new ListenerFailure("send", "orders.dlq",
				new RoomException("participant 'app' may not send to queue 'orders.dlq'", ErrorCodes.PERMISSION_DENIED));

		assertThat(failure.isMissingGrant()).isTrue();
		assertThat(failure.description()).isEqualTo("missing grant: send to queue 'orders.dlq' "
				+ "(room error 1001: participant 'app' may not send to queue 'orders.dlq')");
	}

	@Test
	void otherRefusalsSayWhatWasRefused() {
		ListenerFailure failure = new ListenerFailure("send", "orders.dlq",
				new RoomException("message too large", ErrorCodes.INVALID_REQUEST));

		assertThat(failure.isMissingGrant()).isFalse();
		assertThat(failure.description())
			.isEqualTo("send to queue 'orders.dlq' refused (room error 1002: message too large)");
	}

	@Test
	void aFullQueueAndALostConnectionAreNotRefusalsForGood() {
		assertThat(Failures.isPermanent(new RoomException("queue 'x' is full", ErrorCodes.OPERATION_FAILED))).isFalse();
		assertThat(Failures.isPermanent(new RoomConnectionException("lost", null))).isFalse();
		assertThat(Failures.isPermanent(new IllegalStateException("a recoverer's own failure"))).isFalse();
		assertThat(Failures.isPermanent(new QueueOperationException("send", "x.dlq",
				new RoomException("denied", ErrorCodes.PERMISSION_DENIED)))).isTrue();
		assertThat(Failures.isPermanent(new RoomClosedException("closed"))).isTrue();
	}

}
