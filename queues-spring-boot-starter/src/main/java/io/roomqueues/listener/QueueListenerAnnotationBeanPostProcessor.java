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
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.Ordered;

/**
 * Finds {@link QueueListener} methods on beans, resolves their attributes ({@code ${...}} placeholders, then
 * {@code #{...}} expressions) into endpoints, one per queue, and once all singletons exist hands them, with those of
 * every {@link QueueListenerConfigurer} bean, to a {@link QueueListenerEndpointRegistrar} that registers their
 * containers with the {@link QueueListenerRegistry}.
 */
public class QueueListenerAnnotationBeanPostProcessor
		implements BeanPostProcessor, BeanFactoryAware, SmartInitializingSingleton, Ordered {

	private final Set<Class<?>> classesWithoutListeners = ConcurrentHashMap.newKeySet();

	private final List<QueueListenerEndpoint> pending = new ArrayList<>();

	private @Nullable ConfigurableListableBeanFactory beanFactory;

	private ListenerAnnotationReader reader = new ListenerAnnotationReader(null);

	private @Nullable QueueListenerEndpointRegistrar registrar;

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		if (beanFactory instanceof ConfigurableListableBeanFactory configurable) {
			this.beanFactory = configurable;
			this.reader = new ListenerAnnotationReader(configurable);
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
				this.reader.endpoints(listener, bean, beanName, invocable, (listeners.size() > 1) ? ++index : 0)
					.forEach(this::register);
			}
		});
		return bean;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (this.beanFactory == null) {
			throw new IllegalStateException("@QueueListener processing needs a ConfigurableListableBeanFactory");
		}
		synchronized (this.pending) {
			QueueListenerEndpointRegistrar registrar = new QueueListenerEndpointRegistrar(
					this.beanFactory.getBean(QueueListenerRegistry.class));
			this.pending.forEach(registrar::registerEndpoint);
			this.pending.clear();
			this.beanFactory.getBeanProvider(QueueListenerConfigurer.class)
				.orderedStream()
				.forEach((configurer) -> configurer.configureQueueListeners(registrar));
			registrar.registerAll();
			this.registrar = registrar;
		}
	}

	private void register(QueueListenerEndpoint endpoint) {
		synchronized (this.pending) {
			if (this.registrar != null) {
				this.registrar.registerEndpoint(endpoint);
			}
			else {
				this.pending.add(endpoint);
			}
		}
	}

}
