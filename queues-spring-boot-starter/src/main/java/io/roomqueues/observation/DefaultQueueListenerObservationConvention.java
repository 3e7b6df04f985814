package io.roomqueues.observation;

import io.micrometer.common.KeyValues;

/**
 * The default {@link QueueListenerObservationConvention}: timer {@code queues.listener.process}, tagged with listener
 * id, queue, outcome and attempt.
 */
public class DefaultQueueListenerObservationConvention implements QueueListenerObservationConvention {

	@Override
	public String getName() {
		return "queues.listener.process";
	}

	@Override
	public String getContextualName(QueueListenerObservationContext context) {
		return context.getQueue() + " process";
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(QueueListenerObservationContext context) {
		return KeyValues.of(QueuesObservation.ListenerKeys.MESSAGING_SYSTEM.withValue("meshagent"),
				QueuesObservation.ListenerKeys.LISTENER_ID.withValue(context.getListenerId()),
				QueuesObservation.ListenerKeys.QUEUE.withValue(context.getQueue()),
				QueuesObservation.ListenerKeys.OUTCOME.withValue(context.getOutcome()),
				QueuesObservation.ListenerKeys.ATTEMPT.withValue(String.valueOf(context.getAttempt())));
	}

}
