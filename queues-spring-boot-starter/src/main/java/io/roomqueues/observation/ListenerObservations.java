package io.roomqueues.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Observes listener invocations as {@link QueuesObservation#LISTENER_PROCESS}, continuing the sender's trace when the
 * message carries one.
 */
public class ListenerObservations {

	private static final Logger logger = LoggerFactory.getLogger(ListenerObservations.class);

	/** No observations. */
	public static final ListenerObservations NOOP = new ListenerObservations(ObservationRegistry.NOOP, null, false);

	private static final QueueListenerObservationConvention DEFAULT = new DefaultQueueListenerObservationConvention();

	private final ObservationRegistry registry;

	private final @Nullable QueueListenerObservationConvention convention;

	private final boolean propagate;

	/**
	 * Creates the observations of listener invocations.
	 * @param registry the registry observations are made with
	 * @param convention replaces the default key values, if not {@code null}
	 * @param propagate whether to continue the trace context a message carries; if false each invocation starts its
	 * own trace
	 */
	public ListenerObservations(ObservationRegistry registry, @Nullable QueueListenerObservationConvention convention,
			boolean propagate) {
		this.registry = registry;
		this.convention = convention;
		this.propagate = propagate;
	}

	/**
	 * Runs one invocation inside its observation, which is current while it runs.
	 * @param <T> what the invocation returns
	 * @param listenerId the listener id
	 * @param queue the queue the message came from
	 * @param attempt the attempt, from 1
	 * @param traceFields the trace context the message carried, if any
	 * @param invocation the invocation
	 * @return what the invocation returned
	 * @throws Exception what the invocation threw
	 */
	public <T> @Nullable T observe(String listenerId, String queue, int attempt, @Nullable ObjectNode traceFields,
			Invocation<T> invocation) throws Exception {
		QueueListenerObservationContext context = new QueueListenerObservationContext(listenerId, queue, attempt,
				this.propagate ? traceFields : null);
		Observation observation = QueuesObservation.LISTENER_PROCESS.observation(this.convention, DEFAULT,
				() -> context, this.registry);
		// an observation handler that fails neither keeps the listener from running nor makes it run again
		quietly(listenerId, observation::start);
		Observation.@Nullable Scope scope = openScope(listenerId, observation);
		T result;
		try {
			result = invocation.invoke();
		}
		catch (Exception | Error ex) {
			context.failed();
			close(listenerId, scope);
			quietly(listenerId, () -> observation.error(ex));
			quietly(listenerId, observation::stop);
			throw ex;
		}
		close(listenerId, scope);
		quietly(listenerId, observation::stop);
		return result;
	}

	private static Observation.@Nullable Scope openScope(String listenerId, Observation observation) {
		try {
			return observation.openScope();
		}
		catch (RuntimeException ex) {
			logger.warn("An observation handler failed for listener '{}'; the listener runs all the same", listenerId,
					ex);
			return null;
		}
	}

	private static void close(String listenerId, Observation.@Nullable Scope scope) {
		if (scope != null) {
			quietly(listenerId, scope::close);
		}
	}

	private static void quietly(String listenerId, Runnable step) {
		try {
			step.run();
		}
		catch (RuntimeException ex) {
			logger.warn("An observation handler failed for listener '{}'; the listener's own outcome stands",
					listenerId, ex);
		}
	}

	/** One listener invocation. */
	@FunctionalInterface
	public interface Invocation<T> {

		/**
		 * Invokes the listener.
		 * @return what it returned
		 * @throws Exception what it threw
		 */
		@Nullable T invoke() throws Exception;

	}

}
