package io.roomqueues.listener;

import java.util.concurrent.Executor;
import java.util.function.Predicate;

import io.roomqueues.client.RoomClient;
import io.roomqueues.observation.ListenerObservations;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.messaging.handler.annotation.support.DefaultMessageHandlerMethodFactory;
import org.springframework.messaging.handler.annotation.support.MessageHandlerMethodFactory;
import org.springframework.messaging.handler.invocation.InvocableHandlerMethod;

/**
 * Builds a {@link QueueListenerContainer} for each {@link QueueListenerEndpoint}, with shared defaults: room client,
 * method invocation, container options, recoverer, retry classification, executor and event publisher. The
 * auto-configured bean {@code queueListenerContainerFactory} builds every listener that names no other; declare more
 * factory beans for other defaults (the auto-configuration's {@code QueueListenerContainerFactoryConfigurer} gives a
 * new factory its settings) and name them with {@link QueueListener#containerFactory()}.
 */
public class QueueListenerContainerFactory {

	private final RoomClient room;

	private MessageHandlerMethodFactory methodFactory;

	private QueueListenerContainerOptions defaults = QueueListenerContainerOptions.DEFAULTS;

	private QueueMessageRecoverer recoverer;

	private Predicate<Throwable> nonRetryable = NonRetryableExceptions.defaults();

	private @Nullable Executor executor;

	private ApplicationEventPublisher events = (event) -> {
	};

	private ListenerObservations observations = ListenerObservations.NOOP;

	private boolean logMessageBodies;

	/**
	 * Creates a factory with the library defaults: payloads converted with the room client's {@code JsonMapper} and
	 * not validated, {@link QueueListenerContainerOptions#DEFAULTS}, failed messages sent to {@code <queue>.dlq},
	 * a thread pool per container, no events.
	 * @param room the room client the containers receive through
	 */
	public QueueListenerContainerFactory(RoomClient room) {
		this.room = room;
		DefaultMessageHandlerMethodFactory methods = new DefaultMessageHandlerMethodFactory();
		methods.setMessageConverter(new QueueMessageConverter(room.jsonMapper()));
		methods.afterPropertiesSet();
		this.methodFactory = methods;
		this.recoverer = new DeadLetterQueueRecoverer(room.queues(), ".dlq");
	}

	/**
	 * Creates a factory.
	 * @param executor runs listener methods for every container, such as a virtual-thread executor; when
	 * {@code null}, each container runs a pool of {@code concurrency} platform threads
	 */
	public QueueListenerContainerFactory(RoomClient room, MessageHandlerMethodFactory methodFactory,
			QueueListenerContainerOptions defaults, QueueMessageRecoverer recoverer, Predicate<Throwable> nonRetryable,
			@Nullable Executor executor, ApplicationEventPublisher events) {
		this.room = room;
		this.methodFactory = methodFactory;
		this.defaults = defaults;
		this.recoverer = recoverer;
		this.nonRetryable = nonRetryable;
		this.executor = executor;
		this.events = events;
	}

	/** Resolves listener method arguments: payload conversion, validation, headers. */
	public void setMessageHandlerMethodFactory(MessageHandlerMethodFactory methodFactory) {
		this.methodFactory = methodFactory;
	}

	/** The settings of every container, where its endpoint sets nothing else. */
	public void setDefaults(QueueListenerContainerOptions defaults) {
		this.defaults = defaults;
	}

	public QueueListenerContainerOptions getDefaults() {
		return this.defaults;
	}

	/** Takes the messages that failed every attempt, unless an endpoint names its own recoverer or dead-letter queue. */
	public void setRecoverer(QueueMessageRecoverer recoverer) {
		this.recoverer = recoverer;
	}

	/** Failures that go to the recoverer without another attempt. */
	public void setNonRetryable(Predicate<Throwable> nonRetryable) {
		this.nonRetryable = nonRetryable;
	}

	/** Runs listener methods for every container; {@code null} for a thread pool per container. */
	public void setExecutor(@Nullable Executor executor) {
		this.executor = executor;
	}

	/** Publishes the containers' started, stopped and failed events. */
	public void setEventPublisher(ApplicationEventPublisher events) {
		this.events = events;
	}

	/** Observes every listener invocation. */
	public void setObservations(ListenerObservations observations) {
		this.observations = observations;
	}

