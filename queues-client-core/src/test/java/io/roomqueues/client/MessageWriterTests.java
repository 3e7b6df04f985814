package io.roomqueues.client;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.POJONode;
import tools.jackson.databind.util.RawValue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowable;

/** A message written straight to its text is the JSON its tree would have been, and anything else goes the tree way. */
class MessageWriterTests {

	record Order(long id, String item, List<Integer> amounts, Map<String, Object> extra) {
	}

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final RoomClient client = RoomClient.builder().url("ws://127.0.0.1:1").room("r").token("t").build();

	private final MessageWriter writer = new MessageWriter(this.mapper, this.client.queues()::toObject);

	@AfterEach
	void close() {
		this.client.close();
	}

	@Test
	void aRecordOrMapIsWrittenOnceAsTheJsonOfItsTree() {
		for (Object message : List.of(new Order(7, "caf\u00e9 \"x\"", List.of(1, 2), Map.of("k", 1.5)),
				Map.of("n", 3_000_000_000L, "pad", "abc"), Map.of())) {
			assertThat(text(this.writer.toJson(message)))
				.isEqualTo(this.mapper.writeValueAsString(this.mapper.valueToTree(message)));
		}
	}

	@Test
	void aMapperThatWrapsRootValuesWrapsTheMessageAsItsTreeWasWrapped() {
		JsonMapper wrapping = JsonMapper.builder().enable(SerializationFeature.WRAP_ROOT_VALUE).build();
		MessageWriter writer = new MessageWriter(wrapping, this.client.queues()::toObject);
		Order order = new Order(1, "a", List.of(), Map.of());

		assertThat(text(writer.toJson(order))).isEqualTo(this.mapper.writeValueAsString(wrapping.valueToTree(order)));
	}

	@Test
	void aJsonTreeIsSentAsItIs() {
		ObjectNode tree = this.mapper.createObjectNode().put("a", 1);

		assertThat(this.writer.toJson(tree)).isSameAs(tree);
	}

	@Test
	void valuesThatAreNotJsonObjectsAreRefusedAsToObjectRefusesThem() {
		for (Object message : List.of(List.of(1, 2), "text", 42, new byte[] { 1 }, Boolean.TRUE, Optional.empty())) {
			Throwable expected = catchThrowable(() -> this.client.queues().toObject(message));

			assertThat(expected).as("%s", message).isInstanceOf(IllegalArgumentException.class);
			assertThatIllegalArgumentException().isThrownBy(() -> this.writer.toJson(message))
				.withMessage(expected.getMessage());
		}
	}

	@Test
	void whatToObjectTakesIsSentAsTheSameJson() {
		Object empty = new Object() {
		};
		for (Object message : List.of(empty, Map.of("a", Optional.of(1)))) {
			Throwable refused = catchThrowable(() -> this.client.queues().toObject(message));
			if (refused != null) {
				assertThatIllegalArgumentException().isThrownBy(() -> this.writer.toJson(message))
					.withMessage(refused.getMessage());
				continue;
			}
			assertThat(text(this.writer.toJson(message)))
				.isEqualTo(this.mapper.writeValueAsString(this.client.queues().toObject(message)));
		}
	}

	private static String text(JsonNode node) {
		assertThat(node).isInstanceOf(POJONode.class);
		return (String) ((RawValue) ((POJONode) node).getPojo()).rawValue();
	}

}
