package io.roomqueues.server.junit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay on 127.0.0.1 for tests of dead peers: it forwards bytes between clients and a target until told to
 * {@linkplain #freeze() freeze} (it then holds everything without closing anything, as a network that silently drops
 * packets does), {@linkplain #heal() heal} (what it held goes on) or {@linkplain #cut() cut} every connection at once.
 *
 * <pre>{@code
 * try (TcpRelay relay = TcpRelay.start(server.port())) {
 *     RoomClient client = RoomClient.builder().url("ws://127.0.0.1:" + relay.port())...;
 *     relay.freeze();
 * }
 * }</pre>
 */
public final class TcpRelay implements AutoCloseable {

	private static final int BUFFER_SIZE = 16 * 1024;

	private final ServerSocket listener;

	private final int targetPort;

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private final AtomicLong bytesToTarget = new AtomicLong();

	private final AtomicLong bytesFromTarget = new AtomicLong();

	private final Object gate = new Object();

	private boolean frozen;

	private volatile boolean closed;

	private TcpRelay(ServerSocket listener, int targetPort) {
		this.listener = listener;
		this.targetPort = targetPort;
	}

	/** Starts a relay to a port of 127.0.0.1. */
	public static TcpRelay start(int targetPort) {
		try {
			ServerSocket listener = new ServerSocket();
			listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			TcpRelay relay = new TcpRelay(listener, targetPort);
			daemon("tcp-relay-accept", relay::accept).start();
			return relay;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The port clients connect to. */
	public int port() {
		return this.listener.getLocalPort();
	}

	/** Stops forwarding in both directions, closing nothing; new connections are accepted but frozen too. */
	public void freeze() {
		synchronized (this.gate) {
			this.frozen = true;
		}
	}

	/** Forwards again, starting with what was held while frozen. */
	public void heal() {
		synchronized (this.gate) {
			this.frozen = false;
			this.gate.notifyAll();
		}
	}

	/** Resets every open connection at once (TCP RST), as a crashed peer or a dropped route does. */
	public void cut() {
		for (Socket socket : this.sockets) {
			try {
				socket.setSoLinger(true, 0);
			}
			catch (SocketException ex) {
				// already closed
			}
			closeQuietly(socket);
		}
		this.sockets.clear();
	}

	/** Bytes forwarded from clients to the target so far. */
	public long bytesToTarget() {
		return this.bytesToTarget.get();
	}

	/** Bytes forwarded from the target to clients so far. */
	public long bytesFromTarget() {
		return this.bytesFromTarget.get();
	}

	@Override
	public void close() {
		this.closed = true;
		heal();
		closeQuietly(this.listener);
		cut();
	}

	private void accept() {
		while (!this.closed) {
			Socket client;
			try {
				client = this.listener.accept();
			}
			catch (IOException ex) {
				return;
			}
			try {
				Socket target = new Socket(InetAddress.getLoopbackAddress(), this.targetPort);
				this.sockets.add(client);
				this.sockets.add(target);
				daemon("tcp-relay-up", () -> pump(client, target, this.bytesToTarget)).start();
				daemon("tcp-relay-down", () -> pump(target, client, this.bytesFromTarget)).start();
			}
			catch (IOException ex) {
				closeQuietly(client);
			}
		}
	}

	private void pump(Socket from, Socket to, AtomicLong counter) {
		byte[] buffer = new byte[BUFFER_SIZE];
		try {
			InputStream in = from.getInputStream();
			OutputStream out = to.getOutputStream();
			int read;
			while ((read = in.read(buffer)) >= 0) {
				awaitThawed();
				out.write(Arrays.copyOf(buffer, read));
				out.flush();
				counter.addAndGet(read);
			}
			awaitThawed();
			to.shutdownOutput();
		}
		catch (IOException | InterruptedException ex) {
			closeQuietly(from);
			closeQuietly(to);
		}
	}

	private void awaitThawed() throws InterruptedException {
		synchronized (this.gate) {
			while (this.frozen) {
				this.gate.wait();
			}
		}
	}

	private static Thread daemon(String name, Runnable task) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		return thread;
	}

	private static void closeQuietly(AutoCloseable closeable) {
		try {
			closeable.close();
		}
		catch (Exception ex) {
			// closing is best effort
		}
	}

}
