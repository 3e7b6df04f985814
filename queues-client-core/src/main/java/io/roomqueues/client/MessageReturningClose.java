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
 * over a second, short-lived connection, since the first one can no longer send, tried again with backoff while the
 * room is unreachable; what cannot be sent within the close timeout goes to the {@link UnreturnedMessageHandler}.
 */
final class MessageReturningClose {

	private static final Logger logger = LoggerFactory.getLogger(MessageReturningClose.class);

	private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(2);

	private static final Duration FIRST_RETRY = Duration.ofMillis(200);

	private static final Duration MAX_RETRY = Duration.ofSeconds(2);

	private MessageReturningClose() {
	}

	/**
	 * @param session the open session, or {@code null}
	 * @param waiting messages that were on their way back when the client closed
	 * @param reconnect whether a second connection may be opened (not after the room refused the client for good)
	 */
	static void close(@Nullable RoomSession session, SessionOpener opener, MessageReturns returns, boolean reconnect,
			RoomException cause, Duration closeTimeout, UnreturnedMessageHandler unreturned) {
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
		sendBack(opener, toReturn, returns, closeTimeout, unreturned);
	}

	/**
	 * Sends the messages back over short-lived connections, opening another with backoff while the room is
	 * unreachable, until all are back or the close timeout is up; the rest go to the unreturned-message handler.
	 */
	private static void sendBack(SessionOpener opener, List<MessageReturns.Returning> toReturn, MessageReturns returns,
			Duration closeTimeout, UnreturnedMessageHandler unreturned) {
		long deadline = System.nanoTime() + closeTimeout.toNanos();
		List<MessageReturns.Returning> remaining = new ArrayList<>(toReturn);
		Duration backoff = FIRST_RETRY;
		Throwable lastFailure = null;
		while (!remaining.isEmpty()) {
			Duration left = Duration.ofNanos(deadline - System.nanoTime());
			if (left.isNegative() || left.isZero()) {
				break;
			}
			RoomSession spare = opener.newSession(new SpareOwner());
			List<CompletableFuture<Void>> sent = new ArrayList<>();
			CompletableFuture<Greeting> ready = opener.open(spare);
			for (MessageReturns.Returning returning : remaining) {
				sent.add(ready.thenCompose((greeting) -> send(spare, opener, returning, left)));
			}
			await(CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)), left);
			spare.abort(new RoomClosedException("room client was closed"));
			List<MessageReturns.Returning> again = new ArrayList<>();
			for (int i = 0; i < remaining.size(); i++) {
				MessageReturns.Returning returning = remaining.get(i);
				Throwable failure = failure(sent.get(i));
				if (failure == null) {
					logger.info("Sent a message that reached no receive back to queue '{}'", returning.queue());
					returns.recordReturned();
					returning.done().complete(null);
				}
				else if (failure instanceof RoomException room && !room.isRetryable()
						&& !(failure instanceof RoomTimeoutException)) {
					giveUp(returning, failure, unreturned);
				}
				else {
					lastFailure = failure;
					again.add(returning);
				}
			}
			remaining = again;
			if (!remaining.isEmpty()) {
				logger.warn("Could not send {} message(s) back while closing ({}); trying again in {} ms", remaining.size(),
						(lastFailure != null) ? lastFailure.getMessage() : "", backoff.toMillis());
				pause(backoff, deadline);
				backoff = backoff.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : backoff.multipliedBy(2);
			}
		}
		RoomTimeoutException timedOut = new RoomTimeoutException("the room did not take the message back within the "
				+ "close timeout of " + closeTimeout.toMillis() + " ms" + ((lastFailure != null)
						? " (last failure: " + lastFailure.getMessage() + ")" : ""));
		remaining.forEach((returning) -> giveUp(returning, timedOut, unreturned));
	}

	private static @Nullable Throwable failure(CompletableFuture<Void> sent) {
		if (!sent.isDone()) {
			return new RoomTimeoutException("no answer yet");
		}
		try {
			sent.join();
			return null;
		}
		catch (RuntimeException ex) {
			return SessionOpener.unwrap(ex);
		}
	}

	/** Waits before the next attempt, never past the deadline; the close is blocking by nature. */
	private static void pause(Duration backoff, long deadline) {
		long nanos = Math.min(backoff.toNanos(), deadline - System.nanoTime());
		if (nanos > 0) {
			try {
				TimeUnit.NANOSECONDS.sleep(nanos);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/** A spare session makes no receives and nothing waits on it. */
	private static final class SpareOwner implements RoomSession.Owner {

		@Override
		public void sessionClosed(RoomSession session, RoomException cause) {
		}

		@Override
		public void returnMessages(String queue, List<ObjectNode> messages) {
		}

	}

	private static CompletableFuture<Void> send(RoomSession spare, SessionOpener opener,
			MessageReturns.Returning returning, Duration timeout) {
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
		}, null), timeout);
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
