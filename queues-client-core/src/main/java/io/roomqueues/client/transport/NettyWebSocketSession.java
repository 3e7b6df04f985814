package io.roomqueues.client.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import io.roomqueues.protocol.FrameAccumulator;
import org.jspecify.annotations.Nullable;

/**
 * One Netty WebSocket after its handshake. Messages wait in a queue that the event loop writes out in order, every
 * frame of one message in the same task (so two messages never interleave), with one flush for all that was waiting;
 * a close waits in the same queue, so its close frame never cuts a message. After sending its close frame the session
 * reads on until the server's close frame, which it answers by closing the connection.
 */
final class NettyWebSocketSession extends ChannelInboundHandlerAdapter implements WebSocketSession {

	/** A message to write, or a close frame when {@code closeReason} is set. */
	private record Outgoing(ByteBuffer[] frames, CompletableFuture<Void> done, int closeCode,
			@Nullable String closeReason) {

		Outgoing(ByteBuffer[] frames) {
			this(frames, new CompletableFuture<>(), 0, null);
		}

		boolean isClose() {
			return this.closeReason != null;
		}

	}

	private final WebSocketHandler handler;

	private final int maxFrameSize;

	private final FrameAccumulator frames;

	private final ConcurrentLinkedQueue<Outgoing> queue = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean scheduled = new AtomicBoolean();

	private final AtomicBoolean closeReported = new AtomicBoolean();

	private volatile @Nullable Channel channel;

	private volatile @Nullable Throwable failure;

	/** Whether this side sent its close frame; only touched on the event loop. */
	private boolean closeSent;

	NettyWebSocketSession(WebSocketHandler handler, int maxFrameSize) {
		this.handler = handler;
		this.maxFrameSize = maxFrameSize;
		this.frames = new FrameAccumulator(maxFrameSize);
	}

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) {
		this.channel = ctx.channel();
	}

	@Override
	public CompletableFuture<Void> send(ByteBuffer[] frames) {
		Outgoing outgoing = new Outgoing(frames);
		enqueue(outgoing);
		return outgoing.done();
	}

	@Override
	public CompletableFuture<Void> ping() {
		Channel open = this.channel;
		if (open == null || !open.isActive() || this.failure != null) {
			return CompletableFuture.failedFuture(new IOException("connection is closed"));
		}
		CompletableFuture<Void> pinged = new CompletableFuture<>();
		open.writeAndFlush(new PingWebSocketFrame()).addListener((written) -> {
			if (written.isSuccess()) {
				pinged.complete(null);
			}
			else {
				pinged.completeExceptionally(written.cause());
			}
		});
		return pinged;
	}

	@Override
	public void close(int code, String reason) {
		if (this.failure == null) {
			enqueue(new Outgoing(new ByteBuffer[0], new CompletableFuture<>(), code, reason));
		}
	}

	/** Drops the connection and reports it to the handler as {@code 1006} at once. */
	@Override
	public void abort() {
		closed(new IOException("connection aborted"));
		reportClose(1006, "connection aborted");
		Channel open = this.channel;
		if (open != null) {
			open.close();
		}
	}

	private void enqueue(Outgoing outgoing) {
		Throwable failed = this.failure;
		Channel open = this.channel;
		if (failed != null || open == null) {
			outgoing.done().completeExceptionally((failed != null) ? failed : new IOException("connection is not open"));
			return;
		}
		this.queue.add(outgoing);
		if (this.scheduled.compareAndSet(false, true)) {
			open.eventLoop().execute(this::writeQueued);
		}
	}

	/** Runs on the event loop: writes every waiting message, each whole, then flushes once. */
	private void writeQueued() {
		this.scheduled.set(false);
		Channel open = this.channel;
		Outgoing outgoing;
		boolean wrote = false;
		while ((outgoing = this.queue.poll()) != null) {
			Throwable failed = this.failure;
			if (failed != null || this.closeSent) {
				outgoing.done().completeExceptionally((failed != null) ? failed : new IOException("connection is closing"));
				continue;
			}
			if (outgoing.isClose()) {
				this.closeSent = true;
				open.writeAndFlush(new CloseWebSocketFrame(outgoing.closeCode(), outgoing.closeReason()))
					.addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
				outgoing.done().complete(null);
				continue;
			}
			write(open, outgoing);
			wrote = true;
		}
		if (wrote) {
			open.flush();
		}
	}

	private void write(Channel open, Outgoing outgoing) {
		ByteBuffer[] parts = outgoing.frames();
		for (int i = 0; i < parts.length - 1; i++) {
			open.write(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(parts[i])), open.voidPromise());
		}
		ChannelPromise written = open.newPromise();
		written.addListener((done) -> {
			if (done.isSuccess()) {
				outgoing.done().complete(null);
			}
			else {
				outgoing.done().completeExceptionally(done.cause());
			}
		});
		if (parts.length == 0) {
			written.setSuccess();
			return;
		}
		open.write(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(parts[parts.length - 1])), written);
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object message) {
		try {
			if (message instanceof BinaryWebSocketFrame || message instanceof TextWebSocketFrame
					|| message instanceof ContinuationWebSocketFrame) {
				data(ctx, (WebSocketFrame) message);
			}
			else if (message instanceof PingWebSocketFrame ping) {
				ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
			}
			else if (message instanceof PongWebSocketFrame) {
				this.handler.onPong();
			}
			else if (message instanceof CloseWebSocketFrame close) {
				closeFrame(ctx, close);
			}
		}
		finally {
			ReferenceCountUtil.release(message);
		}
	}

	private void data(ChannelHandlerContext ctx, WebSocketFrame frame) {
		ByteBuffer whole;
		try {
			whole = this.frames.add(frame.content().nioBuffer(), frame.isFinalFragment());
		}
		catch (IllegalStateException ex) {
			ctx.writeAndFlush(new CloseWebSocketFrame(1009, "message larger than " + this.maxFrameSize + " bytes"));
			abort();
			return;
		}
		if (whole != null) {
			this.handler.onFrame(whole);
		}
	}

	/** The server's close frame: answered, unless it answers ours, and the connection closes. */
	private void closeFrame(ChannelHandlerContext ctx, CloseWebSocketFrame close) {
		int code = (close.statusCode() == -1) ? 1005 : close.statusCode();
		String reason = String.valueOf(close.reasonText());
		closed(new IOException("connection closed: " + code + " " + reason));
		if (this.closeSent) {
			ctx.close();
		}
		else {
			this.closeSent = true;
			ctx.writeAndFlush(new CloseWebSocketFrame((code == 1005) ? 1000 : code, ""))
				.addListener(ChannelFutureListener.CLOSE);
		}
		reportClose(code, reason);
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		closed(new IOException("connection lost"));
		reportClose(1006, "connection lost");
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		ctx.close();
		closed(cause);
		reportClose(1006, String.valueOf(cause.getMessage()));
	}

	private void reportClose(int code, String reason) {
		if (this.closeReported.compareAndSet(false, true)) {
			this.handler.onClose(code, reason);
		}
	}

	/** Refuses further messages and fails those still waiting. */
	private void closed(Throwable cause) {
		if (this.failure == null) {
			this.failure = cause;
		}
		Outgoing outgoing;
		while ((outgoing = this.queue.poll()) != null) {
			outgoing.done().completeExceptionally(cause);
		}
	}

}
