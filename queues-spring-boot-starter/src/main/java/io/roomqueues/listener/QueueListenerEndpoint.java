package io.roomqueues.listener;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A listener method on one queue with its settings, as a {@link QueueListener} annotation declares it or as a
 * {@link QueueListenerConfigurer} builds it; {@code null} settings take the container factory's defaults. The error
 * handler and recoverer may be given as instances or as bean names.
 */
public final class QueueListenerEndpoint {

	private final Builder settings;

	private QueueListenerEndpoint(Builder builder) {
		this.settings = builder.copy();
	}

	/**
	 * Starts an endpoint.
	 * @param id the container id, unique in the application
	 * @param queue the queue to receive from
	 * @param bean the bean the method belongs to
	 * @param method the listener method
	 * @return a builder for the other settings
	 */
	public static Builder builder(String id, String queue, Object bean, Method method) {
		return new Builder(id, queue, bean, method);
	}

	/** {@return a builder with the settings of this endpoint} */
	public Builder toBuilder() {
		return this.settings.copy();
	}

	/** {@return the container id} */
	public String id() {
		return this.settings.id;
	}

	/** {@return the queue} */
	public String queue() {
		return this.settings.queue;
	}

	/** {@return the bean the method belongs to} */
	public Object bean() {
		return this.settings.bean;
	}

	/** {@return the listener method} */
	public Method method() {
		return this.settings.method;
	}

	/** {@return messages (or batches) processed at once} */
	public @Nullable Integer concurrency() {
		return this.settings.concurrency;
	}

	/** {@return whether the container starts with the application} */
	public @Nullable Boolean autoStartup() {
		return this.settings.autoStartup;
	}

	/** {@return whether receiving creates a missing queue} */
	public boolean create() {
		return this.settings.create;
	}

	/** {@return attempts per message} */
	public @Nullable Integer maxAttempts() {
		return this.settings.maxAttempts;
	}

	/** {@return the delay before the second attempt} */
	public @Nullable Duration initialInterval() {
		return this.settings.initialInterval;
	}

	/** {@return how much each delay between attempts grows} */
	public @Nullable Double multiplier() {
		return this.settings.multiplier;
	}

	/** {@return the longest delay between attempts} */
	public @Nullable Duration maxInterval() {
		return this.settings.maxInterval;
	}

	/** {@return the most messages in one batch, for a batch listener} */
	public @Nullable Integer batchSize() {
		return this.settings.batchSize;
	}

	/** {@return how long a batch may take to fill after its first message, for a batch listener} */
	public @Nullable Duration batchWait() {
		return this.settings.batchWait;
	}

	/** {@return the queue a non-null return value goes to ({@code @SendTo})} */
	public @Nullable String replyQueue() {
		return this.settings.replyQueue;
	}

	/** {@return the name of the {@link QueueListenerContainerFactory} bean that builds the container} */
	public @Nullable String containerFactory() {
		return this.settings.containerFactory;
	}

	/** {@return the error handler given as an instance} */
	public @Nullable QueueListenerErrorHandler errorHandler() {
		return this.settings.errorHandler;
	}

	/** {@return the name of the error handler bean} */
	public @Nullable String errorHandlerBeanName() {
		return this.settings.errorHandlerBeanName;
	}

	/** {@return the recoverer given as an instance} */
	public @Nullable QueueMessageRecoverer recoverer() {
		return this.settings.recoverer;
	}

	/** {@return the name of the recoverer bean} */
	public @Nullable String recovererBeanName() {
		return this.settings.recovererBeanName;
	}

	/** {@return the queue failed messages are sent to, instead of the factory's recoverer} */
	public @Nullable String deadLetterQueue() {
		return this.settings.deadLetterQueue;
	}

	@Override
	public String toString() {
		return "QueueListenerEndpoint[id=" + id() + ", queue=" + queue() + ", method="
				+ method().getDeclaringClass().getSimpleName() + "." + method().getName() + "]";
	}

	/** Builds a {@link QueueListenerEndpoint}; every setting left unset takes the container factory's default. */
	public static final class Builder {

		private final String id;

