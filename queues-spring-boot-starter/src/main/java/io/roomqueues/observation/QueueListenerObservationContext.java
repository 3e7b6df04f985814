package io.roomqueues.observation;

import io.micrometer.observation.transport.ReceiverContext;
import tools.jackson.databind.node.JsonNodeFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * The context of a {@link QueuesObservation#LISTENER_PROCESS} observation; its carrier is the trace context the
 * sender put in the message, so a tracer continues the sender's trace.
 */
public class QueueListenerObservationContext extends ReceiverContext<ObjectNode> {

	private final String listenerId;

	private final String queue;

	private final int attempt;

	private String outcome = "success";

	/**
	 * Creates the context of one invocation.
	 * @param listenerId the listener id
	 * @param queue the queue the message came from
	 * @param attempt the attempt, from 1
	 * @param traceFields the trace context the message carried, or {@code null} to start a new trace
	 */
	public QueueListenerObservationContext(String listenerId, String queue, int attempt,
			@Nullable ObjectNode traceFields) {
		super((carrier, key) -> TraceContext.read(carrier, key));
		this.listenerId = listenerId;
		this.queue = queue;
		this.attempt = attempt;
		// propagators reject a null carrier: without trace fields, an empty one starts a new trace
		setCarrier((traceFields != null) ? traceFields : JsonNodeFactory.instance.objectNode());
		setRemoteServiceName("meshagent");
	}

	/** {@return the listener id} */
	public String getListenerId() {
		return this.listenerId;
	}

	/** {@return the queue the message came from} */
	public String getQueue() {
		return this.queue;
	}

	/** {@return the attempt, from 1} */
	public int getAttempt() {
		return this.attempt;
	}

	/** {@return {@code success} or {@code failure}} */
	public String getOutcome() {
		return this.outcome;
	}

	/** Marks the invocation failed. */
	public void failed() {
		this.outcome = "failure";
	}

}
