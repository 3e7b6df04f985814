package io.roomqueues.observation;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

/**
 * The default {@link QueueRequestObservationConvention}: timer {@code queues.client.requests}, tagged with the
 * operation, outcome and error code; the queue name is a high-cardinality key unless asked otherwise.
 */
public class DefaultQueueRequestObservationConvention implements QueueRequestObservationConvention {

	private final boolean queueNameLowCardinality;

	/** Creates the convention with the queue name as a high-cardinality key. */
	public DefaultQueueRequestObservationConvention() {
		this(false);
	}

	/**
	 * @param queueNameLowCardinality whether the queue name becomes a metric tag; only for a bounded set of queues
	 */
	public DefaultQueueRequestObservationConvention(boolean queueNameLowCardinality) {
		this.queueNameLowCardinality = queueNameLowCardinality;
	}

	@Override
	public String getName() {
		return "queues.client.requests";
	}

	@Override
	public String getContextualName(QueueRequestContext context) {
		return "queues " + context.getOperation();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(QueueRequestContext context) {
		KeyValues values = KeyValues.of(
				KeyValue.of(QueuesObservation.RequestKeys.MESSAGING_SYSTEM, "meshagent"),
				KeyValue.of(QueuesObservation.RequestKeys.OPERATION, context.getOperation()),
				KeyValue.of(QueuesObservation.RequestKeys.OUTCOME, context.getOutcome()),
				KeyValue.of(QueuesObservation.RequestKeys.ERROR_CODE,
						(context.getErrorCode() != null) ? String.valueOf(context.getErrorCode()) : "none"));
		return this.queueNameLowCardinality ? values.and(queue(context)) : values;
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(QueueRequestContext context) {
		return this.queueNameLowCardinality ? KeyValues.empty() : KeyValues.of(queue(context));
	}

	private static KeyValue queue(QueueRequestContext context) {
		return KeyValue.of(QueuesObservation.DestinationKeys.QUEUE,
				(context.getQueue() != null) ? context.getQueue() : "none");
	}

}
