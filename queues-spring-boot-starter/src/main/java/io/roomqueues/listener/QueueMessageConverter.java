package io.roomqueues.listener;

import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.converter.SmartMessageConverter;
import org.springframework.messaging.support.MessageBuilder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * Converts a received message, a JSON object, to the type a listener parameter declares, with the application's
 * {@link JsonMapper}: generic types such as {@code Message<Order>} or {@code Map<String, Item>} included, and
 * {@code String} as the JSON text. A batch (an array of messages) converts message by message to a
 * {@code List<T>} or {@code List<Message<T>>}.
 */
public final class QueueMessageConverter implements SmartMessageConverter {

	private final JsonMapper jsonMapper;

	/**
	 * Creates the converter.
	 * @param jsonMapper the mapper that binds payloads
	 */
	public QueueMessageConverter(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	@Override
	public @Nullable Object fromMessage(Message<?> message, Class<?> targetClass) {
		return fromMessage(message, targetClass, null);
	}

	@Override
	public @Nullable Object fromMessage(Message<?> message, Class<?> targetClass, @Nullable Object conversionHint) {
		Object payload = message.getPayload();
		if (targetClass.isInstance(payload) && !(conversionHint instanceof MethodParameter parameter
				&& ResolvableType.forMethodParameter(parameter).hasGenerics())) {
			return payload;
		}
		if (!(payload instanceof JsonNode json)) {
			return null;
		}
		if (json instanceof ArrayNode batch && List.class.isAssignableFrom(targetClass)) {
			ResolvableType element = (conversionHint instanceof MethodParameter parameter)
					? ResolvableType.forMethodParameter(parameter).asCollection().getGeneric(0) : ResolvableType.NONE;
			List<Object> converted = new ArrayList<>(batch.size());
			for (int i = 0; i < batch.size(); i++) {
				converted.add(convertElement(message, batch.get(i), element, i));
			}
			return converted;
		}
		Type type = (conversionHint instanceof MethodParameter parameter) ? payloadType(parameter) : targetClass;
		return convert(message, json, type, targetClass, "message");
	}

	/** One message of a batch, for a {@code List<T>} or {@code List<Message<T>>} parameter. */
	private Object convertElement(Message<?> batch, JsonNode json, ResolvableType element, int index) {
		String what = "message " + index + " of a batch";
		if (element.resolve() == Message.class) {
			ResolvableType payload = element.getGeneric(0);
			Class<?> payloadClass = payload.resolve(Object.class);
			Object converted = convert(batch, json, typeOf(payload), payloadClass, what);
			return MessageBuilder.withPayload(converted).copyHeaders(batch.getHeaders()).build();
		}
		return convert(batch, json, typeOf(element), element.resolve(Object.class), what);
	}

	/** The type to bind: a generic seen through a supertype ({@code E} of {@code Collection<E>}) as what it resolves to. */
	private static Type typeOf(ResolvableType type) {
		Class<?> resolved = type.resolve();
		if (resolved == null) {
			return Object.class;
		}
		return (type.getType() instanceof TypeVariable<?>) ? resolved : type.getType();
	}

	private Object convert(Message<?> message, JsonNode json, Type type, Class<?> targetClass, String what) {
		if (targetClass.isInstance(json) && !ResolvableType.forType(type).hasGenerics()) {
			return json;
		}
		try {
			if (targetClass == String.class) {
				return this.jsonMapper.writeValueAsString(json);
			}
			return this.jsonMapper.treeToValue(json, this.jsonMapper.constructType(type));
		}
		catch (JacksonException | IllegalArgumentException ex) {
			throw new MessageConversionException(message,
					what + " from queue '" + message.getHeaders().get(QueueHeaders.QUEUE) + "' could not be converted to "
							+ targetClass.getName() + ": " + ex.getMessage(), ex);
		}
	}

	@Override
	public @Nullable Message<?> toMessage(Object payload, @Nullable MessageHeaders headers) {
		return null;
	}

	@Override
	public @Nullable Message<?> toMessage(Object payload, @Nullable MessageHeaders headers,
			@Nullable Object conversionHint) {
		return null;
	}

	private static Type payloadType(MethodParameter parameter) {
		ResolvableType type = ResolvableType.forMethodParameter(parameter);
		if (Message.class.isAssignableFrom(type.toClass())) {
			type = type.getGeneric(0);
		}
		return type.getType();
	}

}
