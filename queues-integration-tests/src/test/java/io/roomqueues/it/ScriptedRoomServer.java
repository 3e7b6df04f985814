package io.roomqueues.it;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.roomqueues.protocol.Content;
import io.roomqueues.protocol.JsonContent;
import io.roomqueues.protocol.MessageAssembler;
import io.roomqueues.protocol.MessageTypes;
import io.roomqueues.protocol.ProtocolException;
import io.roomqueues.protocol.ProtocolMessage;
import io.roomqueues.protocol.WireCodec;
import tools.jackson.databind.json.JsonMapper;

/**
 * A deliberately misbehaving room server on a raw socket, for client tests the real server cannot provoke: it can
 * leave out the {@code connected} greeting, and answers each request with whatever content the test scripts.
 */
final class ScriptedRoomServer implements AutoCloseable {

	private static final WireCodec CODEC = new WireCodec(JsonMapper.builder().build());

	private final ServerSocket serverSocket;

	private final boolean greet;

	private final Function<ProtocolMessage, Content> responder;

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	final AtomicInteger upgrades = new AtomicInteger();

	final AtomicInteger accepted = new AtomicInteger();

	/** The request line and headers of each upgrade request, one string per request. */
	final List<String> handshakes = new CopyOnWriteArrayList<>();

	/** Connections the client closed while the server had not answered their upgrade. */
	final AtomicInteger unansweredClosedByClient = new AtomicInteger();

	/** Queue sends seen, as {@code queue:message}. */
	final List<String> sends = new CopyOnWriteArrayList<>();

	private boolean answerParkedReceivesOnClose;

	private java.time.@org.jspecify.annotations.Nullable Duration lateReceiveDelay;

	private boolean answerSendsOnClose;

	private @org.jspecify.annotations.Nullable String closeOnRequest;

	private int closeCode;

	private final boolean answerUpgrades;

