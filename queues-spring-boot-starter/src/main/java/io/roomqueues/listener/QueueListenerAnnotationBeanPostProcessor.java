package io.roomqueues.listener;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanExpressionContext;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.messaging.handler.annotation.SendTo;
import org.springframework.util.StringUtils;

/**
 * Finds {@link QueueListener} methods on beans, resolves their attributes ({@code ${...}} placeholders, then
 * {@code #{...}} expressions) and registers a container for each with the {@link QueueListenerRegistry} once all
 * singletons exist.
 */
public class QueueListenerAnnotationBeanPostProcessor
		implements BeanPostProcessor, BeanFactoryAware, SmartInitializingSingleton, Ordered {

	private final Set<Class<?>> classesWithoutListeners = ConcurrentHashMap.newKeySet();

	private final List<QueueListenerEndpoint> pending = new ArrayList<>();

	private @Nullable ConfigurableListableBeanFactory beanFactory;

	private @Nullable BeanExpressionContext expressionContext;

	private @Nullable QueueListenerRegistry registry;

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		if (beanFactory instanceof ConfigurableListableBeanFactory configurable) {
			this.beanFactory = configurable;
			this.expressionContext = new BeanExpressionContext(configurable, null);
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
		Class<?> targetClass = AopUtils.getTargetClass(bean);
		if (this.classesWithoutListeners.contains(targetClass)) {
			return bean;
		}
		Map<Method, Set<QueueListener>> annotated = QueueListenerMethods.find(targetClass);
		if (annotated.isEmpty()) {
			this.classesWithoutListeners.add(targetClass);
			return bean;
		}
		annotated.forEach((method, listeners) -> {
			Method invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
			int index = 0;
			for (QueueListener listener : listeners) {
				register(endpoint(listener, bean, beanName, invocable, (listeners.size() > 1) ? ++index : 0));
			}
		});
		return bean;
	}

	@Override
	public void afterSingletonsInstantiated() {
		synchronized (this.pending) {
			this.registry = registry();
			this.pending.forEach(this.registry::registerListenerContainer);
			this.pending.clear();
		}
	}

	private void register(QueueListenerEndpoint endpoint) {
		synchronized (this.pending) {
			if (this.registry != null) {
				this.registry.registerListenerContainer(endpoint);
			}
			else {
				this.pending.add(endpoint);
			}
		}
	}

	private QueueListenerRegistry registry() {
		if (this.beanFactory == null) {
			throw new IllegalStateException("@QueueListener processing needs a ConfigurableListableBeanFactory");
		}
		return this.beanFactory.getBean(QueueListenerRegistry.class);
	}

	private QueueListenerEndpoint endpoint(QueueListener listener, Object bean, String beanName, Method method,
			int index) {
		String where = "@QueueListener on " + method.getDeclaringClass().getSimpleName() + "." + method.getName();
		String queue = resolve(listener.queue());
		if (!StringUtils.hasText(queue)) {
			throw new IllegalStateException(where + " needs a queue name");
		}
		String id = resolve(listener.id());
		if (!StringUtils.hasText(id)) {
			id = beanName + "." + method.getName() + ((index > 0) ? "#" + index : "");
		}
		SendTo sendTo = AnnotatedElementUtils.findMergedAnnotation(method, SendTo.class);
		String replyQueue = (sendTo != null && sendTo.value().length > 0) ? resolve(sendTo.value()[0]) : null;
		Boolean create = resolveBoolean(listener.create(), "create", where);
		return new QueueListenerEndpoint(id, queue, bean, method, resolveInteger(listener.concurrency(), "concurrency", where),
				resolveBoolean(listener.autoStartup(), "autoStartup", where), (create == null) || create,
				resolveInteger(listener.maxAttempts(), "maxAttempts", where),
				StringUtils.hasText(replyQueue) ? replyQueue : null);
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

	private @Nullable Integer resolveInteger(String value, String attribute, String where) {
		String resolved = resolve(value);
		if (!StringUtils.hasText(resolved)) {
			return null;
		}
		try {
			return Integer.valueOf(resolved.trim());
		}
		catch (NumberFormatException ex) {
			throw new IllegalStateException(where + ": attribute '" + attribute + "' must be a whole number, not '"
					+ resolved + "'", ex);
		}
	}

	private @Nullable Boolean resolveBoolean(String value, String attribute, String where) {
		String resolved = resolve(value);
		if (!StringUtils.hasText(resolved)) {
			return null;
		}
		return switch (resolved.trim().toLowerCase()) {
			case "true" -> true;
			case "false" -> false;
			default -> throw new IllegalStateException(where + ": attribute '" + attribute
					+ "' must be true or false, not '" + resolved + "'");
		};
	}

}
