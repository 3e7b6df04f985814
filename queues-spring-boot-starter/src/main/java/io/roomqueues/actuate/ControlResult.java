package io.roomqueues.actuate;

import io.roomqueues.actuate.QueuesEndpoint.ListenerDescriptor;
import org.jspecify.annotations.Nullable;

/**
 * What a write to the endpoint did, for the endpoint and its web extension to answer accordingly.
 *
 * @param outcome what happened
 * @param listener the container afterwards, when the action was applied
 * @param message why nothing happened, when the action was refused
 */
record ControlResult(Outcome outcome, @Nullable ListenerDescriptor listener, @Nullable String message) {

	static ControlResult failed(Outcome outcome, String message) {
		return new ControlResult(outcome, null, message);
	}

	/** What happened to a write. */
	enum Outcome {

		/** Done before the answer. */
		DONE,

		/** Started and still going on: a stop. */
		ACCEPTED,

		/** No listener has the id. */
		NOT_FOUND,

		/** Not one of the actions the endpoint accepts. */
		BAD_ACTION,

		/** Refused: the container is stopping and cannot start before it has stopped. */
		CONFLICT

	}

}
