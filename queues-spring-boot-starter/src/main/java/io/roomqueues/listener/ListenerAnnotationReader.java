package io.roomqueues.listener;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.config.BeanExpressionContext;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.messaging.handler.annotation.SendTo;
import org.springframework.util.StringUtils;

/**
 * Turns a {@link QueueListener} annotation into its endpoints, one per queue: resolves every attribute
 * ({@code ${...}} placeholders, then {@code #{...}} expressions) and parses it, naming the method and the attribute
 * when a value does not parse.
 */
final class ListenerAnnotationReader {

	private final @Nullable ConfigurableListableBeanFactory beanFactory;

	private final @Nullable BeanExpressionContext expressionContext;

	ListenerAnnotationReader(@Nullable ConfigurableListableBeanFactory beanFactory) {
		this.beanFactory = beanFactory;
		this.expressionContext = (beanFactory != null) ? new BeanExpressionContext(beanFactory, null) : null;
	}

	/**
	 * The endpoints of one annotation.
	 * @param index the position of the annotation among several on the method, from 1, or 0 if it is the only one
	 */
	List<QueueListenerEndpoint> endpoints(QueueListener listener, Object bean, String beanName, Method method,
			int index) {
		String where = "@QueueListener on " + method.getDeclaringClass().getSimpleName() + "." + method.getName();
		List<String> queues = queues(listener, where);
		String id = resolve(listener.id());
		if (!StringUtils.hasText(id)) {
			id = beanName + "." + method.getName() + ((index > 0) ? "#" + index : "");
		}
		SendTo sendTo = AnnotatedElementUtils.findMergedAnnotation(method, SendTo.class);
		String replyQueue = (sendTo != null && sendTo.value().length > 0) ? resolve(sendTo.value()[0]) : null;
		Boolean create = parse(listener.create(), "create", where, ListenerAnnotationReader::parseBoolean);
		List<QueueListenerEndpoint> endpoints = new ArrayList<>();
		for (String queue : queues) {
			endpoints.add(QueueListenerEndpoint
				.builder((queues.size() > 1) ? id + "-" + queue : id, queue, bean, method)
				.concurrency(parse(listener.concurrency(), "concurrency", where, Integer::valueOf))
				.autoStartup(parse(listener.autoStartup(), "autoStartup", where, ListenerAnnotationReader::parseBoolean))
				.create((create == null) || create)
				.batchSize(parse(listener.batchSize(), "batchSize", where, Integer::valueOf))
				.batchWait(parse(listener.batchWait(), "batchWait", where, DurationStyle::detectAndParse))
				.maxAttempts(parse(listener.maxAttempts(), "maxAttempts", where, Integer::valueOf))
				.initialInterval(parse(listener.initialInterval(), "initialInterval", where, DurationStyle::detectAndParse))
				.multiplier(parse(listener.multiplier(), "multiplier", where, Double::valueOf))
				.maxInterval(parse(listener.maxInterval(), "maxInterval", where, DurationStyle::detectAndParse))
				.replyQueue(StringUtils.hasText(replyQueue) ? replyQueue : null)
				.containerFactory(text(listener.containerFactory()))
				.errorHandlerBeanName(text(listener.errorHandler()))
				.recovererBeanName(text(listener.recoverer()))
				.deadLetterQueue(text(listener.deadLetterQueue()))
				.build());
		}
		return endpoints;
	}

	private List<String> queues(QueueListener listener, String where) {
		String queue = resolve(listener.queue());
		Set<String> queues = new LinkedHashSet<>();
		for (String each : listener.queues()) {
			String resolved = resolve(each);
			if (!StringUtils.hasText(resolved)) {
				throw new IllegalStateException(where + ": attribute 'queues' holds an empty queue name");
			}
			if (!queues.add(resolved.trim())) {
				throw new IllegalStateException(where + ": attribute 'queues' names queue '" + resolved.trim()
						+ "' twice");
			}
		}
		if (StringUtils.hasText(queue) && !queues.isEmpty()) {
			throw new IllegalStateException(where + " names its queues with both 'queue' (or 'value') and 'queues'; "
					+ "use one of them");
		}
		if (StringUtils.hasText(queue)) {
			return List.of(queue);
		}
		if (queues.isEmpty()) {
			throw new IllegalStateException(where + " needs a queue name: 'queue' (or 'value'), or 'queues'");
		}
		return List.copyOf(queues);
	}

	private @Nullable String text(String value) {
		String resolved = resolve(value);
		return StringUtils.hasText(resolved) ? resolved.trim() : null;
	}

	private <T> @Nullable T parse(String value, String attribute, String where, Function<String, T> parser) {
		String resolved = text(value);
		if (resolved == null) {
			return null;
		}
		try {
			return parser.apply(resolved);
		}
		catch (RuntimeException ex) {
			String why = (ex instanceof NumberFormatException) ? "it must be a number" : String.valueOf(ex.getMessage());
			throw new IllegalStateException(where + ": attribute '" + attribute + "' cannot be '" + resolved + "': "
					+ why, ex);
		}
	}

	private static Boolean parseBoolean(String value) {
		return switch (value.toLowerCase()) {
			case "true" -> true;
			case "false" -> false;
			default -> throw new IllegalArgumentException("it must be true or false");
		};
	}

	private @Nullable String resolve(String value) {
		if (this.beanFactory == null || !StringUtils.hasText(value)) {
			return value;
		}
		String placeholdersResolved = this.beanFactory.resolveEmbeddedValue(value);
		var resolver = this.beanFactory.getBeanExpressionResolver();
		if (resolver == null || placeholdersResolved == null) {
			return placeholdersResolved;
		}
		Object evaluated = resolver.evaluate(placeholdersResolved, this.expressionContext);
		return (evaluated != null) ? evaluated.toString() : null;
	}

}
