package io.roomqueues.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.roomqueues.protocol.Content;
import io.roomqueues.protocol.ErrorContent;
import io.roomqueues.protocol.MessageTypes;
import io.roomqueues.protocol.WireCodec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Closes a session that has receives waiting on the server without losing a message: until the server confirms the
 * close, it may still hand a message to one of them, and such a message is sent back to its queue over a second,
 * short-lived connection, since the first one can no longer send.
 */
final class MessageReturningClose {

	private static final Logger logger = LoggerFactory.getLogger(MessageReturningClose.class);

	private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(2);

	private static final Duration RETURN_TIMEOUT = Duration.ofSeconds(10);

	private final SessionOpener opener;

	private final WireCodec codec;

	private final List<CompletableFuture<?>> returns = new ArrayList<>();

	private @Nullable RoomSession spare;

	private @Nullable CompletableFuture<Greeting> spareReady;

	private MessageReturningClose(SessionOpener opener, WireCodec codec) {
		this.opener = opener;
		this.codec = codec;
	}

	static void close(RoomSession session, SessionOpener opener, WireCodec codec, RoomException cause) {
		if (session.pendingReceives() == 0) {
			session.close(1000, "client closing", cause);
			return;
		}
		MessageReturningClose close = new MessageReturningClose(opener, codec);
		CompletableFuture<Void> closed = session.closeReturningMessages(cause, close::sendBack);
		try {
			closed.get(HANDSHAKE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException | ExecutionException ex) {
			session.abort(cause);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			session.abort(cause);
		}
		close.finish();
	}

	/** Called on the reader thread for each message that arrived while closing. */
	private synchronized void sendBack(String queue, ObjectNode message) {
		if (this.spareReady == null) {
			RoomSession session = this.opener.newSession((closed, code, reason) -> {
			});
			this.spare = session;
			this.spareReady = this.opener.open(session);
		}
		RoomSession session = this.spare;
		CompletableFuture<Content> sent = this.spareReady
			.thenCompose((greeting) -> session.request(MessageTypes.INVOKE_TOOL, sendRequest(queue, message),
					RETURN_TIMEOUT))
			.whenComplete((content, error) -> {
				if (error != null || content instanceof ErrorContent) {
					logger.error("A message from queue '{}' arrived while the client was closing and could not be sent "
							+ "back; it is logged here so it is not lost: {}", queue, message,
							(error != null) ? error : new IllegalStateException(((ErrorContent) content).text()));
				}
				else {
					logger.info("Sent a message that arrived while closing back to queue '{}'", queue);
				}
			});
		this.returns.add(sent);
	}

	private void finish() {
		CompletableFuture<?> all;
		RoomSession session;
		synchronized (this) {
			all = CompletableFuture.allOf(this.returns.toArray(CompletableFuture[]::new));
			session = this.spare;
		}
		try {
			all.get(RETURN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			// each failure is logged with its message
		}
		if (session != null) {
			session.close(1000, "client closing", new RoomClosedException("room client was closed"));
		}
	}

	private ObjectNode sendRequest(String queue, ObjectNode message) {
		ObjectNode header = this.codec.jsonMapper().createObjectNode();
		header.put("toolkit", "queues").put("tool", "send");
		ObjectNode arguments = header.putObject("arguments").put("type", "json").putObject("json");
		arguments.put("name", queue).put("create", true).set("message", message);
		return header;
	}

}
