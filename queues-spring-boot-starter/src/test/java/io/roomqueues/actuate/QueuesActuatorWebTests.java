package io.roomqueues.actuate;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.roomqueues.client.QueuesClient;
import io.roomqueues.listener.QueueListener;
import io.roomqueues.server.RoomServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Health, metrics and the queues endpoint over HTTP in a real web application. */
@SpringBootTest(classes = QueuesActuatorWebTests.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=health,metrics,queues",
				"management.endpoint.health.show-details=always", "queues.room.name=actuator",
				"queues.room.reconnect.initial-delay=50ms", "queues.room.reconnect.max-delay=200ms" })
class QueuesActuatorWebTests {

	private static final String SECRET = "actuator-secret";

	private static final int PORT = freePort();

	private static RoomServer server = RoomServer.builder().secret(SECRET).port(PORT).build().start();

	@LocalServerPort
	private int port;

	@Autowired
	private QueuesClient queues;

	@Autowired
	private Listeners listeners;

	@DynamicPropertySource
	static void room(DynamicPropertyRegistry registry) {
		registry.add("queues.room.url", () -> "ws://127.0.0.1:" + PORT);
		registry.add("queues.room.secret", () -> SECRET);
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@Test
	void healthIsUpWithDetailsAndNeverTheToken() {
		ResponseEntity<Map<String, Object>> health = get("/actuator/health");

		assertThat(health.getStatusCode().value()).isEqualTo(200);
		Map<String, Object> queuesHealth = component(health.getBody());
		assertThat(queuesHealth).containsEntry("status", "UP");
		assertThat(details(queuesHealth)).containsEntry("room", "actuator")
			.containsEntry("url", "ws://127.0.0.1:" + PORT)
			.containsEntry("state", "CONNECTED")
			.containsEntry("listenersRunning", 1);
		assertThat(health.getBody().toString()).doesNotContain("token").doesNotContain("eyJ");
	}

	@Test
	@SuppressWarnings("unchecked")
	void endpointListsQueuesAndListenersAndPausesAndResumesThem() throws InterruptedException {
		this.queues.send("endpoint", Map.of("n", 1)).join();
		assertThat(this.listeners.received.poll(10, TimeUnit.SECONDS)).isNotNull();

		Map<String, Object> read = get("/actuator/queues").getBody();
		assertThat((List<Object>) read.get("queues")).contains(Map.of("name", "endpoint", "size", 0));
		assertThat((List<Map<String, Object>>) read.get("listeners")).singleElement().satisfies((listener) -> {
			assertThat(listener).containsEntry("id", "endpoint-listener")
				.containsEntry("queue", "endpoint")
				.containsEntry("state", "running")
				.containsEntry("concurrency", 1)
				.containsEntry("processed", 1)
				.containsEntry("failed", 0)
				.containsEntry("deadLettered", 0);
		});

		assertThat(post("/actuator/queues/endpoint-listener", "pause")).containsEntry("state", "paused");
		this.queues.send("endpoint", Map.of("n", 2)).join();
		await().untilAsserted(() -> assertThat(server.queues("actuator"))
			.contains(new io.roomqueues.server.QueueInfo("endpoint", 1)));
		assertThat(this.listeners.received).isEmpty();

		assertThat(post("/actuator/queues/endpoint-listener", "resume")).containsEntry("state", "running");
		ObjectNode resumed = this.listeners.received.poll(10, TimeUnit.SECONDS);
		assertThat(resumed.get("n").intValue()).isEqualTo(2);
	}

	@Test
	void metricsShowTheConnectionTheListenerAndTheRequestTimer() {
		this.queues.send("endpoint", Map.of("n", 3)).join();
		await().untilAsserted(() -> assertThat(measurement("/actuator/metrics/queues.listener.processed")).isPositive());

		assertThat(measurement("/actuator/metrics/queues.client.connected")).isEqualTo(1.0);
		assertThat(measurement("/actuator/metrics/queues.client.requests?tag=queues.operation:send")).isPositive();
		assertThat(measurement("/actuator/metrics/queues.listener.process?tag=queues.listener.id:endpoint-listener"))
			.isPositive();
		assertThat(get("/actuator/metrics/queues.client.reconnects").getStatusCode().value()).isEqualTo(200);
		assertThat(get("/actuator/metrics/queues.listener.dead.lettered").getStatusCode().value()).isEqualTo(200);
	}

	@Test
	void healthGoesDownWhenTheServerStopsAndUpWhenItReturns() {
		server.close();

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			ResponseEntity<Map<String, Object>> health = get("/actuator/health");
			assertThat(health.getStatusCode().value()).isEqualTo(503);
			Map<String, Object> queuesHealth = component(health.getBody());
			assertThat(queuesHealth).containsEntry("status", "DOWN");
			assertThat(details(queuesHealth)).containsKey("error").containsEntry("room", "actuator");
		});

		server = RoomServer.builder().secret(SECRET).port(PORT).build().start();

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(component(get("/actuator/health").getBody())).containsEntry("status", "UP"));
		assertThat(measurement("/actuator/metrics/queues.client.reconnects")).isGreaterThanOrEqualTo(1.0);
	}

	private ResponseEntity<Map<String, Object>> get(String path) {
		return http().get().uri(path).retrieve().onStatus((status) -> true, (request, response) -> {
		}).toEntity(new ParameterizedTypeReference<>() {
		});
	}

	private Map<String, Object> post(String path, String action) {
		return http().post()
			.uri(path)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("action", action))
			.retrieve()
			.body(new ParameterizedTypeReference<>() {
			});
	}

	@SuppressWarnings("unchecked")
	private double measurement(String path) {
		Map<String, Object> metric = get(path).getBody();
		List<Map<String, Object>> measurements = (List<Map<String, Object>>) metric.get("measurements");
		return ((Number) measurements.get(0).get("value")).doubleValue();
	}

	private RestClient http() {
		return RestClient.create("http://127.0.0.1:" + this.port);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> component(Map<String, Object> health) {
		return (Map<String, Object>) ((Map<String, Object>) health.get("components")).get("queues");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> details(Map<String, Object> component) {
		return (Map<String, Object>) component.get("details");
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(Listeners.class)
	static class App {

	}

	static class Listeners {

		final BlockingQueue<ObjectNode> received = new LinkedBlockingQueue<>();

		@QueueListener(queue = "endpoint", id = "endpoint-listener")
		void listen(ObjectNode message) {
			this.received.add(message);
		}

	}

}
