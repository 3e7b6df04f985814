package io.roomqueues.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags {@link QueuesObservation#LISTENER_PROCESS} observations; declare a bean to replace the default.
 */
public interface QueueListenerObservationConvention extends ObservationConvention<QueueListenerObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof QueueListenerObservationContext;
	}

}
