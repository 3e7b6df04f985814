package io.roomqueues.listener;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;

/**
 * Marks a bean method as the listener of a room queue. Its parameters may be the payload (a record, POJO,
 * {@code Map}, {@code JsonNode} or {@code String}, optionally {@code @Valid}), {@code @Header}s named in
 * {@link QueueHeaders}, or a {@code Message<T>}. A non-null return value is sent to the queue named by
 * {@link org.springframework.messaging.handler.annotation.SendTo @SendTo}.
 *
 * <p>
 * Every attribute takes {@code ${...}} placeholders and {@code #{...}} expressions.
 */
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Repeatable(QueueListeners.class)
public @interface QueueListener {

	/** Alias for {@link #queue()}. */
	@AliasFor("queue")
	String value() default "";

	/** The queue to receive from. */
	@AliasFor("value")
	String queue() default "";

	/** The container id, for the registry, metrics and logs; {@code <bean>.<method>} if empty. */
	String id() default "";

	/** How many messages are processed at once; {@code queues.listener.concurrency} if empty. */
	String concurrency() default "";

	/** Whether the container starts with the application; {@code queues.listener.auto-startup} if empty. */
	String autoStartup() default "";

	/** Whether receiving creates the queue when it does not exist. */
	String create() default "true";

	/** Attempts per message before it is recovered; {@code queues.listener.retry.max-attempts} if empty. */
	String maxAttempts() default "";

}
