package io.roomqueues.client;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.roomqueues.client.transport.HandshakeRejectedException;
import io.roomqueues.client.transport.WebSocketSession;
import io.roomqueues.protocol.WireCodec;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Opens {@link RoomSession}s: a fresh token, the WebSocket, then the wait for {@code room_ready} and
 * {@code connected}, all within the connect timeout, with failures translated into {@link RoomException}s.
 */
final class SessionOpener {

	private final RoomClientSettings settings;

	private final WireCodec codec;

	private final ScheduledExecutorService scheduler;

	private final CallbackExecutor callbacks;

	private final String where;

	SessionOpener(RoomClientSettings settings, WireCodec codec, ScheduledExecutorService scheduler, CallbackExecutor callbacks) {
		this.settings = settings;
		this.codec = codec;
		this.scheduler = scheduler;
		this.callbacks = callbacks;
		this.where = RoomUrls.redact(RoomUrls.roomUri(settings.baseUrl(), settings.room(), "-"));
	}

	/** The room's URL without any token, for messages and logs. */
	String where() {
		return this.where;
	}

	RoomSession newSession(RoomSession.Owner owner) {
		return new RoomSession(this.codec, this.settings.maxMessageSize(), this.settings.keepalive(),
				this.settings.holdTime(), this.scheduler, this.callbacks, owner);
	}

	JsonMapper jsonMapper() {
		return this.codec.jsonMapper();
	}

	/**
	 * Connects a session.
	 * @return settles once: with the greeting when ready, or with a {@link RoomException} on failure or timeout
	 */
	CompletableFuture<Greeting> open(RoomSession session) {
		CompletableFuture<Greeting> outcome = new CompletableFuture<>();
		try {
			String token = headerSafe(this.settings.token().get());
			CompletableFuture<WebSocketSession> connecting = this.settings.transport()
				.connect(uri(token), RoomUrls.bearer(token), this.settings.connectTimeout(), session);
			session.connecting(connecting);
			connecting.thenCompose((socket) -> {
				session.attach(socket);
				return session.ready();
			}).whenComplete((greeting, error) -> {
				if (error != null) {
					outcome.completeExceptionally(translate(unwrap(error)));
				}
				else {
					outcome.complete(greeting);
				}
			});
		}
		catch (RoomException ex) {
			outcome.completeExceptionally(ex);
		}
		catch (RuntimeException ex) {
			// the cause is left out: its text or stack may quote the URL or the token
			outcome.completeExceptionally(new RoomConnectionException("could not start a connection attempt to "
					+ this.where + ": " + RoomUrls.redactTokens(String.valueOf(ex)), null));
		}
		ScheduledFuture<?> timeout = this.scheduler.schedule(() -> outcome.completeExceptionally(new RoomTimeoutException(
				"room '" + this.settings.room() + "' at " + this.where + " did not become ready within "
						+ this.settings.connectTimeout().toMillis() + " ms (no room_ready and connected from the server)")),
				this.settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
		outcome.whenComplete((greeting, error) -> timeout.cancel(false));
		return outcome;
	}

	/**
	 * The token without surrounding whitespace (a mounted secret often ends in a newline), refused for good, without
	 * being quoted, if it still holds a character an HTTP header cannot carry.
	 */
	private static String headerSafe(String token) {
		String stripped = token.strip();
		for (int i = 0; i < stripped.length(); i++) {
			char c = stripped.charAt(i);
			if (c < 0x21 || c > 0x7e) {
				throw new RoomHandshakeException("the participant token holds a character an HTTP header cannot carry "
						+ "(at position " + i + " of " + stripped.length() + "); the token is not shown", 0);
			}
		}
		return stripped;
	}

	/** The room's URI: the token travels in the {@code Authorization} header, and in the query only when asked. */
	private URI uri(String token) {
		return this.settings.tokenInQuery() ? RoomUrls.roomUri(this.settings.baseUrl(), this.settings.room(), token)
				: RoomUrls.roomUri(this.settings.baseUrl(), this.settings.room());
	}

	private RoomException translate(Throwable error) {
		if (error instanceof RoomException room) {
			return room;
		}
		if (error instanceof HandshakeRejectedException rejected) {
			return switch (rejected.status()) {
				case 403 -> new RoomHandshakeException("token rejected by room '" + this.settings.room() + "' at "
						+ this.where + " (HTTP 403)", 403);
				case 404 -> new RoomHandshakeException("no such room or path: " + this.where + " (HTTP 404)", 404);
				default -> new RoomConnectionException("room server at " + this.where
						+ " refused the connection with HTTP " + rejected.status(), rejected);
			};
		}
		// a transport's message may quote the URL it was given, token included
		return new RoomConnectionException(
				"could not connect to " + this.where + ": " + RoomUrls.redactTokens(String.valueOf(error)), null);
	}

	static @Nullable Throwable unwrap(@Nullable Throwable error) {
		Throwable cause = error;
		while ((cause instanceof java.util.concurrent.CompletionException
				|| cause instanceof java.util.concurrent.ExecutionException) && cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

}
