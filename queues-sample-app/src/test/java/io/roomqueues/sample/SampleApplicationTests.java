package io.roomqueues.sample;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.roomqueues.client.QueuesClient;
import io.roomqueues.listener.QueueListenerContainer;
import io.roomqueues.listener.QueueListenerRegistry;
import io.roomqueues.server.RoomServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample against its embedded default: orders posted over HTTP are confirmed, an invalid one is dead-lettered,
 * the asynchronous listener passes confirmations on once it has notified the customer, and the batch listener ships
 * them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "sample.demo-orders=false", "sample.work-time=10ms", "sample.notify-time=10ms",
				"sample.shipment-batch-wait=500ms" })
class SampleApplicationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private RoomServer embeddedServer;

	@Autowired
	private QueuesClient queues;

	@Autowired
	private QueueListenerRegistry listeners;

	@Test
	@SuppressWarnings("unchecked")
	void postedOrdersAreConfirmedShippedAndAnInvalidOneLandsOnTheDeadLetterQueue() throws Exception {
		RestClient http = RestClient.create("http://127.0.0.1:" + this.port);
		assertThat(this.embeddedServer.url()).startsWith("ws://127.0.0.1:");

		for (Map<String, Object> order : List.of(Map.<String, Object>of("item", "book", "quantity", 2),
				Map.<String, Object>of("item", "lamp", "quantity", 0), Map.<String, Object>of("item", "mug", "quantity", 1))) {
			HttpStatusCode status = http.post()
				.uri("/orders")
				.contentType(MediaType.APPLICATION_JSON)
				.body(order)
				.retrieve()
				.toBodilessEntity()
				.getStatusCode();
			assertThat(status.value()).isEqualTo(202);
		}

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(confirmations(http))
			.extracting((confirmation) -> confirmation.item() + " x " + confirmation.quantity())
			.containsExactlyInAnyOrder("book x 2", "mug x 1"));
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(queues(http))
			.contains(Map.of("name", "orders.dlq", "size", 1), Map.of("name", "orders", "size", 0)));
		ObjectNode deadLetter = this.queues.receive("orders.dlq", false, false).join();
		assertThat(deadLetter.get("message").toString()).isEqualTo("{\"item\":\"lamp\",\"quantity\":0}");
		assertThat(deadLetter.at("/error/type").stringValue()).endsWith("MethodArgumentNotValidException");
		assertThat(deadLetter.at("/error/attempts").intValue()).isEqualTo(1);
		assertThat(deadLetter.at("/error/listenerId").stringValue()).isEqualTo("orders");

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(shipments(http))
			.flatExtracting((shipment) -> ((List<Map<String, Object>>) shipment.get("orders")))
			.extracting((order) -> order.get("item"))
			.containsExactlyInAnyOrder("book", "mug"));
		QueueListenerContainer confirmations = this.listeners.getListenerContainer("confirmations");
		QueueListenerContainer shipments = this.listeners.getListenerContainer("shipments");
		assertThat(confirmations.getStatistics().getProcessed()).isEqualTo(2);
		assertThat(confirmations.getInFlight()).isZero();
		assertThat(shipments.getOptions().batch().size()).isEqualTo(10);
		await().untilAsserted(() -> assertThat(shipments.getStatistics().getProcessed()).isEqualTo(2));
		assertThat(queues(http)).contains(Map.of("name", "shipments", "size", 0));
	}

	private static List<OrderConfirmation> confirmations(RestClient http) {
		return http.get().uri("/orders/confirmations").retrieve().body(new ParameterizedTypeReference<>() {
		});
	}

	private static List<Map<String, Object>> shipments(RestClient http) {
		return http.get().uri("/orders/shipments").retrieve().body(new ParameterizedTypeReference<>() {
		});
	}

	private static List<Map<String, Object>> queues(RestClient http) {
		return http.get().uri("/queues").retrieve().body(new ParameterizedTypeReference<>() {
		});
	}

}
