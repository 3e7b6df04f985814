package io.roomqueues.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.roomqueues.protocol.ErrorContent;
import io.roomqueues.protocol.MessageTypes;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Closes a client's session without losing a message: until the server confirms the close it may still hand a
 * message to a receive, and the client may hold messages on their way back to their queue. All of them are sent back
 * over a second, short-lived connection, since the first one can no longer send; what cannot be sent goes to the
 * {@link UnreturnedMessageHandler}.
 */
final class MessageReturningClose {

	private static final Logger logger = LoggerFactory.getLogger(MessageReturningClose.class);

	private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(2);

	private static final Duration RETURN_TIMEOUT = Duration.ofSeconds(10);

	private MessageReturningClose() {
	}

	/**
	 * @param session the open session, or {@code null}
	 * @param waiting messages that were on their way back when the client closed
	 * @param reconnect whether a second connection may be opened (not after the room refused the client for good)
	 */
	static void close(@Nullable RoomSession session, SessionOpener opener, MessageReturns returns, boolean reconnect,
			RoomException cause, UnreturnedMessageHandler unreturned) {
		List<MessageReturns.Returning> toReturn = new ArrayList<>();
		if (session != null) {
			await(session.closeReturningMessages(cause), HANDSHAKE_TIMEOUT);
			session.abort(cause);
		}
		// after the session ended, so a return in flight on it has succeeded or failed by now
		MessageReturns.Closing closing = returns.close();
		await(closing.inFlight(), HANDSHAKE_TIMEOUT);
		if (closing.sending() != null && !closing.sending().done().isDone()) {
			toReturn.add(closing.sending());
		}
		toReturn.addAll(closing.waiting());
		if (session != null) {
			for (PendingRequests.Returned orphans : session.takeClosingOrphans()) {
				for (ObjectNode message : orphans.messages()) {
					toReturn.add(new MessageReturns.Returning(orphans.queue(), message, new CompletableFuture<>()));
				}
			}
		}
		if (toReturn.isEmpty()) {
			return;
		}
		if (!reconnect) {
			toReturn.forEach((returning) -> giveUp(returning, cause, unreturned));
			return;
		}
		sendBack(opener, toReturn, returns, unreturned);
	}

	private static void sendBack(SessionOpener opener, List<MessageReturns.Returning> toReturn, MessageReturns returns,
			UnreturnedMessageHandler unreturned) {
		RoomSession spare = opener.newSession(new RoomSession.Owner() {
			@Override
			public void sessionClosed(RoomSession session, RoomException cause) {
			}

			@Override
			public void returnMessages(String queue, List<ObjectNode> messages) {
				// a spare session makes no receives
			}
		});
		CompletableFuture<Greeting> ready = opener.open(spare);
		List<CompletableFuture<?>> sent = new ArrayList<>();
		for (MessageReturns.Returning returning : toReturn) {
			sent.add(ready.thenCompose((greeting) -> send(spare, opener, returning)).whenComplete((ignored, error) -> {
				if (error != null) {
					giveUp(returning, SessionOpener.unwrap(error), unreturned);
				}
				else {
					logger.info("Sent a message that reached no receive back to queue '{}'", returning.queue());
					returns.recordReturned();
					returning.done().complete(null);
				}
			}));
		}
		await(CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)), RETURN_TIMEOUT);
		for (int i = 0; i < sent.size(); i++) {
			if (!sent.get(i).isDone()) {
				giveUp(toReturn.get(i), new RoomTimeoutException("the room did not take the message back within "
						+ RETURN_TIMEOUT.toMillis() + " ms of the close"), unreturned);
			}
		}
		spare.abort(new RoomClosedException("room client was closed"));
	}

	private static CompletableFuture<Void> send(RoomSession spare, SessionOpener opener,
			MessageReturns.Returning returning) {
		ObjectNode arguments = opener.jsonMapper().createObjectNode();
		arguments.put("name", returning.queue()).put("create", true).set("message", returning.message());
		ObjectNode header = opener.jsonMapper().createObjectNode();
		header.put("toolkit", "queues").put("tool", "send");
		header.putObject("arguments").put("type", "json").set("json", arguments);
		CompletableFuture<Void> done = new CompletableFuture<>();
		spare.request(MessageTypes.INVOKE_TOOL, header, null, false, new Waiter<Void>(done, (content) -> {
			if (content instanceof ErrorContent error) {
				throw new RoomException(error.text(), error.code());
			}
			return null;
		}, null), RETURN_TIMEOUT);
		return done;
	}

	private static void giveUp(MessageReturns.Returning returning, Throwable cause,
			UnreturnedMessageHandler unreturned) {
		if (returning.done().isDone()) {
			return;
		}
		try {
			unreturned.unreturned(returning.queue(), returning.message(), cause);
		}
		finally {
			returning.done().completeExceptionally(cause);
		}
	}

	private static void await(CompletableFuture<?> future, Duration timeout) {
		try {
			future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			// the caller decides what to do with what did not finish
		}
	}

}
