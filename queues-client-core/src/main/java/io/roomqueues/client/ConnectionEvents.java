package io.roomqueues.client;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the {@link RoomConnectionListener}s of a client about its connection, one event after the other in the order
 * they happened, on the callback executor: never on the thread that reads the connection, so a listener that blocks
 * (on a request of the same client, say) cannot stall it.
 */
final class ConnectionEvents {

	private static final Logger logger = LoggerFactory.getLogger(ConnectionEvents.class);

	private final List<RoomConnectionListener> listeners = new CopyOnWriteArrayList<>();

	private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();

	private final CallbackExecutor callbacks;

	private final String room;

	private boolean running;

	ConnectionEvents(CallbackExecutor callbacks, String room) {
		this.callbacks = callbacks;
		this.room = room;
	}

	void add(RoomConnectionListener listener) {
		this.listeners.add(listener);
	}

	void remove(RoomConnectionListener listener) {
		this.listeners.remove(listener);
	}

	/**
	 * Tells every listener of an event, each on its own: one that throws is logged, and neither the other listeners
	 * nor the client's own next step are skipped.
	 */
	void tell(String event, Consumer<RoomConnectionListener> call) {
		List<RoomConnectionListener> told = List.copyOf(this.listeners);
		Runnable delivery = () -> deliver(event, call, told);
		synchronized (this) {
			this.waiting.add(delivery);
			if (this.running) {
				return;
			}
			this.running = true;
		}
		this.callbacks.execute(this::drain);
	}

	private void drain() {
		while (true) {
			Runnable next;
			synchronized (this) {
				next = this.waiting.poll();
				if (next == null) {
					this.running = false;
					return;
				}
			}
			next.run();
		}
	}

	private void deliver(String event, Consumer<RoomConnectionListener> call, List<RoomConnectionListener> told) {
		for (RoomConnectionListener listener : told) {
			try {
				call.accept(listener);
			}
			catch (RuntimeException ex) {
				logger.warn("A connection listener of room '{}' threw when told '{}'; the client goes on", this.room,
						event, ex);
			}
		}
	}

}