	/** Whether log lines about a message show its body; by default only its queue, listener and size. */
	public void setLogMessageBodies(boolean logMessageBodies) {
		this.logMessageBodies = logMessageBodies;
	}

	/**
	 * Builds the container of an endpoint.
	 * @param endpoint the endpoint, with its error handler and recoverer given as instances (the
	 * {@link QueueListenerRegistry} finds those named as beans)
	 * @return the container, not started
	 * @throws IllegalStateException if the endpoint's settings do not fit its method
	 */
	public QueueListenerContainer createContainer(QueueListenerEndpoint endpoint) {
		if (endpoint.errorHandlerBeanName() != null || endpoint.recovererBeanName() != null) {
			throw new IllegalStateException("Listener '" + endpoint.id() + "' names its error handler or recoverer "
					+ "by bean name; register it with QueueListenerRegistry, which finds the beans");
		}
		boolean batch = BatchListeners.check(endpoint);
		QueueListenerContainerOptions options = options(endpoint);
		InvocableHandlerMethod method = this.methodFactory.createInvocableHandlerMethod(endpoint.bean(),
				endpoint.method());
		String id = endpoint.id();
		String queue = endpoint.queue();
		ListenerStatistics statistics = new ListenerStatistics();
		MessageLog log = new MessageLog(this.logMessageBodies);
		HeldRetry held = new HeldRetry(this.room, statistics);
		MessageRecovery recovery = new MessageRecovery(id, queue, recoverer(endpoint), held, statistics, log);
		String replyQueue = endpoint.replyQueue();
		ReplySender replies = (replyQueue != null)
				? new ReplySender(id, queue, replyQueue, this.room.queues(), held, recovery, log) : null;
		ListenerAttempts attempts = new ListenerAttempts(id, queue,
				new ListenerInvoker(method, id, queue, endpoint.errorHandler()), options.retry(), this.nonRetryable,
				statistics, this.observations);
		MessageProcessor single = new MessageProcessor(attempts, statistics, recovery, replies);
		HoldProcessor processor = batch ? new BatchProcessor(attempts, single, statistics) : single;
		return new QueueListenerContainer(id, queue, options, this.room, processor, batch ? options.batch() : null,
				statistics, this.executor, this.events, log);
	}

	private QueueMessageRecoverer recoverer(QueueListenerEndpoint endpoint) {
		QueueMessageRecoverer own = endpoint.recoverer();
		String deadLetterQueue = endpoint.deadLetterQueue();
		if (own != null && deadLetterQueue != null) {
			throw new IllegalStateException("Listener '" + endpoint.id() + "' sets both a recoverer and a dead-letter "
					+ "queue; a recoverer decides where failed messages go, so set one of them");
		}
		if (own != null) {
			return own;
		}
		return (deadLetterQueue != null) ? DeadLetterQueueRecoverer.toQueue(this.room.queues(), deadLetterQueue)
				: this.recoverer;
	}

	private QueueListenerContainerOptions options(QueueListenerEndpoint endpoint) {
		try {
			RetrySettings retry = this.defaults.retry();
			retry = (endpoint.maxAttempts() != null) ? retry.withMaxAttempts(endpoint.maxAttempts()) : retry;
			retry = (endpoint.initialInterval() != null) ? retry.withInitialInterval(endpoint.initialInterval()) : retry;
			retry = (endpoint.multiplier() != null) ? retry.withMultiplier(endpoint.multiplier()) : retry;
			retry = (endpoint.maxInterval() != null) ? retry.withMaxInterval(endpoint.maxInterval()) : retry;
			BatchSettings batch = this.defaults.batch();
			batch = (endpoint.batchSize() != null) ? batch.withSize(endpoint.batchSize()) : batch;
			batch = (endpoint.batchWait() != null) ? batch.withWaitTime(endpoint.batchWait()) : batch;
			return new QueueListenerContainerOptions(
					(endpoint.concurrency() != null) ? endpoint.concurrency() : this.defaults.concurrency(),
					(endpoint.autoStartup() != null) ? endpoint.autoStartup() : this.defaults.autoStartup(),
					endpoint.create(), this.defaults.shutdownTimeout(), retry, batch);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("Listener '" + endpoint.id() + "': " + ex.getMessage(), ex);
		}
	}

}
