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

	public String getOperation() {
		return this.operation;
	}

	public @Nullable String getQueue() {
		return this.queue;
	}

	public String getOutcome() {
		return this.outcome;
	}

	public @Nullable Integer getErrorCode() {
		return this.errorCode;
	}

	void failed(@Nullable Integer errorCode) {
		this.outcome = "error";
		this.errorCode = errorCode;
	}

}