	private ScriptedRoomServer(boolean answerUpgrades, boolean greet, Function<ProtocolMessage, Content> responder)
			throws IOException {
		this.serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.answerUpgrades = answerUpgrades;
		this.greet = greet;
		this.responder = responder;
		Thread acceptor = new Thread(this::accept, "scripted-room-server");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	/** Upgrades and then sends nothing at all. */
	static ScriptedRoomServer silent() throws IOException {
		return new ScriptedRoomServer(true, false, (message) -> {
			throw new IllegalStateException("never asked");
		});
	}

	/** Greets properly and answers every request with the responder's content; {@code null} leaves it unanswered. */
	static ScriptedRoomServer answering(Function<ProtocolMessage, Content> responder) throws IOException {
		return new ScriptedRoomServer(true, true, responder);
	}

	/**
	 * Parks every receive and, when the client sends its close frame, first answers each parked receive with a
	 * message {@code {"late": n}}, as a real server may while a close crosses a delivery; records queue sends.
	 */
	static ScriptedRoomServer handingMessagesToClosingClients() throws IOException {
		ScriptedRoomServer server = new ScriptedRoomServer(true, true, null);
		server.answerParkedReceivesOnClose = true;
		return server;
	}

	/**
	 * Greets, answers each receive with a message {@code {"late": n}} only after a delay, and records queue sends; for
	 * receives whose callers gave up before the answer.
	 */
	static ScriptedRoomServer answeringReceivesLate(java.time.Duration delay) throws IOException {
		ScriptedRoomServer server = new ScriptedRoomServer(true, true, null);
		server.lateReceiveDelay = delay;
		return server;
	}

	/** Greets, records queue sends and answers them only when the client sends its close frame. */
	static ScriptedRoomServer answeringSendsOnlyOnClose() throws IOException {
		ScriptedRoomServer server = new ScriptedRoomServer(true, true, null);
		server.answerSendsOnClose = true;
		return server;
	}

	/** Greets, then answers the first request by closing the connection with this code and reason. */
	static ScriptedRoomServer closingOnFirstRequest(int code, String reason) throws IOException {
		ScriptedRoomServer server = new ScriptedRoomServer(true, true, null);
		server.closeCode = code;
		server.closeOnRequest = reason;
		return server;
	}

	/** Accepts TCP connections and never answers the upgrade request. */
	static ScriptedRoomServer blackHole() throws IOException {
		return new ScriptedRoomServer(false, false, (message) -> null);
	}

	String url() {
		return "ws://127.0.0.1:" + this.serverSocket.getLocalPort();
	}

	@Override
	public void close() throws IOException {
		this.serverSocket.close();
		for (Socket socket : this.sockets) {
			socket.close();
		}
	}

	private void accept() {
		while (!this.serverSocket.isClosed()) {
			try {
				Socket socket = this.serverSocket.accept();
				this.accepted.incrementAndGet();
				this.sockets.add(socket);
				if (!this.answerUpgrades) {
					Thread reader = new Thread(() -> awaitClientClose(socket), "scripted-black-hole");
					reader.setDaemon(true);
					reader.start();
					continue;
				}
				Thread connection = new Thread(() -> serve(socket), "scripted-room-connection");
				connection.setDaemon(true);
				connection.start();
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void serve(Socket socket) {
		try (socket) {
			InputStream in = socket.getInputStream();
			OutputStream out = socket.getOutputStream();
			this.handshakes.add(upgrade(in, out));
			this.upgrades.incrementAndGet();
			if (this.greet) {
				write(out, CODEC.encode(0, MessageTypes.ROOM_READY, CODEC.jsonMapper().readTree(
						"{\"room_name\":\"scripted\",\"room_url\":\"x\",\"session_id\":\"s\"}")));
				write(out, CODEC.encode(1, MessageTypes.CONNECTED, CODEC.jsonMapper().readTree(
						"{\"type\":\"init\",\"participantId\":\"p\",\"attributes\":{}}")));
			}
			MessageAssembler assembler = new MessageAssembler(WireCodec.DEFAULT_MAX_MESSAGE_SIZE);
			DataInputStream data = new DataInputStream(in);
			List<Long> parked = new CopyOnWriteArrayList<>();
			while (true) {
				ByteBuffer frame = readFrame(data);
				if (frame == null) {
					for (int i = 0; this.answerSendsOnClose && i < parked.size(); i++) {
						write(out, CODEC.encodeResponse(parked.get(i), io.roomqueues.protocol.EmptyContent.INSTANCE));
					}
					for (int i = 0; this.answerParkedReceivesOnClose && i < parked.size(); i++) {
						write(out, CODEC.encodeResponse(parked.get(i),
								new JsonContent(CODEC.jsonMapper().readTree("{\"late\":" + i + "}"))));
					}
					writeClose(out);
					return;
				}
				assembler.accept(frame, new MessageAssembler.Listener() {
					@Override
					public void onMessage(ProtocolMessage message) {
						try {
							if (ScriptedRoomServer.this.closeOnRequest != null) {
								writeClose(out, ScriptedRoomServer.this.closeCode, ScriptedRoomServer.this.closeOnRequest);
								return;
							}
							Content answer = answer(message, parked, out);
							if (answer != null) {
								write(out, CODEC.encodeResponse(message.id(), answer));
							}
						}
						catch (IOException | ProtocolException ex) {
							throw new IllegalStateException(ex);
						}
					}

					@Override
					public void onError(ProtocolException error) {
						throw new IllegalStateException(error);
					}
				});
			}
		}
		catch (IOException | RuntimeException ex) {
			// the test is over or the client went away
		}
	}

	private Content answer(ProtocolMessage message, List<Long> parked, OutputStream out) throws ProtocolException {
		if (!this.answerParkedReceivesOnClose && this.lateReceiveDelay == null && !this.answerSendsOnClose) {
			return this.responder.apply(message);
		}
		tools.jackson.databind.node.ObjectNode header = CODEC.decodePayload(message).header();
		String tool = header.path("tool").asString("");
		if ("receive".equals(tool) && this.lateReceiveDelay != null) {
			int n = parked.size();
			parked.add(message.id());
			java.util.concurrent.CompletableFuture.delayedExecutor(this.lateReceiveDelay.toMillis(),
					java.util.concurrent.TimeUnit.MILLISECONDS).execute(() -> {
						try {
							write(out, CODEC.encodeResponse(message.id(),
									new JsonContent(CODEC.jsonMapper().readTree("{\"late\":" + n + "}"))));
						}
						catch (IOException ex) {
							// the client went away
						}
					});
			return null;
		}
		if ("receive".equals(tool)) {
			parked.add(message.id());
			return null;
		}
		if ("send".equals(tool) && this.answerSendsOnClose) {
			this.sends.add(header.at("/arguments/json/name").stringValue() + ":" + header.at("/arguments/json/message"));
			parked.add(message.id());
			return null;
		}
		if ("send".equals(tool)) {
			this.sends.add(header.at("/arguments/json/name").stringValue() + ":" + header.at("/arguments/json/message"));
		}
		return io.roomqueues.protocol.EmptyContent.INSTANCE;
	}

	private static synchronized void writeClose(OutputStream out) throws IOException {
		out.write(new byte[] { (byte) 0x88, 2, 0x03, (byte) 0xE8 });
		out.flush();
	}

	private static synchronized void writeClose(OutputStream out, int code, String reason) throws IOException {
		byte[] text = reason.getBytes(java.nio.charset.StandardCharsets.UTF_8);
		byte[] frame = new byte[4 + text.length];
		frame[0] = (byte) 0x88;
		frame[1] = (byte) (2 + text.length);
		frame[2] = (byte) (code >> 8);
		frame[3] = (byte) code;
		System.arraycopy(text, 0, frame, 4, text.length);
		out.write(frame);
		out.flush();
	}

	private void awaitClientClose(Socket socket) {
		try {
			InputStream in = socket.getInputStream();
			while (in.read() != -1) {
				// a black hole reads and never answers
			}
			this.unansweredClosedByClient.incrementAndGet();
		}
		catch (IOException ex) {
			this.unansweredClosedByClient.incrementAndGet();
		}
	}

	/** Answers the upgrade; returns the request line and headers. */
	private static String upgrade(InputStream in, OutputStream out) throws IOException {
		String key = null;
		StringBuilder request = new StringBuilder();
		String line;
		while (!(line = readLine(in)).isEmpty()) {
			request.append(line).append('\n');
			if (line.toLowerCase().startsWith("sec-websocket-key:")) {
				key = line.substring(line.indexOf(':') + 1).trim();
			}
		}
		try {
			byte[] digest = MessageDigest.getInstance("SHA-1")
				.digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII));
			String accept = Base64.getEncoder().encodeToString(digest);
			out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
					+ "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			out.flush();
			return request.toString();
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String readLine(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int b;
		while ((b = in.read()) != -1 && b != '\n') {
			if (b != '\r') {
				line.write(b);
			}
		}
		return line.toString(StandardCharsets.US_ASCII);
	}

	/** Reads one client frame (masked); {@code null} on close. */
	private static ByteBuffer readFrame(DataInputStream in) throws IOException {
		int first = in.readUnsignedByte();
		int second = in.readUnsignedByte();
		long length = second & 0x7F;
		if (length == 126) {
			length = in.readUnsignedShort();
		}
		else if (length == 127) {
			length = in.readLong();
		}
		byte[] mask = new byte[4];
		if ((second & 0x80) != 0) {
			in.readFully(mask);
		}
		byte[] payload = new byte[(int) length];
		in.readFully(payload);
		for (int i = 0; i < payload.length; i++) {
			payload[i] ^= mask[i % 4];
		}
		int opcode = first & 0x0F;
		if (opcode == 0x8) {
			return null;
		}
		return (opcode == 0x2) ? ByteBuffer.wrap(payload) : readFrame(in);
	}

	private static synchronized void write(OutputStream out, ByteBuffer[] frames) throws IOException {
		for (ByteBuffer frame : frames) {
			int length = frame.remaining();
			ByteArrayOutputStream header = new ByteArrayOutputStream();
			header.write(0x82);
			if (length < 126) {
				header.write(length);
			}
			else if (length < 65536) {
				header.write(126);
				header.write(length >>> 8);
				header.write(length & 0xFF);
			}
			else {
				header.write(127);
				header.write(ByteBuffer.allocate(8).putLong(length).array());
			}
			out.write(header.toByteArray());
			byte[] bytes = new byte[length];
			frame.get(bytes);
			out.write(bytes);
		}
		out.flush();
	}

}