		private final String queue;

		private final Object bean;

		private final Method method;

		private @Nullable Integer concurrency;

		private @Nullable Boolean autoStartup;

		private boolean create = true;

		private @Nullable Integer maxAttempts;

		private @Nullable Duration initialInterval;

		private @Nullable Double multiplier;

		private @Nullable Duration maxInterval;

		private @Nullable Integer batchSize;

		private @Nullable Duration batchWait;

		private @Nullable String replyQueue;

		private @Nullable String containerFactory;

		private @Nullable QueueListenerErrorHandler errorHandler;

		private @Nullable String errorHandlerBeanName;

		private @Nullable QueueMessageRecoverer recoverer;

		private @Nullable String recovererBeanName;

		private @Nullable String deadLetterQueue;

		private Builder(String id, String queue, Object bean, Method method) {
			this.id = Objects.requireNonNull(id, "id");
			this.queue = Objects.requireNonNull(queue, "queue");
			this.bean = Objects.requireNonNull(bean, "bean");
			this.method = Objects.requireNonNull(method, "method");
		}

		public Builder concurrency(@Nullable Integer concurrency) {
			this.concurrency = concurrency;
			return this;
		}

		public Builder autoStartup(@Nullable Boolean autoStartup) {
			this.autoStartup = autoStartup;
			return this;
		}

		public Builder create(boolean create) {
			this.create = create;
			return this;
		}

		public Builder maxAttempts(@Nullable Integer maxAttempts) {
			this.maxAttempts = maxAttempts;
			return this;
		}

		public Builder initialInterval(@Nullable Duration initialInterval) {
			this.initialInterval = initialInterval;
			return this;
		}

		public Builder multiplier(@Nullable Double multiplier) {
			this.multiplier = multiplier;
			return this;
		}

		public Builder maxInterval(@Nullable Duration maxInterval) {
			this.maxInterval = maxInterval;
			return this;
		}

		public Builder batchSize(@Nullable Integer batchSize) {
			this.batchSize = batchSize;
			return this;
		}

		public Builder batchWait(@Nullable Duration batchWait) {
			this.batchWait = batchWait;
			return this;
		}

		public Builder replyQueue(@Nullable String replyQueue) {
			this.replyQueue = replyQueue;
			return this;
		}

		public Builder containerFactory(@Nullable String beanName) {
			this.containerFactory = beanName;
			return this;
		}

		public Builder errorHandler(@Nullable QueueListenerErrorHandler errorHandler) {
			this.errorHandler = errorHandler;
			return this;
		}

		public Builder errorHandlerBeanName(@Nullable String beanName) {
			this.errorHandlerBeanName = beanName;
			return this;
		}

		public Builder recoverer(@Nullable QueueMessageRecoverer recoverer) {
			this.recoverer = recoverer;
			return this;
		}

		public Builder recovererBeanName(@Nullable String beanName) {
			this.recovererBeanName = beanName;
			return this;
		}

		public Builder deadLetterQueue(@Nullable String deadLetterQueue) {
			this.deadLetterQueue = deadLetterQueue;
			return this;
		}

		public QueueListenerEndpoint build() {
			return new QueueListenerEndpoint(this);
		}

		private Builder copy() {
			Builder copy = new Builder(this.id, this.queue, this.bean, this.method);
			copy.concurrency = this.concurrency;
			copy.autoStartup = this.autoStartup;
			copy.create = this.create;
			copy.maxAttempts = this.maxAttempts;
			copy.initialInterval = this.initialInterval;
			copy.multiplier = this.multiplier;
			copy.maxInterval = this.maxInterval;
			copy.batchSize = this.batchSize;
			copy.batchWait = this.batchWait;
			copy.replyQueue = this.replyQueue;
			copy.containerFactory = this.containerFactory;
			copy.errorHandler = this.errorHandler;
			copy.errorHandlerBeanName = this.errorHandlerBeanName;
			copy.recoverer = this.recoverer;
			copy.recovererBeanName = this.recovererBeanName;
			copy.deadLetterQueue = this.deadLetterQueue;
			return copy;
		}

	}

}
