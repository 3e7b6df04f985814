package io.roomqueues.bench;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import io.roomqueues.client.transport.WebSocketHandler;
import io.roomqueues.protocol.MessageAssembler;
import io.roomqueues.protocol.MessageTypes;
import io.roomqueues.protocol.ProtocolException;
import io.roomqueues.protocol.ProtocolMessage;
import io.roomqueues.protocol.WireCodec;

/** A WebSocket handler that records what reaches it, in order, for checking a transport's close contract. */
final class RecordingHandler implements WebSocketHandler, MessageAssembler.Listener {

	/** Counted down by room_ready and by connected. */
	final CountDownLatch greeted = new CountDownLatch(2);

	final CountDownLatch closed = new CountDownLatch(1);

	private final MessageAssembler assembler = new MessageAssembler(WireCodec.DEFAULT_MAX_MESSAGE_SIZE);

	private final List<String> events = new ArrayList<>();

	synchronized void event(String event) {
		this.events.add(event);
	}

	synchronized List<String> events() {
		return new ArrayList<>(this.events);
	}

	@Override
	public void onFrame(ByteBuffer frame) {
		this.assembler.accept(frame, this);
	}

	@Override
	public void onClose(int code, String reason) {
		event("onClose " + code + (reason.isEmpty() ? "" : " " + reason));
		this.closed.countDown();
	}

	@Override
	public void onMessage(ProtocolMessage message) {
		switch (message.type()) {
			case MessageTypes.ROOM_READY, MessageTypes.CONNECTED -> this.greeted.countDown();
			case MessageTypes.RESPONSE -> event("response " + message.id());
			default -> event(message.type());
		}
	}

	@Override
	public void onError(ProtocolException error) {
		event("malformed: " + error.getMessage());
	}

	/** The events with runs of the same kind folded into one, e.g. "response x200, onClose 1000". */
	static String summarize(List<String> events) {
		List<String> compact = new ArrayList<>();
		String last = null;
		int repeats = 0;
		for (String event : events) {
			String kind = event.startsWith("response") ? "response" : event;
			if (kind.equals(last)) {
				repeats++;
				continue;
			}
			if (last != null) {
				compact.add(last + ((repeats > 1) ? " x" + repeats : ""));
			}
			last = kind;
			repeats = 1;
		}
		if (last != null) {
			compact.add(last + ((repeats > 1) ? " x" + repeats : ""));
		}
		return String.join(", ", compact);
	}

}
