package io.roomqueues.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.roomqueues.client.MessageConversionException;
import io.roomqueues.client.Queue;
import io.roomqueues.client.QueuesClient;
import io.roomqueues.client.RoomClient;
import io.roomqueues.client.RoomException;
import io.roomqueues.server.RoomServer;
import io.roomqueues.server.junit.RoomServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The Java {@link QueuesClient} against the embedded server over real sockets. */
class QueuesClientTests {

	@RegisterExtension
	static final RoomServerExtension extension = RoomServerExtension.create();

	private final String room = "room-" + UUID.randomUUID();

	private final RoomClient client = connect(extension.server(), this.room);

	private final QueuesClient queues = this.client.queues();

	record Order(String item, int quantity) {
	}

	@AfterEach
	void close() {
		this.client.close();
	}

	@Test
	void seedExampleRunsLineByLine() {
		assertThat(this.queues.list().join()).isEmpty();
		this.queues.open("my-queue").join();
		this.queues.send("my-queue", Map.of("payload", "Hello World!")).join();
		assertThat(this.queues.list().join()).containsExactly(new Queue("my-queue", 1));
		assertThat(this.queues.receive("my-queue").join()).isEqualTo(json("{\"payload\":\"Hello World!\"}"));
		assertThat(this.queues.receive("my-queue", true, false).join()).isNull();
		this.queues.drain("my-queue").join();
		this.queues.close("my-queue").join();
		assertThat(this.queues.list().join()).isEmpty();
	}

	@Test
	void tenThousandRequestsInFlightOnOneConnectionAllGetTheirOwnAnswer() {
		int count = 10_000;
		List<CompletableFuture<Void>> sends = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			sends.add(this.queues.send("many", Map.of("n", i)));
		}
		CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
		List<CompletableFuture<ObjectNode>> receives = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			receives.add(this.queues.receive("many", false, false));
		}

		for (int i = 0; i < count; i++) {
			assertThat(receives.get(i).join().get("n").intValue()).isEqualTo(i);
		}
		assertThat(this.queues.list().join()).containsExactly(new Queue("many", 0));
	}

	@Test
	void listIsAnsweredWhileAReceiveIsParkedOnTheSameConnection() {
		CompletableFuture<ObjectNode> parked = this.queues.receive("parked");

		assertThat(this.queues.list().join()).containsExactly(new Queue("parked", 0));
		assertThat(parked).isNotDone();

		this.queues.send("parked", Map.of("late", true)).join();
		assertThat(parked).succeedsWithin(Duration.ofSeconds(5)).isEqualTo(json("{\"late\":true}"));
	}

	@Test
	void recordsAreSentAndReceivedTyped() {
		this.queues.send("orders", new Order("book", 2)).join();

		assertThat(this.queues.receive("orders", Order.class).join()).isEqualTo(new Order("book", 2));
	}

	@Test
	void errorContentBecomesARoomExceptionWithTheServerCode() {
		assertThatExceptionOfType(CompletionException.class)
			.isThrownBy(() -> this.queues.receive("missing", false, false).join())
			.havingCause()
			.isInstanceOfSatisfying(RoomException.class, (ex) -> {
				assertThat(ex.code()).isEqualTo(5001);
				assertThat(ex).hasMessage("queue 'missing' not found");
				assertThat(ex.isRetryable()).isFalse();
			});
		this.queues.open("twice").join();
		assertThatExceptionOfType(CompletionException.class).isThrownBy(() -> this.queues.open("twice").join())
			.havingCause()
			.isInstanceOfSatisfying(RoomException.class, (ex) -> assertThat(ex.code()).isEqualTo(5002));
	}

	@Test
	void nonObjectMessageIsRefusedLocallyBeforeAnythingIsSent() {
		assertThatExceptionOfType(CompletionException.class).isThrownBy(() -> this.queues.send("q", List.of(1, 2)).join())
			.havingCause()
			.isInstanceOf(IllegalArgumentException.class)
			.withMessageContaining("the protocol carries JSON objects")
			.withMessageContaining("written as JSON array");
		assertThatExceptionOfType(CompletionException.class).isThrownBy(() -> this.queues.send("q", "text").join())
			.havingCause()
			.withMessageContaining("written as JSON string");
		assertThat(this.queues.list().join()).isEmpty();
	}

	@Test
	void typedReceiveThatCannotConvertKeepsTheRawMessage() {
		this.queues.send("orders", Map.of("item", "book", "quantity", "many")).join();

		assertThatExceptionOfType(CompletionException.class)
			.isThrownBy(() -> this.queues.receive("orders", Order.class).join())
			.havingCause()
			.isInstanceOfSatisfying(MessageConversionException.class, (ex) -> {
				assertThat(ex.queue()).isEqualTo("orders");
				assertThat(ex.targetType()).isEqualTo(Order.class);
				assertThat(ex.rawMessage()).isEqualTo(json("{\"item\":\"book\",\"quantity\":\"many\"}"));
				assertThat(ex).hasMessageContaining("queue 'orders'").hasMessageContaining(Order.class.getName());
			});
	}

	@Test
	void parkedReceiveIsCompletedBySendFromAnotherClient() {
		CompletableFuture<ObjectNode> parked = this.queues.receive("wake");
		this.queues.list().join();

		try (RoomClient other = connect(extension.server(), this.room)) {
			other.queues().send("wake", Map.of("by", "other")).join();
		}

		assertThat(parked).succeedsWithin(Duration.ofSeconds(5)).isEqualTo(json("{\"by\":\"other\"}"));
	}

	static RoomClient connect(RoomServer server, String room) {
		RoomClient client = RoomClient.builder().url(server.url()).room(room).token(server.token("java", room)).build();
		client.connect().join();
		return client;
	}

	private ObjectNode json(String json) {
		return (ObjectNode) this.client.jsonMapper().readTree(json);
	}

}
