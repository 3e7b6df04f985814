package io.roomqueues.listener;

import java.lang.reflect.Method;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.core.MethodParameter;
import org.springframework.messaging.Message;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.support.MessageBuilder;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** {@link QueueMessageConverter} on batches: a JSON array of messages to the list a batch listener declares. */
class QueueMessageConverterTests {

	private final QueueMessageConverter converter = new QueueMessageConverter(JsonMapper.builder().build());

	record Item(String name) {
	}

	@Test
	void aBatchConvertsMessageByMessageToTheElementType() throws Exception {
		Object converted = this.converter.fromMessage(batch("a", "b"), List.class, parameter("items"));

		assertThat(converted).isEqualTo(List.of(new Item("a"), new Item("b")));
	}

	@Test
	void aBatchConvertsToMessagesThatCarryTheBatchHeaders() throws Exception {
		Object converted = this.converter.fromMessage(batch("a"), List.class, parameter("messages"));

		assertThat(converted).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
			.singleElement()
			.satisfies((element) -> {
				Message<?> message = (Message<?>) element;
				assertThat(message.getPayload()).isEqualTo(new Item("a"));
				assertThat(message.getHeaders().get(QueueHeaders.QUEUE)).isEqualTo("q");
			});
	}

	@Test
	void aBatchOfStringsIsTheJsonTextOfEachMessage() throws Exception {
		Object converted = this.converter.fromMessage(batch("a"), List.class, parameter("texts"));

		assertThat(converted).isEqualTo(List.of("{\"name\":\"a\"}"));
	}

	@Test
	void aMessageOfABatchThatDoesNotConvertIsNamedByItsPosition() throws Exception {
		ArrayNode array = JsonNodeFactory.instance.arrayNode();
		array.addObject().put("name", "a");
		array.addObject().putObject("name").put("nested", true);
		Message<ArrayNode> message = MessageBuilder.withPayload(array).setHeader(QueueHeaders.QUEUE, "q").build();

		assertThatExceptionOfType(MessageConversionException.class)
			.isThrownBy(() -> this.converter.fromMessage(message, List.class, parameter("items")))
			.withMessageStartingWith("message 1 of a batch from queue 'q' could not be converted to " + Item.class.getName());
	}

	private static Message<ArrayNode> batch(String... names) {
		ArrayNode array = JsonNodeFactory.instance.arrayNode();
		for (String name : names) {
			array.addObject().put("name", name);
		}
		return MessageBuilder.withPayload(array).setHeader(QueueHeaders.QUEUE, "q").build();
	}

	private static MethodParameter parameter(String method) throws NoSuchMethodException {
		Method found = Signatures.class.getDeclaredMethod(method, List.class);
		return new MethodParameter(found, 0);
	}

	static class Signatures {

		void items(List<Item> items) {
		}

		void messages(List<Message<Item>> messages) {
		}

		void texts(List<String> texts) {
		}

	}

}
