package io.roomqueues.client.transport;

import java.io.IOException;
import java.net.URI;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.jspecify.annotations.Nullable;

/**
 * The transport on Netty's WebSocket client, an optional dependency ({@code io.netty:netty-codec-http}): the frames of
 * a message are written together and flushed with whatever else is waiting in one socket write, frames are masked
 * with a fast random number instead of {@code SecureRandom}, and everything a connection does runs on one event loop
 * thread. {@code wss:} through a given {@link SSLContext} (the JVM's default otherwise), with host name verification.
 */
public final class NettyWebSocketTransport implements WebSocketTransport {

	private final EventLoopGroup group;

	private final boolean ownsGroup;

	private final int maxFrameSize;

	private final @Nullable SSLContext sslContext;

	/** One event loop thread of its own, the JVM's default TLS settings, frames of up to 16 MiB. */
	public NettyWebSocketTransport() {
		this(1, JdkWebSocketTransport.DEFAULT_MAX_FRAME_SIZE, null);
	}

	/**
	 * A transport with its own event loop threads, ended by {@link #close()}, which the room client that uses it
	 * calls when it closes: give each room client its own.
	 * @param threads the event loop threads its connections share
	 * @param maxFrameSize the largest single WebSocket message accepted from the server
	 * @param sslContext the TLS settings for {@code wss:}, or {@code null} for the JVM's default
	 */
	public NettyWebSocketTransport(int threads, int maxFrameSize, @Nullable SSLContext sslContext) {
		this(new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("room-client-netty", true),
				NioIoHandler.newFactory()), true, maxFrameSize, sslContext);
	}

	/**
	 * A transport on an event loop group of the application's, which {@link #close()} leaves running: one such
	 * transport may serve any number of room clients.
	 * @param group the event loops the connections run on
	 * @param maxFrameSize the largest single WebSocket message accepted from the server
	 * @param sslContext the TLS settings for {@code wss:}, or {@code null} for the JVM's default
	 */
	public NettyWebSocketTransport(EventLoopGroup group, int maxFrameSize, @Nullable SSLContext sslContext) {
		this(group, false, maxFrameSize, sslContext);
	}

	private NettyWebSocketTransport(EventLoopGroup group, boolean ownsGroup, int maxFrameSize,
			@Nullable SSLContext sslContext) {
		this.group = group;
		this.ownsGroup = ownsGroup;
		this.maxFrameSize = maxFrameSize;
		this.sslContext = sslContext;
	}

	@Override
	public CompletableFuture<WebSocketSession> connect(URI uri, Map<String, String> headers, Duration timeout,
			WebSocketHandler handler) {
		CompletableFuture<WebSocketSession> result = new CompletableFuture<>();
		boolean secure = "wss".equalsIgnoreCase(uri.getScheme());
		String host = uri.getHost();
		int port = (uri.getPort() != -1) ? uri.getPort() : (secure ? 443 : 80);
		HttpHeaders handshakeHeaders = new DefaultHttpHeaders();
		headers.forEach(handshakeHeaders::add);
		WebSocketClientHandshaker handshaker = WebSocketClientHandshakerFactory.newHandshaker(uri, WebSocketVersion.V13,
				null, false, handshakeHeaders, this.maxFrameSize);
		NettyWebSocketSession session = new NettyWebSocketSession(handler, this.maxFrameSize);
		SSLContext tls;
		try {
			tls = secure ? tls() : null;
		}
		catch (IOException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		Bootstrap bootstrap = new Bootstrap().group(this.group)
			.channel(NioSocketChannel.class)
			.option(ChannelOption.TCP_NODELAY, true)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
			.handler(new ChannelInitializer<SocketChannel>() {
				@Override
				protected void initChannel(SocketChannel channel) {
					ChannelPipeline pipeline = channel.pipeline();
					if (tls != null) {
						pipeline.addLast(new SslHandler(verifyingHost(tls.createSSLEngine(host, port))));
					}
					pipeline.addLast(new HttpClientCodec(), new HttpObjectAggregator(64 * 1024),
							new NettyHandshake(handshaker, session, result));
				}
			});
		ChannelFuture connecting = bootstrap.connect(host, port);
		Channel channel = connecting.channel();
		connecting.addListener((done) -> {
			if (!done.isSuccess()) {
				result.completeExceptionally(done.cause());
			}
		});
		var expiry = channel.eventLoop().schedule(() -> {
			if (result.completeExceptionally(new IOException("WebSocket handshake took longer than "
					+ timeout.toMillis() + " ms"))) {
				channel.close();
			}
		}, timeout.toNanos(), TimeUnit.NANOSECONDS);
		result.whenComplete((opened, error) -> {
			expiry.cancel(false);
			if (error != null) {
				// failed, timed out or cancelled by the caller: the connection goes
				channel.close();
			}
		});
		return result;
	}

	/** Ends the event loop threads this transport made, at once; never waits for open WebSockets. */
	@Override
	public void close() {
		if (this.ownsGroup) {
			this.group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
		}
	}

	private SSLContext tls() throws IOException {
		try {
			return (this.sslContext != null) ? this.sslContext : SSLContext.getDefault();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IOException("no TLS context for wss: " + ex.getMessage(), ex);
		}
	}

	/** A client engine that checks the server's certificate is for the host, as the JDK's HTTP client does. */
	private static SSLEngine verifyingHost(SSLEngine engine) {
		engine.setUseClientMode(true);
		SSLParameters parameters = engine.getSSLParameters();
		parameters.setEndpointIdentificationAlgorithm("HTTPS");
		engine.setSSLParameters(parameters);
		return engine;
	}

}
