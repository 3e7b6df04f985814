package io.roomqueues.listener;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.roomqueues.client.QueuesClient;
import io.roomqueues.server.QueueInfo;
import io.roomqueues.server.RoomServer;
import io.roomqueues.test.EmbeddedQueueServer;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.SendTo;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code @QueueListener} methods against the embedded server, in one application context. */
@SpringBootTest(classes = QueueListenerIntegrationTests.App.class,
		properties = { "queues.listener.retry.initial-interval=10ms", "queues.listener.retry.max-interval=40ms",
				"app.queue=from-placeholder" })
@EmbeddedQueueServer(room = "listeners")
@RecordApplicationEvents
class QueueListenerIntegrationTests {

	@Autowired
	private QueuesClient queues;

	@Autowired
	private RoomServer server;

	@Autowired
	private Listeners listeners;

	@Autowired
	private QueueListenerRegistry registry;

	@Autowired
	private ApplicationEvents events;

	record Order(@NotBlank String item, @Min(1) int quantity) {
	}

	@Test
	void recordPayloadReachesTheMethod() throws InterruptedException {
		this.queues.send("orders", new Order("book", 2)).join();

		assertThat(this.listeners.orders.poll(10, TimeUnit.SECONDS)).isEqualTo(new Order("book", 2));
	}

	@Test
	void queueNamesResolvePlaceholdersAndExpressions() throws InterruptedException {
		this.queues.send("from-placeholder", Map.of("via", "placeholder")).join();
		this.queues.send("spel-queue", Map.of("via", "spel")).join();

		assertThat(this.listeners.maps.poll(10, TimeUnit.SECONDS)).containsEntry("via", "placeholder");
		assertThat(this.listeners.nodes.poll(10, TimeUnit.SECONDS).get("via").stringValue()).isEqualTo("spel");
	}

	@Test
	void concurrencyOfEightProcessesEightMessagesAtOnce() throws InterruptedException {
		for (int i = 0; i < 8; i++) {
			this.queues.send("concurrent", Map.of("n", i)).join();
		}

		assertThat(this.listeners.allEightInside.await(10, TimeUnit.SECONDS)).isTrue();
		this.listeners.releaseConcurrent.countDown();
	}

	@Test
	void failingListenerIsRetriedThenItsMessageGoesToTheDeadLetterQueueWithTheError() throws Exception {
		this.queues.send("failing", Map.of("id", "f-1")).join();

		ObjectNode letter = this.queues.receive("failing.dlq").get(10, TimeUnit.SECONDS);

		assertThat(this.listeners.failingAttempts).containsExactly(1, 2, 3);
		assertThat(letter.get("message")).isEqualTo(json("{\"id\":\"f-1\"}"));
		JsonNode error = letter.get("error");
		assertThat(error.get("type").stringValue()).isEqualTo(IllegalStateException.class.getName());
		assertThat(error.get("message").stringValue()).isEqualTo("boom f-1");
		assertThat(error.get("attempts").intValue()).isEqualTo(3);
		assertThat(error.get("listenerId").stringValue()).isEqualTo("failing");
		assertThat(error.get("queue").stringValue()).isEqualTo("failing");
		assertThat(error.get("failedAt").stringValue()).isNotBlank();
		QueueListenerContainer container = this.registry.getListenerContainer("failing");
		assertThat(container.getStatistics().getRetries()).isEqualTo(2);
		await().untilAsserted(() -> assertThat(container.getStatistics().getRecovered()).isEqualTo(1));
		assertThat(container.isRunning()).isTrue();
	}

	@Test
	void conversionFailureGoesToTheDeadLetterQueueWithoutRetries() throws Exception {
		this.queues.send("typed", Map.of("item", "book", "quantity", "many")).join();

		ObjectNode letter = this.queues.receive("typed.dlq").get(10, TimeUnit.SECONDS);

		assertThat(letter.at("/error/attempts").intValue()).isEqualTo(1);
		assertThat(letter.at("/error/type").stringValue()).contains("MessageConversionException");
		assertThat(letter.get("message")).isEqualTo(json("{\"item\":\"book\",\"quantity\":\"many\"}"));
		assertThat(this.listeners.typedCalls.get()).isZero();
	}

	@Test
	void invalidPayloadFailsValidationAndGoesToTheDeadLetterQueueWithoutRetries() throws Exception {
		this.queues.send("validated", new Order("book", 0)).join();

		ObjectNode letter = this.queues.receive("validated.dlq").get(10, TimeUnit.SECONDS);

		assertThat(letter.at("/error/attempts").intValue()).isEqualTo(1);
		assertThat(letter.at("/error/type").stringValue()).contains("MethodArgumentNotValidException");
		assertThat(letter.at("/error/message").stringValue())
			.isEqualTo("validation failed: quantity must be greater than or equal to 1 (was 0)");
		assertThat(this.listeners.validated).isEmpty();
	}

	@Test
	void returnValueIsForwardedToTheSendToQueue() throws Exception {
		this.queues.send("forward", new Order("pen", 3)).join();

		assertThat(this.queues.receive("forwarded", Order.class).get(10, TimeUnit.SECONDS))
			.isEqualTo(new Order("PEN", 3));
	}

