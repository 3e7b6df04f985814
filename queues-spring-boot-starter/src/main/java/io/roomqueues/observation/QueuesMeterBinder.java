package io.roomqueues.observation;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.roomqueues.client.ConnectionState;
import io.roomqueues.client.RoomClient;
import io.roomqueues.listener.ListenerStatistics;
import io.roomqueues.listener.QueueListenerContainer;
import io.roomqueues.listener.QueueListenerRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextRefreshedEvent;

/**
 * The gauges and counters of room queues: connection state, requests in flight, waiting receives and reconnects of the
 * client; in-flight messages, processed, failed, retried and dead-lettered counts of every listener container.
 * Listener meters are bound once the context is refreshed, when every container exists.
 */
public class QueuesMeterBinder implements MeterBinder, ApplicationListener<ContextRefreshedEvent> {

	private final RoomClient client;

	private final @Nullable QueueListenerRegistry listeners;

	private final Set<String> boundListeners = ConcurrentHashMap.newKeySet();

	private volatile @Nullable MeterRegistry registry;

	/**
	 * Creates the binder.
	 * @param client the client whose connection and requests are measured
	 * @param listeners the listener containers whose counts are measured, if any
	 */
	public QueuesMeterBinder(RoomClient client, @Nullable QueueListenerRegistry listeners) {
		this.client = client;
		this.listeners = listeners;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.registry = registry;
		Tags tags = Tags.of("room", this.client.room());
		Gauge.builder("queues.client.connected", this.client, (c) -> (c.state() == ConnectionState.CONNECTED) ? 1 : 0)
			.tags(tags)
			.description("1 while the room connection is ready, else 0")
			.register(registry);
		Gauge.builder("queues.client.requests.in.flight", this.client, RoomClient::pendingRequests)
			.tags(tags)
			.description("Requests waiting for their response")
			.register(registry);
		Gauge.builder("queues.client.receives.waiting", this.client, (c) -> c.queues().waitingReceives())
			.tags(tags)
			.description("Receives parked on the server until a message arrives")
			.register(registry);
		FunctionCounter.builder("queues.client.reconnects", this.client, RoomClient::reconnects)
			.tags(tags)
			.description("Times the room connection was re-established")
			.register(registry);
		Gauge.builder("queues.client.messages.unclaimed", this.client, RoomClient::unclaimedMessages)
			.tags(tags)
			.description("Messages the client holds for nobody: on their way back to their queue, held for the next "
					+ "receive, or due to receives their callers gave up")
			.register(registry);
		FunctionCounter.builder("queues.client.messages.returned", this.client, RoomClient::returnedMessages)
			.tags(tags)
			.description("Messages sent back to their queue because they reached no receive")
			.register(registry);
		bindListeners();
	}

	@Override
	public void onApplicationEvent(ContextRefreshedEvent event) {
		bindListeners();
	}

	private void bindListeners() {
		MeterRegistry meters = this.registry;
		if (meters == null || this.listeners == null) {
			return;
		}
		for (QueueListenerContainer container : this.listeners.getListenerContainers()) {
			if (this.boundListeners.add(container.getId())) {
				bind(meters, container);
			}
		}
	}

	private static void bind(MeterRegistry registry, QueueListenerContainer container) {
		Tags tags = Tags.of("listener.id", container.getId(), "queue", container.getQueue());
		ListenerStatistics statistics = container.getStatistics();
		Gauge.builder("queues.listener.in.flight", container, QueueListenerContainer::getInFlight)
			.tags(tags)
			.description("Messages the listener is processing")
			.register(registry);
		counter(registry, "queues.listener.processed", statistics, ListenerStatistics::getProcessed, tags,
				"Messages processed successfully");
		counter(registry, "queues.listener.failed", statistics, ListenerStatistics::getFailed, tags,
				"Messages that failed every attempt");
		counter(registry, "queues.listener.retries", statistics, ListenerStatistics::getRetries, tags,
				"Attempts repeated after a failure");
		counter(registry, "queues.listener.dead.lettered", statistics, ListenerStatistics::getRecovered, tags,
				"Failed messages handed to the recoverer (the dead-letter queue by default)");
		counter(registry, "queues.listener.returned", statistics, ListenerStatistics::getReturned, tags,
				"Messages sent back to their queue by a stop or pause");
	}

	private static void counter(MeterRegistry registry, String name, ListenerStatistics statistics,
			java.util.function.ToDoubleFunction<ListenerStatistics> count, Tags tags, String description) {
		FunctionCounter.builder(name, statistics, count).tags(tags).description(description).register(registry);
	}

}
