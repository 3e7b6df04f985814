package io.roomqueues.it;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.roomqueues.client.Queue;
import io.roomqueues.client.ReconnectPolicy;
import io.roomqueues.client.RoomClient;
import io.roomqueues.client.RoomHandshakeException;
import io.roomqueues.client.transport.JdkWebSocketTransport;
import io.roomqueues.client.transport.NettyWebSocketTransport;
import io.roomqueues.client.transport.WebSocketHandler;
import io.roomqueues.client.transport.WebSocketSession;
import io.roomqueues.protocol.MessageAssembler;
import io.roomqueues.protocol.MessageTypes;
import io.roomqueues.protocol.ProtocolException;
import io.roomqueues.protocol.ProtocolMessage;
import io.roomqueues.protocol.WireCodec;
import io.roomqueues.server.RoomServer;
import io.roomqueues.server.junit.SelfSignedCertificate;
import io.roomqueues.token.ParticipantToken;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/** The optional Netty transport against the real server: queues, refusals, the close contract, pings and TLS. */
class NettyTransportTests {

	record Job(int id, String name) {
	}

	private static final String SECRET = "netty-test-secret";

	private final RoomServer server = RoomServer.builder().secret(SECRET).build().start();

	private final List<RoomClient> clients = new ArrayList<>();

	@AfterEach
	void close() {
		this.clients.forEach(RoomClient::close);
		this.server.close();
	}

	@Test
	void aClientOnNettySendsReceivesAndIsHandedAParkedMessage() {
		RoomClient producer = connect(this.server.url());
		RoomClient consumer = connect(this.server.url());

		CompletableFuture<Job> parked = consumer.queues().receive("jobs", Job.class);
		consumer.queues().list().join(); // answered after the receive parked
		producer.queues().send("jobs", new Job(1, "first")).join();
		producer.queues().send("jobs", Map.of("id", 2, "name", "second")).join();

		assertThat(parked.orTimeout(10, TimeUnit.SECONDS).join()).isEqualTo(new Job(1, "first"));
		assertThat(producer.queues().list().join()).containsExactly(new Queue("jobs", 1));
		ObjectNode second = consumer.queues().tryReceive("jobs").join();
		assertThat(second.get("name").stringValue()).isEqualTo("second");
	}

	@Test
	void aRefusedTokenIsA403AndItsMessageHoldsNoToken() {
		String wrong = ParticipantToken.builder("intruder").room("r").build().toJwt("another-secret");
		RoomClient client = RoomClient.builder()
			.url(this.server.url())
			.room("r")
			.token(wrong)
			.tokenInQuery(true)
			.transport(new NettyWebSocketTransport())
			.reconnect(ReconnectPolicy.NEVER)
			.build();
		this.clients.add(client);

		assertThatExceptionOfType(CompletionException.class).isThrownBy(() -> client.connect().join())
			.havingCause()
			.isInstanceOfSatisfying(RoomHandshakeException.class, (ex) -> {
				assertThat(ex.status()).isEqualTo(403);
				assertThat(ex.getMessage()).doesNotContain(wrong);
			});
	}

	@Test
	void aCloseReadsTheAnswersInFlightUntilTheServerClosesAndReportsOnce() throws Exception {
		Recording recording = new Recording();
		try (NettyWebSocketTransport transport = new NettyWebSocketTransport()) {
			WebSocketSession socket = open(transport, recording);
			WireCodec codec = new WireCodec(JsonMapper.builder().build());
			ObjectNode header = codec.jsonMapper().createObjectNode().put("toolkit", "queues").put("tool", "list");
			header.putObject("arguments").put("type", "json").putObject("json");
			for (int id = 0; id < 200; id++) {
				socket.send(codec.encode(id, MessageTypes.INVOKE_TOOL, header));
			}
			socket.close(1000, "done");

			await().until(() -> recording.events.contains("close 1000"));
			assertThat(recording.events.stream().filter((e) -> e.startsWith("response"))).hasSize(200);
			assertThat(recording.events.stream().filter((e) -> e.startsWith("close"))).hasSize(1);
			assertThat(recording.events.get(recording.events.size() - 1)).isEqualTo("close 1000");
			assertThat(socket.send(codec.encode(200, MessageTypes.INVOKE_TOOL, header)))
				.failsWithin(Duration.ofSeconds(5));
		}
	}

