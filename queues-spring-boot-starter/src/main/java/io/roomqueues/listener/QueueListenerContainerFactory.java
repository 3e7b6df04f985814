package io.roomqueues.listener;

import java.util.concurrent.Executor;
import java.util.function.Predicate;

import io.roomqueues.client.RoomClient;
import io.roomqueues.observation.ListenerObservations;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.messaging.handler.annotation.support.MessageHandlerMethodFactory;
import org.springframework.messaging.handler.invocation.InvocableHandlerMethod;

/**
 * Builds a {@link QueueListenerContainer} for each {@link QueueListenerEndpoint}, with the shared defaults: room
 * client, method invocation, recoverer, retry classification, executor and event publisher.
 */
public class QueueListenerContainerFactory {

	private final RoomClient room;

	private final MessageHandlerMethodFactory methodFactory;

	private final QueueListenerContainerOptions defaults;

	private final QueueMessageRecoverer recoverer;

	private final Predicate<Throwable> nonRetryable;

	private final @Nullable Executor executor;

	private final ApplicationEventPublisher events;

	private ListenerObservations observations = ListenerObservations.NOOP;

	private boolean logMessageBodies;

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

	/** Observes every listener invocation. */
	public void setObservations(ListenerObservations observations) {
		this.observations = observations;
	}

	/** Whether log lines about a message show its body; by default only its queue, listener and size. */
	public void setLogMessageBodies(boolean logMessageBodies) {
		this.logMessageBodies = logMessageBodies;
	}

	public QueueListenerContainerOptions getDefaults() {
		return this.defaults;
	}

	public QueueListenerContainer createContainer(QueueListenerEndpoint endpoint) {
		QueueListenerContainerOptions options = options(endpoint);
		InvocableHandlerMethod method = this.methodFactory.createInvocableHandlerMethod(endpoint.bean(),
				endpoint.method());
		ListenerStatistics statistics = new ListenerStatistics();
		MessageLog log = new MessageLog(this.logMessageBodies);
		ListenerInvoker invoker = new ListenerInvoker(method, endpoint.id(), endpoint.queue());
		HeldRetry held = new HeldRetry(this.room, statistics);
		MessageRecovery recovery = new MessageRecovery(endpoint.id(), endpoint.queue(), this.recoverer, held,
				statistics, log);
		String replyQueue = endpoint.replyQueue();
		ReplySender replies = (replyQueue != null) ? new ReplySender(endpoint.id(), endpoint.queue(), replyQueue,
				this.room.queues(), held, recovery, log) : null;
		MessageProcessor processor = new MessageProcessor(endpoint.id(), endpoint.queue(), invoker, options.retry(),
				this.nonRetryable, statistics, this.observations, recovery, replies);
		return new QueueListenerContainer(endpoint.id(), endpoint.queue(), options, this.room, processor, statistics,
				this.executor, this.events, log);
	}

	private QueueListenerContainerOptions options(QueueListenerEndpoint endpoint) {
		RetrySettings retry = (endpoint.maxAttempts() != null)
				? this.defaults.retry().withMaxAttempts(endpoint.maxAttempts()) : this.defaults.retry();
		return new QueueListenerContainerOptions(
				(endpoint.concurrency() != null) ? endpoint.concurrency() : this.defaults.concurrency(),
				(endpoint.autoStartup() != null) ? endpoint.autoStartup() : this.defaults.autoStartup(),
				endpoint.create(), this.defaults.shutdownTimeout(), retry);
	}

}
