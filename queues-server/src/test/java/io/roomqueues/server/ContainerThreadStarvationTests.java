package io.roomqueues.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.roomqueues.protocol.Content;
import io.roomqueues.protocol.JsonContent;
import io.roomqueues.protocol.MessageTypes;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Reproduction (review 6): a connection's own responses are written on the Tomcat thread that read its request, so a
 * participant whose connections send requests and never read their answers holds one container thread per
 * connection for the whole write timeout, and every other participant's requests wait for a free one.
 *
 * <p>
 * Tomcat's worker pool (200 threads by default, fewer than the 1,000 connections one token may open) is shrunk here to
 * {@value #WORKERS} threads, so that {@value #WORKERS} frozen connections show what 200 do on a default server.
 */
class ContainerThreadStarvationTests {

	private static final int WORKERS = 4;

	@Test
	void participantsThatNeverReadTheirResponsesDoNotStallAnotherParticipantsRequests() throws Exception {
		try (RoomServer server = RoomServer.builder()
			.secret("a-secret-of-at-least-thirty-two-bytes!!")
			.writeTimeout(Duration.ofSeconds(25))
			.build()
			.start(); TestConnection victim = TestConnection.open(server, "room", "victim")) {
			for (int i = 0; i < 200; i++) {
				assertThat(victim.invoke("open", victim.args("name", i + "-" + "q".repeat(1000)))).succeedsWithin(
						Duration.ofSeconds(10));
			}
			shrinkWorkerPool(server, WORKERS);
			List<Socket> frozen = new ArrayList<>();
			try {
				for (int i = 0; i < WORKERS; i++) {
					Socket socket = upgradeWithoutReading(server, "room", "flooder-" + i);
					frozen.add(socket);
					for (int n = 0; n < 100; n++) {
						for (ByteBuffer frame : TestConnection.CODEC.encode(n, MessageTypes.INVOKE_TOOL,
								listRequest(victim))) {
							writeFrame(socket.getOutputStream(), frame);
						}
					}
				}
				// every flooder has a write blocked on its full socket, whichever thread it is on
				await().atMost(Duration.ofSeconds(30)).until(() -> blockedWriters() >= WORKERS);

				CompletableFuture<Content> answer = victim.invoke("list", victim.args());

				assertThat(answer).succeedsWithin(Duration.ofSeconds(10)).isInstanceOf(JsonContent.class);
			}
			finally {
				for (Socket socket : frozen) {
					socket.close();
				}
			}
		}
	}

	private static ObjectNode listRequest(TestConnection client) {
		ObjectNode header = client.args("toolkit", "queues", "tool", "list");
		header.putObject("arguments").put("type", "json").putObject("json");
		return header;
	}

	/** Threads blocked writing to a connection; on main they are Tomcat's container threads. */
	private static long blockedWriters() {
		return Thread.getAllStackTraces()
			.entrySet()
			.stream()
			.filter((entry) -> List.of(entry.getValue())
				.stream()
				.anyMatch((frame) -> frame.getClassName().equals(ConnectionWriter.class.getName())
						&& frame.getMethodName().equals("writePending")))
			.count();
	}

	private static void shrinkWorkerPool(RoomServer server, int threads) throws ReflectiveOperationException {
		Field runtime = RoomServer.class.getDeclaredField("runtime");
		runtime.setAccessible(true);
		Field tomcat = RoomServerRuntime.class.getDeclaredField("tomcat");
		tomcat.setAccessible(true);
		Tomcat embedded = (Tomcat) tomcat.get(runtime.get(server));
		assertThat(embedded.getConnector().setProperty("minSpareThreads", "1")).isTrue();
		assertThat(embedded.getConnector().setProperty("maxThreads", Integer.toString(threads))).isTrue();
	}

	/** Upgrades a plain socket with a small receive window, which the test then never reads from. */
	private static Socket upgradeWithoutReading(RoomServer server, String room, String participant) throws IOException {
		Socket socket = new Socket();
		socket.setReceiveBufferSize(4096);
		socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()));
		String request = "GET /rooms/" + room + "?token=" + server.token(participant, room) + " HTTP/1.1\r\n"
				+ "Host: 127.0.0.1:" + server.port() + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
				+ "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(new byte[16]) + "\r\n"
				+ "Sec-WebSocket-Version: 13\r\n\r\n";
		socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
		InputStream in = socket.getInputStream();
		StringBuilder headers = new StringBuilder();
		while (!headers.toString().endsWith("\r\n\r\n")) {
			int next = in.read();
			if (next < 0) {
				break;
			}
			headers.append((char) next);
		}
		assertThat(headers.toString()).startsWith("HTTP/1.1 101");
		return socket;
	}

	/** Writes one masked binary frame, with a zero mask so the payload goes as it is. */
	private static void writeFrame(OutputStream out, ByteBuffer payload) throws IOException {
		byte[] bytes = new byte[payload.remaining()];
		payload.get(bytes);
		out.write(0x82);
		if (bytes.length < 126) {
			out.write(0x80 | bytes.length);
		}
		else {
			out.write(0x80 | 126);
			out.write(bytes.length >> 8);
			out.write(bytes.length & 0xFF);
		}
		out.write(new byte[4]);
		out.write(bytes);
		out.flush();
	}

}