	@Test
	void aPingIsAnsweredWithAPong() throws Exception {
		Recording recording = new Recording();
		try (NettyWebSocketTransport transport = new NettyWebSocketTransport()) {
			WebSocketSession socket = open(transport, recording);

			socket.ping().get(5, TimeUnit.SECONDS);

			await().until(() -> recording.events.contains("pong"));
			socket.abort();
			assertThat(recording.events).containsOnlyOnce("close 1006");
		}
	}

	@Test
	void wssTrustsTheGivenTlsContextAndVerifiesTheHost(@TempDir Path directory) {
		SelfSignedCertificate certificate = SelfSignedCertificate.create(directory);
		try (RoomServer secure = RoomServer.builder()
			.secret(SECRET)
			.tls(certificate.keyStore(), certificate.password())
			.build()
			.start()) {
			RoomClient client = RoomClient.builder()
				.url(secure.url())
				.room("r")
				.token(ParticipantToken.builder("java").room("r").build().toJwt(SECRET))
				.transport(new NettyWebSocketTransport(1, JdkWebSocketTransport.DEFAULT_MAX_FRAME_SIZE,
						certificate.sslContext()))
				.reconnect(ReconnectPolicy.NEVER)
				.build();
			try (client) {
				client.connect().join();
				client.queues().send("secure", Map.of("ok", true)).join();
				assertThat(client.queues().list().join()).containsExactly(new Queue("secure", 1));
			}
			RoomClient untrusting = RoomClient.builder()
				.url(secure.url())
				.room("r")
				.token(ParticipantToken.builder("java").room("r").build().toJwt(SECRET))
				.transport(new NettyWebSocketTransport())
				.reconnect(ReconnectPolicy.NEVER)
				.build();
			try (untrusting) {
				assertThatExceptionOfType(CompletionException.class).isThrownBy(() -> untrusting.connect().join());
			}
		}
	}

	private RoomClient connect(String url) {
		RoomClient client = RoomClient.builder()
			.url(url)
			.room("r")
			.token(ParticipantToken.builder("java").room("r").build().toJwt(SECRET))
			.transport(new NettyWebSocketTransport())
			.reconnect(ReconnectPolicy.NEVER)
			.build();
		this.clients.add(client);
		client.connect().join();
		return client;
	}

	private WebSocketSession open(NettyWebSocketTransport transport, Recording recording) throws Exception {
		String token = ParticipantToken.builder("raw").room("r").build().toJwt(SECRET);
		WebSocketSession socket = transport
			.connect(URI.create(this.server.roomUrl("r")), Map.of("Authorization", "Bearer " + token),
					Duration.ofSeconds(10), recording)
			.get(10, TimeUnit.SECONDS);
		await().until(() -> recording.events.contains("connected"));
		return socket;
	}

	/** What a raw session hears, in order. */
	static final class Recording implements WebSocketHandler, MessageAssembler.Listener {

		final List<String> events = new CopyOnWriteArrayList<>();

		private final MessageAssembler assembler = new MessageAssembler(WireCodec.DEFAULT_MAX_MESSAGE_SIZE);

		@Override
		public void onFrame(ByteBuffer frame) {
			this.assembler.accept(frame, this);
		}

		@Override
		public void onPong() {
			this.events.add("pong");
		}

		@Override
		public void onClose(int code, String reason) {
			this.events.add("close " + code);
		}

		@Override
		public void onMessage(ProtocolMessage message) {
			this.events.add(MessageTypes.RESPONSE.equals(message.type()) ? "response " + message.id() : message.type());
		}

		@Override
		public void onError(ProtocolException error) {
			this.events.add("error " + error.getMessage());
		}

	}

}
