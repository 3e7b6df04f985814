package io.roomqueues.actuate;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.roomqueues.client.QueuesClient;
import io.roomqueues.listener.QueueListener;
import io.roomqueues.test.EmbeddedQueueServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code queues} endpoint's answers over HTTP: 404 for an unknown listener, 400 for a bad action, and a stop that
 * answers at once while the container finishes its message.
 */
@SpringBootTest(classes = QueuesEndpointWebExtensionTests.App.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=queues",
				"queues.listener.shutdown-timeout=60s" })
@EmbeddedQueueServer(room = "endpoint-web")
class QueuesEndpointWebExtensionTests {

	/** Far below the shutdown timeout: a stop that waited for the listener would not answer in time. */
	private static final Duration READ_TIMEOUT = Duration.ofSeconds(20);

	@LocalServerPort
	private int port;

	@Autowired
	private QueuesClient queues;

	@Autowired
	private SlowListener slow;

	private final RestClient http = http();

	@BeforeEach
	void armTheSlowListener() {
		this.slow.started = new CountDownLatch(1);
		this.slow.release = new CountDownLatch(1);
	}

	@AfterEach
	void releaseTheSlowListener() {
		this.slow.release.countDown();
	}

	@Test
	void aWriteToAnUnknownListenerAnswers404NamingTheKnownIds() {
		ResponseEntity<Map<String, Object>> answer = post("/actuator/queues/no-such-listener", Map.of("action", "stop"));

		assertThat(answer.getStatusCode().value()).isEqualTo(404);
		assertThat(answer.getBody()).extractingByKey("message")
			.asString()
			.contains("'no-such-listener'")
			.contains("slow")
			.contains("steady");
	}

	@Test
	void aReadOfAnUnknownListenerAnswers404NamingTheKnownIds() {
		ResponseEntity<Map<String, Object>> answer = get("/actuator/queues/no-such-listener");

		assertThat(answer.getStatusCode().value()).isEqualTo(404);
		assertThat(answer.getBody()).extractingByKey("message").asString().contains("'no-such-listener'");
	}

	@Test
	void anUnknownActionAnswers400NamingTheAllowedActionsAndChangesNothing() {
		ResponseEntity<Map<String, Object>> answer = post("/actuator/queues/steady", Map.of("action", "halt"));

		assertThat(answer.getStatusCode().value()).isEqualTo(400);
		assertThat(answer.getBody()).extractingByKey("message")
			.asString()
			.contains("'halt'")
			.contains("pause, resume, start, stop");
		assertThat(get("/actuator/queues/steady").getBody()).containsEntry("state", "running");
	}

	@Test
	void aWriteWithoutAnActionAnswers400NamingTheAllowedActions() {
		ResponseEntity<Map<String, Object>> answer = post("/actuator/queues/steady", Map.of("verb", "pause"));

		assertThat(answer.getStatusCode().value()).isEqualTo(400);
		assertThat(answer.getBody()).containsEntry("message",
				"No action for listener 'steady': send {\"action\": \"...\"} with one of pause, resume, start, stop");
		assertThat(get("/actuator/queues/steady").getBody()).containsEntry("state", "running");
	}

	@Test
	void stopAnswersAtOnceAndTheListenerShowsStoppingUntilItsMessageIsDone() throws InterruptedException {
		this.queues.send("slow", Map.of("n", 1)).join();
		assertThat(this.slow.started.await(10, TimeUnit.SECONDS)).isTrue();

		ResponseEntity<Map<String, Object>> stop = post("/actuator/queues/slow", Map.of("action", "stop"));

		assertThat(stop.getStatusCode().value()).isEqualTo(202);
		assertThat(stop.getBody()).containsEntry("state", "stopping").containsEntry("inFlight", 1);
		assertThat(get("/actuator/queues/slow").getBody()).containsEntry("state", "stopping");
		ResponseEntity<Map<String, Object>> start = post("/actuator/queues/slow", Map.of("action", "start"));
		assertThat(start.getStatusCode().value()).isEqualTo(409);
		assertThat(start.getBody()).extractingByKey("message").asString().contains("stopping");

		this.slow.release.countDown();

		await().untilAsserted(() -> assertThat(get("/actuator/queues/slow").getBody()).containsEntry("state", "stopped")
			.containsEntry("inFlight", 0)
			.containsEntry("processed", 1)
			.containsEntry("returned", 0));
		ResponseEntity<Map<String, Object>> restart = post("/actuator/queues/slow", Map.of("action", "start"));
		assertThat(restart.getStatusCode().value()).isEqualTo(200);
		assertThat(restart.getBody()).containsEntry("state", "running");
	}

	@Test
	void stoppingAStoppedListenerAnswersAtOnceWithItsState() {
		assertThat(post("/actuator/queues/idle", Map.of("action", "stop")).getStatusCode().value()).isEqualTo(202);
		await().untilAsserted(
				() -> assertThat(get("/actuator/queues/idle").getBody()).containsEntry("state", "stopped"));

		ResponseEntity<Map<String, Object>> again = post("/actuator/queues/idle", Map.of("action", "stop"));

		assertThat(again.getStatusCode().value()).isEqualTo(200);
		assertThat(again.getBody()).containsEntry("state", "stopped");
	}

	private ResponseEntity<Map<String, Object>> get(String path) {
		return this.http.get()
			.uri("http://127.0.0.1:" + this.port + path)
			.retrieve()
			.onStatus((status) -> true, (request, response) -> {
			})
			.toEntity(new ParameterizedTypeReference<>() {
			});
	}

	private ResponseEntity<Map<String, Object>> post(String path, Map<String, String> body) {
		return this.http.post()
			.uri("http://127.0.0.1:" + this.port + path)
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.retrieve()
			.onStatus((status) -> true, (request, response) -> {
			})
			.toEntity(new ParameterizedTypeReference<>() {
			});
	}

	private static RestClient http() {
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory();
		requests.setReadTimeout(READ_TIMEOUT);
		return RestClient.builder().requestFactory(requests).build();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import({ SlowListener.class, SteadyListener.class })
	static class App {

	}

	static class SlowListener {

		volatile CountDownLatch started = new CountDownLatch(1);

		volatile CountDownLatch release = new CountDownLatch(1);

		@QueueListener(queue = "slow", id = "slow")
		void listen(Map<String, Object> message) throws InterruptedException {
			CountDownLatch release = this.release;
			this.started.countDown();
			release.await();
		}

	}

	static class SteadyListener {

		@QueueListener(queue = "steady", id = "steady")
		void listen(Map<String, Object> message) {
		}

		@QueueListener(queue = "idle", id = "idle")
		void idle(Map<String, Object> message) {
		}

	}

}
