package io.roomqueues.listener;

import java.lang.reflect.Type;

import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.converter.SmartMessageConverter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Converts a received message, a JSON object, to the type a listener parameter declares, with the application's
 * {@link JsonMapper}: generic types such as {@code Message<Order>} or {@code List<Item>} included, and {@code String}
 * as the JSON text.
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
		try {
			if (targetClass == String.class) {
				return this.jsonMapper.writeValueAsString(json);
			}
			Type type = (conversionHint instanceof MethodParameter parameter) ? payloadType(parameter) : targetClass;
			return this.jsonMapper.treeToValue(json, this.jsonMapper.constructType(type));
		}
		catch (JacksonException | IllegalArgumentException ex) {
			throw new MessageConversionException(message,
					"message from queue '" + message.getHeaders().get(QueueHeaders.QUEUE) + "' could not be converted to "
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
