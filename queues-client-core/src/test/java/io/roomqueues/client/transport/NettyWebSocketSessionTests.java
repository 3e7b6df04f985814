package io.roomqueues.client.transport;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Netty session keeps the transport contract: whole messages, a close that never cuts one and reads on until the
 * server's close frame, pings answered, pongs reported, one {@code onClose}.
 */
class NettyWebSocketSessionTests {

	private final List<String> events = new ArrayList<>();

	private final NettyWebSocketSession session = new NettyWebSocketSession(new WebSocketHandler() {
		@Override
		public void onFrame(ByteBuffer frame) {
			events.add("frame " + StandardCharsets.UTF_8.decode(frame));
		}

		@Override
		public void onPong() {
			events.add("pong");
		}

		@Override
		public void onClose(int code, String reason) {
			events.add("close " + code + " " + reason);
		}
	}, 16);

	private final EmbeddedChannel channel = new EmbeddedChannel(this.session);

	@Test
	void theFramesOfAMessageAreWrittenTogetherAndACloseWaitsForThem() {
		CompletableFuture<Void> first = this.session.send(frames("a", "b", "c"));
		CompletableFuture<Void> second = this.session.send(frames("d", "e"));
		this.session.close(1000, "closing");
		this.channel.runPendingTasks();

		assertThat(written()).containsExactly("a", "b", "c", "d", "e", "close 1000 closing");
		assertThat(first).isCompleted();
		assertThat(second).isCompleted();
	}

	@Test
	void aMessageSentAfterTheCloseIsRefused() {
		this.session.close(1000, "closing");
		CompletableFuture<Void> late = this.session.send(frames("late"));
		this.channel.runPendingTasks();

		assertThat(late).isCompletedExceptionally();
		assertThat(written()).containsExactly("close 1000 closing");
	}

	@Test
	void afterItsCloseTheSessionReadsOnUntilTheServersCloseFrame() {
		this.session.close(1000, "closing");
		this.channel.runPendingTasks();

		this.channel.writeInbound(new BinaryWebSocketFrame(Unpooled.copiedBuffer("late answer", StandardCharsets.UTF_8)));
		assertThat(this.events).containsExactly("frame late answer");
		assertThat(this.channel.isOpen()).isTrue();

		this.channel.writeInbound(new CloseWebSocketFrame(1000, "bye"));
		assertThat(this.events).containsExactly("frame late answer", "close 1000 bye");
		assertThat(this.channel.isOpen()).isFalse();
	}

	@Test
	void theServersCloseIsAnsweredAndReportedOnce() {
		this.channel.writeInbound(new CloseWebSocketFrame(1001, "going away"));
		this.channel.runPendingTasks();

		assertThat(written()).containsExactly("close 1001 ");
		assertThat(this.events).containsExactly("close 1001 going away");
		assertThat(this.session.send(frames("x"))).isCompletedExceptionally();
	}

	@Test
	void pingsAreAnsweredAndPongsReported() {
		this.channel.writeInbound(new PingWebSocketFrame(Unpooled.wrappedBuffer(new byte[] { 1, 2 })));
		this.channel.writeInbound(new PongWebSocketFrame());

		Object pong = this.channel.readOutbound();
		assertThat(pong).isInstanceOf(PongWebSocketFrame.class);
		assertThat(((PongWebSocketFrame) pong).content().readableBytes()).isEqualTo(2);
		((PongWebSocketFrame) pong).release();
		assertThat(this.events).containsExactly("pong");
		assertThat(this.session.ping()).isCompleted();
		assertThat(this.channel.<Object>readOutbound()).isInstanceOf(PingWebSocketFrame.class);
	}

	@Test
	void fragmentsAreJoinedTextIsReadAsItsBytesAndAMessageOverTheLimitCloses1009() {
		this.channel.writeInbound(new BinaryWebSocketFrame(false, 0, Unpooled.copiedBuffer("ab", StandardCharsets.UTF_8)));
		this.channel.writeInbound(new ContinuationWebSocketFrame(true, 0, Unpooled.copiedBuffer("cd", StandardCharsets.UTF_8)));
		this.channel.writeInbound(new TextWebSocketFrame("\u00e9"));
		this.channel.writeInbound(new BinaryWebSocketFrame(false, 0, Unpooled.wrappedBuffer(new byte[10])));
		this.channel.writeInbound(new ContinuationWebSocketFrame(true, 0, Unpooled.wrappedBuffer(new byte[7])));

		assertThat(this.events).containsExactly("frame abcd", "frame \u00e9", "close 1006 connection aborted");
		assertThat(written()).containsExactly("close 1009 message larger than 16 bytes");
		assertThat(this.channel.isOpen()).isFalse();
	}

	@Test
	void anAbortIsReportedOnceAndFailsWhatWaits() {
		this.session.abort();
		this.channel.runPendingTasks();

		assertThat(this.events).containsExactly("close 1006 connection aborted");
		assertThat(this.session.send(frames("x"))).isCompletedExceptionally();
		assertThat(this.session.ping()).isCompletedExceptionally();
	}

	private List<String> written() {
		List<String> written = new ArrayList<>();
		Object message;
		while ((message = this.channel.readOutbound()) != null) {
			if (message instanceof CloseWebSocketFrame close) {
				written.add("close " + close.statusCode() + " " + close.reasonText());
			}
			else {
				written.add(((WebSocketFrame) message).content().toString(StandardCharsets.UTF_8));
			}
			((WebSocketFrame) message).release();
		}
		return written;
	}

	private static ByteBuffer[] frames(String... names) {
		ByteBuffer[] frames = new ByteBuffer[names.length];
		for (int i = 0; i < names.length; i++) {
			frames[i] = ByteBuffer.wrap(names[i].getBytes(StandardCharsets.UTF_8));
		}
		return frames;
	}

}
