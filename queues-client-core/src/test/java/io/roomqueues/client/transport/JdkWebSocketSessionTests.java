package io.roomqueues.client.transport;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The JDK session writes whole messages: a close never cuts one between two of its frames. */
class JdkWebSocketSessionTests {

	private final RecordingWebSocket socket = new RecordingWebSocket();

	private final JdkWebSocketSession session = new JdkWebSocketSession(new WebSocketHandler() {
		@Override
		public void onFrame(ByteBuffer frame) {
		}

		@Override
		public void onClose(int code, String reason) {
		}
	}, 1024);

	@Test
	void aCloseWaitsForTheMessageBeingWrittenToBeWhole() {
		this.session.attach(this.socket);
		CompletableFuture<Void> sent = this.session.send(frames("a", "b", "c"));

		this.session.close(1000, "closing");

		assertThat(this.socket.written).containsExactly("a");
		this.socket.completeWrites();
		assertThat(this.socket.written).containsExactly("a", "b", "c", "close 1000");
		assertThat(sent).isCompleted();
	}

	@Test
	void aMessageSentAfterTheCloseIsRefused() {
		this.session.attach(this.socket);
		this.session.close(1000, "closing");

		assertThat(this.session.send(frames("late"))).isCompletedExceptionally();
		assertThat(this.socket.written).containsExactly("close 1000");
	}

	private static ByteBuffer[] frames(String... names) {
		ByteBuffer[] frames = new ByteBuffer[names.length];
		for (int i = 0; i < names.length; i++) {
			frames[i] = ByteBuffer.wrap(names[i].getBytes());
		}
		return frames;
	}

	/** A JDK WebSocket whose binary writes complete only when told, as a slow network's do. */
	static final class RecordingWebSocket implements WebSocket {

		final List<String> written = new ArrayList<>();

		private final List<CompletableFuture<WebSocket>> inFlight = new ArrayList<>();

		private boolean outputClosed;

		void completeWrites() {
			while (!this.inFlight.isEmpty()) {
				this.inFlight.remove(0).complete(this);
			}
		}

		@Override
		public CompletableFuture<WebSocket> sendBinary(ByteBuffer data, boolean last) {
			byte[] bytes = new byte[data.remaining()];
			data.get(bytes);
			this.written.add(new String(bytes));
			CompletableFuture<WebSocket> write = new CompletableFuture<>();
			this.inFlight.add(write);
			return write;
		}

		@Override
		public CompletableFuture<WebSocket> sendClose(int statusCode, String reason) {
			this.written.add("close " + statusCode);
			this.outputClosed = true;
			return CompletableFuture.completedFuture(this);
		}

		@Override
		public CompletableFuture<WebSocket> sendText(CharSequence data, boolean last) {
			throw new UnsupportedOperationException();
		}

		@Override
		public CompletableFuture<WebSocket> sendPing(ByteBuffer message) {
			return CompletableFuture.completedFuture(this);
		}

		@Override
		public CompletableFuture<WebSocket> sendPong(ByteBuffer message) {
			return CompletableFuture.completedFuture(this);
		}

		@Override
		public void request(long n) {
		}

		@Override
		public String getSubprotocol() {
			return "";
		}

		@Override
		public boolean isOutputClosed() {
			return this.outputClosed;
		}

		@Override
		public boolean isInputClosed() {
			return false;
		}

		@Override
		public void abort() {
			this.outputClosed = true;
		}

	}

}
