package io.roomqueues.listener;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;

import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Finds the {@link QueueListener} methods of a class, repeated annotations included: one lookup for the annotation
 * post-processor at run time and the AOT processor at build time.
 */
final class QueueListenerMethods {

	private QueueListenerMethods() {
	}

	/** The methods of a class with their {@link QueueListener} annotations; empty if it has none. */
	static Map<Method, Set<QueueListener>> find(Class<?> targetClass) {
		return MethodIntrospector.selectMethods(targetClass,
				(MethodIntrospector.MetadataLookup<Set<QueueListener>>) (method) -> {
					Set<QueueListener> listeners = AnnotatedElementUtils.getMergedRepeatableAnnotations(method,
							QueueListener.class, QueueListeners.class);
					return listeners.isEmpty() ? null : listeners;
				});
	}

}