	@Test
	void headersAndMessageArgumentsAreResolved() throws InterruptedException {
		this.queues.send("headers", new Order("cup", 1)).join();

		assertThat(this.listeners.headers.poll(10, TimeUnit.SECONDS)).isEqualTo("headers|headers-listener|1|cup");
	}

	@Test
	void stringPayloadIsTheJsonText() throws InterruptedException {
		this.queues.send("text", Map.of("a", 1)).join();

		assertThat(this.listeners.texts.poll(10, TimeUnit.SECONDS)).isEqualTo("{\"a\":1}");
	}

	@Test
	void pauseStopsDeliveryAndResumeRestartsIt() throws Exception {
		QueueListenerContainer container = this.registry.getListenerContainer("pausable");
		this.queues.send("pausable", Map.of("n", 0)).join();
		assertThat(this.listeners.pausable.poll(10, TimeUnit.SECONDS)).isNotNull();

		container.pause();
		for (int i = 1; i <= 3; i++) {
			this.queues.send("pausable", Map.of("n", i)).join();
		}

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.server.queues("listeners")).contains(new QueueInfo("pausable", 3)));
		assertThat(this.listeners.pausable).isEmpty();
		assertThat(container.isPaused()).isTrue();

		container.resume();

		for (int i = 0; i < 3; i++) {
			assertThat(this.listeners.pausable.poll(10, TimeUnit.SECONDS)).isNotNull();
		}
		assertThat(this.server.queues("listeners")).contains(new QueueInfo("pausable", 0));
	}

	@Test
	void startedEventsArePublishedForEveryContainer() {
		assertThat(this.registry.getListenerContainerIds()).contains("failing", "pausable", "headers-listener");
		assertThat(this.registry.getListenerContainers()).allSatisfy((container) -> assertThat(container.isRunning()).isTrue());
		// the context started before this test's event recording began; stop and start one container to see both
		QueueListenerContainer container = this.registry.getListenerContainer("headers-listener");
		container.stop();
		container.start();
		assertThat(this.events.stream(QueueListenerContainerStoppedEvent.class)).hasSize(1);
		assertThat(this.events.stream(QueueListenerContainerStartedEvent.class))
			.singleElement()
			.satisfies((event) -> assertThat(event.getListenerId()).isEqualTo("headers-listener"));
	}

	private ObjectNode json(String json) {
		return (ObjectNode) new tools.jackson.databind.json.JsonMapper().readTree(json);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(Listeners.class)
	static class App {

	}

	static class Listeners {

		final BlockingQueue<Order> orders = new LinkedBlockingQueue<>();

		final BlockingQueue<Map<String, Object>> maps = new LinkedBlockingQueue<>();

		final BlockingQueue<JsonNode> nodes = new LinkedBlockingQueue<>();

		final BlockingQueue<String> texts = new LinkedBlockingQueue<>();

		final BlockingQueue<String> headers = new LinkedBlockingQueue<>();

		final BlockingQueue<ObjectNode> pausable = new LinkedBlockingQueue<>();

		final List<Order> validated = new CopyOnWriteArrayList<>();

		final List<Integer> failingAttempts = new CopyOnWriteArrayList<>();

		final AtomicInteger typedCalls = new AtomicInteger();

		final CountDownLatch allEightInside = new CountDownLatch(8);

		final CountDownLatch releaseConcurrent = new CountDownLatch(1);

		@QueueListener("orders")
		void order(Order order) {
			this.orders.add(order);
		}

		@QueueListener("${app.queue}")
		void placeholder(Map<String, Object> message) {
			this.maps.add(message);
		}

		@QueueListener("#{'spel' + '-queue'}")
		void expression(JsonNode message) {
			this.nodes.add(message);
		}

		@QueueListener(queue = "concurrent", concurrency = "8")
		void concurrent(ObjectNode message) throws InterruptedException {
			this.allEightInside.countDown();
			this.releaseConcurrent.await(30, TimeUnit.SECONDS);
		}

		@QueueListener(queue = "failing", id = "failing", maxAttempts = "3")
		void failing(ObjectNode message, @Header(QueueHeaders.ATTEMPT) int attempt) {
			this.failingAttempts.add(attempt);
			throw new IllegalStateException("boom " + message.get("id").stringValue());
		}

		@QueueListener("typed")
		void typed(Order order) {
			this.typedCalls.incrementAndGet();
		}

		@QueueListener("validated")
		void validated(@Valid Order order) {
			this.validated.add(order);
		}

		@QueueListener("forward")
		@SendTo("forwarded")
		Order forward(Order order) {
			return new Order(order.item().toUpperCase(), order.quantity());
		}

		@QueueListener(queue = "headers", id = "headers-listener")
		void headers(Message<Order> message, @Header(QueueHeaders.QUEUE) String queue,
				@Header(QueueHeaders.LISTENER_ID) String listenerId) {
			this.headers.add(queue + "|" + listenerId + "|" + message.getHeaders().get(QueueHeaders.ATTEMPT) + "|"
					+ message.getPayload().item());
		}

		@QueueListener("text")
		void text(String json) {
			this.texts.add(json);
		}

		@QueueListener(queue = "pausable", id = "pausable")
		void pausable(ObjectNode message) {
			this.pausable.add(message);
		}

	}

}
