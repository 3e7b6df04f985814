package io.roomqueues.observation;

import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.roomqueues.client.QueuesClient;
import io.roomqueues.listener.QueueListener;
import io.roomqueues.test.EmbeddedQueueServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/** With trace propagation on, a trace runs from the sender through the queue into the listener. */
@SpringBootTest(classes = TracePropagationTests.App.class,
		properties = { "queues.observation.trace-propagation=true", "management.tracing.sampling.probability=1.0" })
@EmbeddedQueueServer(room = "traced")
class TracePropagationTests {

	@Autowired
	private QueuesClient queues;

	@Autowired
	private ObservationRegistry observations;

	@Autowired
	private Tracer tracer;

	@Autowired
	private TracedListener listener;

	@BeforeEach
	void forgetEarlierMessages() {
		this.listener.received.clear();
	}

	@Test
	void listenerContinuesTheTraceOfTheSenderAndNeverSeesTheTraceKey() throws InterruptedException {
		String[] senderTrace = new String[1];
		Observation.createNotStarted("order.placed", this.observations).observe(() -> {
			senderTrace[0] = this.tracer.currentSpan().context().traceId();
			this.queues.send("traced", Map.of("order", 7)).join();
		});

		Received received = this.listener.received.poll(10, TimeUnit.SECONDS);

		assertThat(received).isNotNull();
		assertThat(received.traceId()).isEqualTo(senderTrace[0]);
		assertThat(received.message()).containsOnlyKeys("order").doesNotContainKey(TraceContext.KEY);
	}

	@Test
	void theTraceContextIsNeverWrittenIntoTheCallersOwnObject() throws InterruptedException {
		ObjectNode mine = this.queues.toObject(Map.of("order", 8));
		ObjectNode[] sent = new ObjectNode[1];
		Observation.createNotStarted("order.placed", this.observations).observe(() -> {
			this.queues.send("traced", mine).join();
			sent[0] = mine.deepCopy();
		});

		assertThat(sent[0]).hasToString("{\"order\":8}");
		assertThat(this.listener.received.poll(10, TimeUnit.SECONDS)).isNotNull();
	}

	record Received(String traceId, Map<String, Object> message) {
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

		@Bean
		TracedListener tracedListener(Tracer tracer) {
			return new TracedListener(tracer);
		}

	}

	static class TracedListener {

		final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

		private final Tracer tracer;

		TracedListener(Tracer tracer) {
			this.tracer = tracer;
		}

		@QueueListener("traced")
		void listen(Map<String, Object> message) {
			Span span = this.tracer.currentSpan();
			this.received.add(new Received((span != null) ? span.context().traceId() : "none", message));
		}

	}

}
