package io.roomqueues.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.roomqueues.client.RequestInterceptor;
import io.roomqueues.client.RoomException;
import io.roomqueues.protocol.ErrorContent;
import io.roomqueues.protocol.MessageTypes;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Observes every room client request as a {@link QueuesObservation#CLIENT_REQUEST}; for queue sends with trace
 * propagation on, the observation's trace context is written into the message.
 */
public class ObservingRequestInterceptor implements RequestInterceptor {

	private static final QueueRequestObservationConvention DEFAULT = new DefaultQueueRequestObservationConvention();

	private final ObservationRegistry registry;

	private final @Nullable QueueRequestObservationConvention convention;

	private final boolean propagate;

	/**
	 * Creates the interceptor.
	 * @param registry the registry observations are made with
	 * @param convention replaces the default key values, if not {@code null}
	 * @param propagate whether sends write the trace context into the message
	 */
	public ObservingRequestInterceptor(ObservationRegistry registry,
			@Nullable QueueRequestObservationConvention convention, boolean propagate) {
		this.registry = registry;
		this.convention = convention;
		this.propagate = propagate;
	}

	@Override
	public Completion beforeRequest(String type, ObjectNode header) {
		JsonNode arguments = header.path("arguments").path("json");
		boolean queuesCall = MessageTypes.INVOKE_TOOL.equals(type) && "queues".equals(header.path("toolkit").asString(""));
		String operation = queuesCall ? header.path("tool").asString(type) : type;
		String queue = arguments.path("name").isString() ? arguments.path("name").stringValue() : null;
		ObjectNode message = (queuesCall && arguments.get("message") instanceof ObjectNode object) ? object : null;
		if (message != null && this.propagate && arguments instanceof ObjectNode ours) {
			// the trace context goes into a copy: the caller's own object is never written to
			message = message.objectNode().setAll(message);
			message.remove(TraceContext.KEY);
			ours.set("message", message);
		}
		QueueRequestContext context = new QueueRequestContext(operation, queue, message, this.propagate);
		Observation observation = QueuesObservation.CLIENT_REQUEST
			.observation(this.convention, DEFAULT, () -> context, this.registry)
			.start();
		return (response, failure) -> {
			if (failure != null) {
				context.failed((failure instanceof RoomException room) ? room.code() : null);
				observation.error(failure);
			}
			else if (response instanceof ErrorContent error) {
				context.failed(error.code());
			}
			observation.stop();
		};
	}

}
