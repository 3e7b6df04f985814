package io.roomqueues.client.transport;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;

/**
 * The opening handshake of one Netty WebSocket: a status other than {@code 101} fails it with
 * {@link HandshakeRejectedException}; once it succeeds the session takes its place in the pipeline. Failure messages
 * never quote the URI, whose query may hold a token.
 */
final class NettyHandshake extends SimpleChannelInboundHandler<FullHttpResponse> {

	private final WebSocketClientHandshaker handshaker;

	private final NettyWebSocketSession session;

	private final CompletableFuture<WebSocketSession> result;

	NettyHandshake(WebSocketClientHandshaker handshaker, NettyWebSocketSession session,
			CompletableFuture<WebSocketSession> result) {
		this.handshaker = handshaker;
		this.session = session;
		this.result = result;
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) throws Exception {
		this.handshaker.handshake(ctx.channel()).addListener((sent) -> {
			if (!sent.isSuccess()) {
				fail(ctx, sent.cause());
			}
		});
		super.channelActive(ctx);
	}

	@Override
	protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
		if (!HttpResponseStatus.SWITCHING_PROTOCOLS.equals(response.status())) {
			fail(ctx, new HandshakeRejectedException(response.status().code()));
			return;
		}
		try {
			this.handshaker.finishHandshake(ctx.channel(), response);
		}
		catch (RuntimeException ex) {
			fail(ctx, new IOException("WebSocket handshake failed: " + ex.getMessage(), ex));
			return;
		}
		ctx.pipeline().replace(this, "room-session", this.session);
		if (!this.result.complete(this.session)) {
			// the caller gave up on this connection while it opened
			this.session.abort();
		}
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) throws Exception {
		fail(ctx, new IOException("connection closed during the WebSocket handshake"));
		super.channelInactive(ctx);
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		fail(ctx, cause);
	}

	private void fail(ChannelHandlerContext ctx, Throwable cause) {
		this.result.completeExceptionally(cause);
		ctx.close();
	}

}
