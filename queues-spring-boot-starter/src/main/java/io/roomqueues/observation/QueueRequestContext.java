package io.roomqueues.observation;

import io.micrometer.observation.transport.SenderContext;
import tools.jackson.databind.node.JsonNodeFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * The context of a {@link QueuesObservation#CLIENT_REQUEST} observation. For a send with trace propagation on, the
 * carrier is the message itself, so a tracer writes the trace context into it.
 */
public class QueueRequestContext extends SenderContext<ObjectNode> {

	private final String operation;

	private final @Nullable String queue;

	private String outcome = "success";

	private @Nullable Integer errorCode;

	/**
	 * Creates the context of one request.
	 * @param operation the queue operation: list, open, send, receive, drain or close
	 * @param queue the queue, if the operation names one
	 * @param message the message a send carries, which the trace context is written into
	 * @param propagate whether to write the trace context into the message
	 */
	public QueueRequestContext(String operation, @Nullable String queue, @Nullable ObjectNode message,
			boolean propagate) {
		super((carrier, key, value) -> {
			if (propagate && carrier != null) {
				TraceContext.write(carrier, key, value);
			}
		});
		this.operation = operation;
		this.queue = queue;
		// propagators reject a null carrier, so requests without a message get a throwaway one
		setCarrier((message != null) ? message : JsonNodeFactory.instance.objectNode());
		setRemoteServiceName("meshagent");
	}

	/** {@return the queue operation} */
	public String getOperation() {
		return this.operation;
	}

	/** {@return the queue, if the operation names one} */
	public @Nullable String getQueue() {
		return this.queue;
	}

	/** {@return {@code success} or {@code error}} */
	public String getOutcome() {
		return this.outcome;
	}

	/** {@return the error code the room answered with, if any} */
	public @Nullable Integer getErrorCode() {
		return this.errorCode;
	}

	void failed(@Nullable Integer errorCode) {
		this.outcome = "error";
		this.errorCode = errorCode;
	}

}
