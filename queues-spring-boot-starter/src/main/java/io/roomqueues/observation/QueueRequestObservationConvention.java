package io.roomqueues.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags {@link QueuesObservation#CLIENT_REQUEST} observations; declare a bean to replace the default.
 */
public interface QueueRequestObservationConvention extends ObservationConvention<QueueRequestContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof QueueRequestContext;
	}

}
