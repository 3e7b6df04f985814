package io.roomqueues.listener;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;

/**
 * Marks a bean method as the listener of one or more room queues. Its parameters may be the payload (a record, POJO,
 * {@code Map}, {@code JsonNode} or {@code String}, optionally {@code @Valid}), {@code @Header}s named in
 * {@link QueueHeaders}, or a {@code Message<T>}. A method whose payload parameter is a {@code List<T>} or
 * {@code List<Message<T>>} is a batch listener: it gets up to {@link #batchSize()} messages at once. A non-null
 * return value is sent to the queue named by {@link org.springframework.messaging.handler.annotation.SendTo @SendTo};
 * a {@code CompletableFuture} or {@code CompletionStage} return value holds the message until it completes, and its
 * value is the reply.
 *
 * <p>
 * Every attribute takes {@code ${...}} placeholders and {@code #{...}} expressions. An empty attribute takes the
 * default of the container factory, which the {@code queues.listener.*} properties set.
 */
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Repeatable(QueueListeners.class)
public @interface QueueListener {

	/** {@return alias for {@link #queue()}} */
	@AliasFor("queue")
	String value() default "";

	/** {@return the queue to receive from; use {@link #queues()} for several} */
	@AliasFor("value")
	String queue() default "";

	/**
	 * {@return several queues to receive from, each with a container of its own whose id is
	 * {@code <id>-<queue>}; instead of {@link #queue()}}
	 */
	String[] queues() default {};

	/**
	 * {@return the container id, for the registry, metrics and logs; {@code <bean>.<method>} if empty (followed by
	 * {@code #<n>} for the n-th of several annotations on one method)}
	 */
	String id() default "";

	/**
	 * {@return the name of the {@link QueueListenerContainerFactory} bean that builds the container; the
	 * auto-configured {@code queueListenerContainerFactory} if empty}
	 */
	String containerFactory() default "";

	/** {@return how many messages (or batches) are processed at once; {@code queues.listener.concurrency} if empty} */
	String concurrency() default "";

	/** {@return whether the container starts with the application; {@code queues.listener.auto-startup} if empty} */
	String autoStartup() default "";

	/** {@return whether receiving creates the queue when it does not exist} */
	String create() default "true";

	/**
	 * {@return the most messages a batch listener gets at once; {@code queues.listener.batch.size} if empty; only for
	 * a method with a {@code List} payload parameter}
	 */
	String batchSize() default "";

	/**
	 * {@return how long a batch may take to fill after its first message, such as {@code 500ms}; zero takes only the
	 * messages already waiting; {@code queues.listener.batch.wait} if empty; only for batch listeners}
	 */
	String batchWait() default "";

	/** {@return attempts per message before it is recovered; {@code queues.listener.retry.max-attempts} if empty} */
	String maxAttempts() default "";

	/**
	 * {@return the delay before the second attempt, such as {@code 500ms} or {@code 2s};
	 * {@code queues.listener.retry.initial-interval} if empty}
	 */
	String initialInterval() default "";

	/** {@return how much each delay between attempts grows; {@code queues.listener.retry.multiplier} if empty} */
	String multiplier() default "";

	/** {@return the longest delay between attempts; {@code queues.listener.retry.max-interval} if empty} */
	String maxInterval() default "";

	/**
	 * {@return the name of a {@link QueueListenerErrorHandler} bean that sees every failed attempt first and may turn
	 * it into a result; none if empty}
	 */
	String errorHandler() default "";

	/**
	 * {@return the name of a {@link QueueMessageRecoverer} bean for the messages of this listener that failed every
	 * attempt; the factory's recoverer (the dead-letter queue) if empty}
	 */
	String recoverer() default "";

	/**
	 * {@return the queue messages that failed every attempt are sent to; {@code <queue>.dlq} (see
	 * {@code queues.listener.dead-letter-suffix}) if empty; not together with {@link #recoverer()}}
	 */
	String deadLetterQueue() default "";

}
