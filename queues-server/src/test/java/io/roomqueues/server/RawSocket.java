package io.roomqueues.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * A plain TCP client for tests of connections that misbehave below the WebSocket layer: one that never sends its
 * upgrade request, one that upgrades and then never sends a frame, not even a pong, or one that never answers a close.
 */
final class RawSocket implements AutoCloseable {

	private final Socket socket;

	private final ByteArrayOutputStream received = new ByteArrayOutputStream();

	private RawSocket(Socket socket) {
		this.socket = socket;
	}

	/** Connects and sends nothing. */
	static RawSocket connect(int port) {
		try {
			return new RawSocket(new Socket(InetAddress.getLoopbackAddress(), port));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Connects and upgrades to a room, then stays silent; the response headers are read. */
	static RawSocket upgrade(RoomServer server, String room, String participant) throws IOException {
		RawSocket raw = connect(server.port());
		raw.sendUpgrade(server.port(), "/rooms/" + room + "?token=" + server.token(participant, room));
		String headers = raw.readHeaders();
		if (!headers.startsWith("HTTP/1.1 101")) {
			raw.close();
			throw new IOException("upgrade refused: " + headers);
		}
		return raw;
	}

	/** Sends one masked WebSocket text frame of at most 125 bytes, as a client must mask what it sends. */
	void sendText(String text) throws IOException {
		byte[] payload = text.getBytes(StandardCharsets.UTF_8);
		if (payload.length > 125) {
			throw new IllegalArgumentException("a one-byte length holds at most 125 bytes, not " + payload.length);
		}
		byte[] mask = { 1, 2, 3, 4 };
		byte[] frame = new byte[6 + payload.length];
		frame[0] = (byte) 0x81;
		frame[1] = (byte) (0x80 | payload.length);
		System.arraycopy(mask, 0, frame, 2, 4);
		for (int i = 0; i < payload.length; i++) {
			frame[6 + i] = (byte) (payload[i] ^ mask[i % 4]);
		}
		this.socket.getOutputStream().write(frame);
		this.socket.getOutputStream().flush();
	}

	/** Sends an upgrade request that the server refuses, and returns {@code <status>:<body>}. */
	static String refusal(int port, String pathAndQuery) {
		try (RawSocket raw = connect(port)) {
			raw.sendUpgrade(port, pathAndQuery);
			String headers = raw.readHeaders();
			int length = 0;
			for (String line : headers.split("\r\n")) {
				if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
					length = Integer.parseInt(line.substring(15).trim());
				}
			}
			byte[] body = raw.socket.getInputStream().readNBytes(length);
			return headers.substring(9, 12) + ":" + new String(body, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void sendUpgrade(int port, String pathAndQuery) throws IOException {
		String request = "GET " + pathAndQuery + " HTTP/1.1\r\n"
				+ "Host: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
				+ "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(new byte[16]) + "\r\n"
				+ "Sec-WebSocket-Version: 13\r\n\r\n";
		this.socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
		this.socket.getOutputStream().flush();
	}

	/**
	 * Reads until the server closes the connection.
	 * @return whether it closed within the time given
	 */
	boolean closedWithin(Duration timeout) throws IOException {
		this.socket.setSoTimeout((int) timeout.toMillis());
		InputStream in = this.socket.getInputStream();
		byte[] buffer = new byte[8192];
		long deadline = System.nanoTime() + timeout.toNanos();
		try {
			int read;
			while ((read = in.read(buffer)) >= 0) {
				this.received.write(buffer, 0, read);
				if (System.nanoTime() > deadline) {
					return false;
				}
			}
			return true;
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
		catch (IOException ex) {
			// a reset is a close too
			return true;
		}
	}

	/** What the server sent after the headers, as ISO-8859-1 text, to look for a close reason. */
	String received() {
		return this.received.toString(StandardCharsets.ISO_8859_1);
	}

	private String readHeaders() throws IOException {
		this.socket.setSoTimeout(5000);
		InputStream in = this.socket.getInputStream();
		StringBuilder headers = new StringBuilder();
		while (!headers.toString().endsWith("\r\n\r\n")) {
			int next = in.read();
			if (next < 0) {
				break;
			}
			headers.append((char) next);
		}
		return headers.toString();
	}

	@Override
	public void close() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// closing is best effort
		}
	}

}
