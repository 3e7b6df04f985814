package io.roomqueues.listener;

import java.lang.reflect.Method;

import org.jspecify.annotations.Nullable;

/**
 * A listener method with its resolved {@link QueueListener} attributes; {@code null} means "use the default".
 *
 * @param id the container id
 * @param queue the queue
 * @param bean the bean the method belongs to
 * @param method the listener method
 * @param concurrency messages processed at once
 * @param autoStartup whether the container starts with the application
 * @param create whether receiving creates a missing queue
 * @param maxAttempts attempts per message
 * @param replyQueue the queue a non-null return value goes to ({@code @SendTo})
 */
public record QueueListenerEndpoint(String id, String queue, Object bean, Method method,
		@Nullable Integer concurrency, @Nullable Boolean autoStartup, boolean create, @Nullable Integer maxAttempts,
		@Nullable String replyQueue) {
}
