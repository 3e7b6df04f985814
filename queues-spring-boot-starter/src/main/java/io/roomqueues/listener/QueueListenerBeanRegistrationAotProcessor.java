package io.roomqueues.listener;

import java.lang.reflect.Method;
import java.util.Set;
import java.util.concurrent.CompletionStage;

import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.ReflectionHints;
import org.springframework.beans.factory.aot.BeanRegistrationAotContribution;
import org.springframework.beans.factory.aot.BeanRegistrationAotProcessor;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.Headers;
import tools.jackson.databind.JsonNode;

/**
 * Registers the reflection a native image needs for the {@link QueueListener} methods of a bean: invoking each
 * method, and binding (Jackson reading and writing) its payload types and the type of the value it returns for
 * {@code @SendTo}, looking through {@code Message<T>}, collections and {@code CompletableFuture<T>}. Registered in
 * {@code META-INF/spring/aot.factories}.
 */
class QueueListenerBeanRegistrationAotProcessor implements BeanRegistrationAotProcessor {

	@Override
	public @Nullable BeanRegistrationAotContribution processAheadOfTime(RegisteredBean registeredBean) {
		Set<Method> methods = QueueListenerMethods.find(registeredBean.getBeanClass()).keySet();
		if (methods.isEmpty()) {
			return null;
		}
		return (generationContext, beanRegistrationCode) -> {
			ReflectionHints hints = generationContext.getRuntimeHints().reflection();
			methods.forEach((method) -> registerHints(hints, method));
		};
	}

	private static void registerHints(ReflectionHints hints, Method method) {
		BindingReflectionHintsRegistrar binding = new BindingReflectionHintsRegistrar();
		hints.registerMethod(method, ExecutableMode.INVOKE);
		for (int i = 0; i < method.getParameterCount(); i++) {
			MethodParameter parameter = new MethodParameter(method, i);
			if (!parameter.hasParameterAnnotation(Header.class) && !parameter.hasParameterAnnotation(Headers.class)) {
				register(binding, hints, ResolvableType.forMethodParameter(parameter));
			}
		}
		register(binding, hints, ResolvableType.forMethodReturnType(method));
	}

	private static void register(BindingReflectionHintsRegistrar binding, ReflectionHints hints,
			ResolvableType type) {
		ResolvableType payload = payload(type);
		if (payload == null) {
			return;
		}
		// classes, not payload.getType(): a generic seen through a supertype is a type variable
		binding.registerReflectionHints(hints, payload.toClass());
		for (ResolvableType generic : payload.getGenerics()) {
			register(binding, hints, generic);
		}
	}

	/** The type Jackson binds: the {@code T} of {@code Message<T>} or {@code CompletionStage<T>}; none for a tree. */
	private static @Nullable ResolvableType payload(ResolvableType type) {
		Class<?> raw = type.toClass();
		if (Message.class.isAssignableFrom(raw) || CompletionStage.class.isAssignableFrom(raw)) {
			return payload(type.as((Message.class.isAssignableFrom(raw)) ? Message.class : CompletionStage.class)
				.getGeneric(0));
		}
		if (Iterable.class.isAssignableFrom(raw) && type.hasGenerics()) {
			return payload(type.as(Iterable.class).getGeneric(0));
		}
		if (raw == Object.class || JsonNode.class.isAssignableFrom(raw) || MessageHeaders.class.isAssignableFrom(raw)) {
			return null;
		}
		return type;
	}

}
