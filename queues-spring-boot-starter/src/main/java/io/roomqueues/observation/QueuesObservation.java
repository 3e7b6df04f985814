package io.roomqueues.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations of room queues: one per client request, one per listener invocation.
 */
public enum QueuesObservation implements ObservationDocumentation {

	/** A request of the room client, such as a queue send or receive. Timer {@code queues.client.requests}. */
	CLIENT_REQUEST {
		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultQueueRequestObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return RequestKeys.values();
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return new KeyName[] { DestinationKeys.QUEUE };
		}
	},

	/** One invocation of a listener method with a message. Timer {@code queues.listener.process}. */
	LISTENER_PROCESS {
		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultQueueListenerObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return ListenerKeys.values();
		}
	};

	/** Low-cardinality keys of {@link #CLIENT_REQUEST}. */
	public enum RequestKeys implements KeyName {

		/** Always {@code meshagent}. */
		MESSAGING_SYSTEM {
			@Override
			public String asString() {
				return "messaging.system";
			}
		},

		/** The queue operation ({@code list}, {@code open}, {@code send}, {@code receive}...), or the message type. */
		OPERATION {
			@Override
			public String asString() {
				return "queues.operation";
			}
		},

		/** {@code success} or {@code error}. */
		OUTCOME {
			@Override
			public String asString() {
				return "outcome";
			}
		},

		/** The MeshAgent error code of a failed request, or {@code none}. */
		ERROR_CODE {
			@Override
			public String asString() {
				return "error.code";
			}
		}

	}

	/** The queue name: high cardinality unless {@code queues.observation.queue-name-low-cardinality} is set. */
	public enum DestinationKeys implements KeyName {

		/** The queue name. */
		QUEUE {
			@Override
			public String asString() {
				return "messaging.destination.name";
			}
		}

	}

	/** Low-cardinality keys of {@link #LISTENER_PROCESS}. */
	public enum ListenerKeys implements KeyName {

		/** Always {@code meshagent}. */
		MESSAGING_SYSTEM {
			@Override
			public String asString() {
				return "messaging.system";
			}
		},

		/** The listener container id. */
		LISTENER_ID {
			@Override
			public String asString() {
				return "queues.listener.id";
			}
		},

		/** The queue the listener receives from. */
		QUEUE {
			@Override
			public String asString() {
				return "messaging.destination.name";
			}
		},

		/** {@code success} or {@code failure}. */
		OUTCOME {
			@Override
			public String asString() {
				return "outcome";
			}
		},

		/** The attempt, from 1. */
		ATTEMPT {
			@Override
			public String asString() {
				return "queues.attempt";
			}
		}

	}

}
