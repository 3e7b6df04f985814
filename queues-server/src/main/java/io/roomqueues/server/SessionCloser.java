package io.roomqueues.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import org.apache.tomcat.websocket.Constants;
import org.apache.tomcat.websocket.WsSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes WebSocket sessions with a reason: politely, waiting for the peer's close frame, or at once for a peer that
 * will not answer.
 */
final class SessionCloser {

	private static final Logger logger = LoggerFactory.getLogger(SessionCloser.class);

	private static final int MAX_REASON_BYTES = 123;

	private SessionCloser() {
	}

	/**
	 * Sends a close frame; the socket closes when the peer answers it, or after the close timeout. The close frame may
	 * wait for a write in progress as long as the session's timeouts allow (set when it opened).
	 */
	static void close(Session session, CloseReason.CloseCode code, String reason) {
		try {
			session.close(new CloseReason(code, truncate(reason)));
		}
		catch (IOException | IllegalStateException ex) {
			logger.debug("Close of session {} failed", session.getId(), ex);
		}
	}

	/**
	 * Tries a close frame and closes the socket without waiting for an answer, for peers that are gone, silent or
	 * not reading; otherwise Tomcat would keep the socket until its close timeout.
	 */
	static void closeNow(Session session, CloseReason.CloseCode code, String reason) {
		try {
			// Tomcat's own 50 ms for the close frame, not the write timeout a close of a client that reads may wait
			session.getUserProperties().put(Constants.ABNORMAL_SESSION_CLOSE_SEND_TIMEOUT_PROPERTY,
					Constants.DEFAULT_ABNORMAL_SESSION_CLOSE_SEND_TIMEOUT);
		}
		catch (IllegalStateException ex) {
			// closed already
			return;
		}
		if (session instanceof WsSession tomcat) {
			CloseReason close = new CloseReason(code, truncate(reason));
			tomcat.doClose(close, close, true);
		}
		else {
			close(session, code, reason);
		}
	}

	/** Cuts a close reason to the 123 bytes a close frame holds. */
	static String truncate(String reason) {
		byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
		if (bytes.length <= MAX_REASON_BYTES) {
			return reason;
		}
		String cut = new String(bytes, 0, MAX_REASON_BYTES - 3, StandardCharsets.UTF_8);
		return cut.substring(0, cut.length() - 1) + "...";
	}

}
