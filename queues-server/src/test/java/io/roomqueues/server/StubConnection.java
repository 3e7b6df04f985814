package io.roomqueues.server;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;

import io.roomqueues.protocol.Content;
import io.roomqueues.protocol.MessageAssembler;
import io.roomqueues.protocol.ProtocolException;
import io.roomqueues.protocol.ProtocolMessage;
import io.roomqueues.protocol.WireCodec;
import io.roomqueues.token.ParticipantToken;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real {@link ParticipantConnection} over a stand-in for the container's WebSocket session, for unit tests of the
 * queue core: what it writes is kept and read back as responses, its writes can be made to fail, and the deliveries
 * other connections hand it wait until the test runs them (or run at once, if asked).
 */
final class StubConnection {

	static final WireCodec CODEC = new WireCodec(JsonMapper.builder().build());

	/** The response a connection wrote: the request id it answers and its content. */
	record Response(long id, Content content) {
	}

	final ParticipantConnection connection;

	private final List<ByteBuffer> written = new ArrayList<>();

	private final Queue<Runnable> deliveries = new ConcurrentLinkedQueue<>();

	/** What the connection asked of the session and its remote endpoint, in order: batching on and off, closes. */
	private final List<String> calls = Collections.synchronizedList(new ArrayList<>());

	private volatile @Nullable Throwable writeFailure;

	private volatile Runnable onBatchingOn = () -> {
	};

	private StubConnection(Room room, String participant, ServerLimits limits, boolean deliverAtOnce) {
		Executor executor = deliverAtOnce ? Runnable::run : this.deliveries::add;
		this.connection = new ParticipantConnection(session(), ParticipantToken.builder(participant).build(), room,
				CODEC, new MessageRouter(CODEC, new QueuesToolkit(CODEC.jsonMapper(), 1024)), limits, executor,
				(closed) -> {
				});
	}

	/** A connection whose deliveries from other connections wait for {@link #runDeliveries()}. */
	static StubConnection in(Room room, String participant, ServerLimits limits) {
		return new StubConnection(room, participant, limits, false);
	}

	/** A connection whose deliveries are written at once, on the thread that hands them over. */
	static StubConnection writingAtOnce(Room room, String participant, ServerLimits limits) {
		return new StubConnection(room, participant, limits, true);
	}

	/** Parks a receive as the {@code queues} toolkit does, and returns it. */
	ParkedReceive park(long requestId, String queue) {
		ParkedReceive receive = new ParkedReceive(this.connection, requestId, queue);
		this.connection.park(receive);
		return receive;
	}

	/** Runs the deliveries handed to this connection so far: the client reads. */
	void runDeliveries() {
		Runnable next;
		while ((next = this.deliveries.poll()) != null) {
			next.run();
		}
	}

	/** Makes every later write fail, as a socket that broke would. */
	void failWrites() {
		failWritesWith(new IOException("stub socket broke"));
	}

	/** Makes every later write throw this, as the container would. */
	void failWritesWith(Throwable failure) {
		this.writeFailure = failure;
	}

	/** Runs this each time the connection switches batching on, inside that call. */
	void onBatchingOn(Runnable action) {
		this.onBatchingOn = action;
	}

	/** The session calls so far: {@code batching on}, {@code flush}, {@code batching off}, {@code close}. */
	List<String> calls() {
		synchronized (this.calls) {
			return new ArrayList<>(this.calls);
		}
	}

	/** The responses written so far, in order. */
	List<Response> responses() {
		List<ByteBuffer> frames;
		synchronized (this.written) {
			frames = new ArrayList<>(this.written);
		}
		List<Response> responses = new ArrayList<>();
		MessageAssembler assembler = new MessageAssembler(WireCodec.DEFAULT_MAX_MESSAGE_SIZE);
		for (ByteBuffer frame : frames) {
			assembler.accept(frame.duplicate(), new MessageAssembler.Listener() {
				@Override
				public void onMessage(ProtocolMessage message) {
					try {
						responses.add(new Response(message.id(), CODEC.decodeResponse(message)));
					}
					catch (ProtocolException ex) {
						throw new IllegalStateException(ex);
					}
				}

				@Override
				public void onError(ProtocolException error) {
					throw new IllegalStateException(error);
				}
			});
		}
		return responses;
	}

	private Session session() {
		RemoteEndpoint.Basic remote = (RemoteEndpoint.Basic) Proxy.newProxyInstance(getClass().getClassLoader(),
				new Class<?>[] { RemoteEndpoint.Basic.class }, (proxy, method, args) -> {
					if (method.getName().equals("sendBinary") && args.length == 1) {
						Throwable failure = this.writeFailure;
						if (failure != null) {
							throw failure;
						}
						ByteBuffer frame = (ByteBuffer) args[0];
						ByteBuffer copy = ByteBuffer.allocate(frame.remaining()).put(frame.duplicate()).flip();
						synchronized (this.written) {
							this.written.add(copy);
						}
						return null;
					}
					if (method.getName().equals("setBatchingAllowed")) {
						if ((Boolean) args[0]) {
							this.onBatchingOn.run();
						}
						this.calls.add((Boolean) args[0] ? "batching on" : "batching off");
						return null;
					}
					if (method.getName().equals("flushBatch")) {
						this.calls.add("flush");
						return null;
					}
					if (method.getName().equals("sendPing")) {
						return null;
					}
					throw new UnsupportedOperationException(method.getName());
				});
		Map<String, Object> properties = new HashMap<>();
		return (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Session.class },
				(proxy, method, args) -> switch (method.getName()) {
					case "getBasicRemote" -> remote;
					case "getId" -> "stub";
					case "getUserProperties" -> properties;
					case "isOpen" -> true;
					case "close" -> {
						this.calls.add("close");
						yield null;
					}
					case "toString" -> "StubSession";
					case "hashCode" -> System.identityHashCode(proxy);
					case "equals" -> proxy == args[0];
					default -> throw new UnsupportedOperationException(method.getName());
				});
	}

}
