package io.roomqueues.server;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.roomqueues.protocol.Content;
import io.roomqueues.protocol.ErrorContent;
import org.jspecify.annotations.Nullable;

/**
 * One thing a fuzzing connection does: the WebSocket messages it sends, what each request id must get back, and, for
 * a case that breaks the protocol, how the server must close the connection.
 *
 * @param kind what the case does, for the report
 * @param sends the WebSocket messages, in order
 * @param expected what each request id it sends must get
 * @param fatal how the server closes the connection, or {@code null} if it must stay open
 * @param mangled whether bytes were changed at random, so the server may also answer ids never sent
 */
record FuzzCase(String kind, List<Send> sends, Map<Long, Expectation> expected, @Nullable Fatal fatal,
		boolean mangled) {

	/** The error codes the server may answer with; anything else is a defect. */
	static final Set<Integer> KNOWN_CODES = Set.of(1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008, 1009, 5001, 5002);

	/** Frames sent so far by this case: one per WebSocket message. */
	int frames() {
		return this.sends.size() - (int) this.sends.stream().filter(Ping.class::isInstance).count();
	}

	/** One WebSocket message a case sends. */
	sealed interface Send permits Frame, Text, Ping {
	}

	/**
	 * A binary WebSocket message holding one protocol frame (or bytes posing as one).
	 * @param bytes the bytes
	 * @param cuts where the message is split into WebSocket fragments, ascending; empty for one fragment
	 */
	record Frame(byte[] bytes, int[] cuts) implements Send {

		Frame(byte[] bytes) {
			this(bytes, new int[0]);
		}

	}

	/** A text WebSocket message, which the protocol does not allow. */
	record Text(String text) implements Send {
	}

	/** A WebSocket ping. */
	record Ping(byte[] data) implements Send {
	}

	/**
	 * How the server must close a connection after a case that breaks the protocol.
	 * @param codes the close codes it may use
	 * @param reason text the close reason must contain
	 * @param certain whether it must close; if not, it may also go on serving the connection
	 */
	record Fatal(Set<Integer> codes, String reason, boolean certain) {
	}

	/** What a request must get back. */
	record Expectation(String what, Outcome outcome, @Nullable Integer code, String text) {

		enum Outcome {

			/** Answered before the next sentinel is, as {@link #code} and {@link #text} say. */
			ANSWERED,

			/** Answered or not, with any well-formed answer: a receive that may park, a request whose bytes were mangled. */
			MAYBE,

			/** Never answered: a one-way message, or one the protocol drops. */
			SILENT

		}

		static Expectation anyAnswer(String what) {
			return new Expectation(what, Outcome.ANSWERED, null, "");
		}

		static Expectation error(String what, int code, String text) {
			return new Expectation(what, Outcome.ANSWERED, code, text);
		}

		static Expectation maybe(String what) {
			return new Expectation(what, Outcome.MAYBE, null, "");
		}

		static Expectation silent(String what) {
			return new Expectation(what, Outcome.SILENT, null, "");
		}

		boolean required() {
			return this.outcome == Outcome.ANSWERED;
		}

		/** Why the content does not do, or {@code null} if it does. */
		@Nullable String check(Content content) {
			if (this.outcome == Outcome.SILENT) {
				return "must not be answered, but got " + content;
			}
			if (this.code == null) {
				return null;
			}
			if (!(content instanceof ErrorContent error) || !this.code.equals(error.code())
					|| !error.text().contains(this.text)) {
				return "expected error " + this.code + " containing '" + this.text + "' but got " + content;
			}
			return null;
		}

		/** Why a response is a server fault whatever was asked: an internal error or an unknown error code. */
		static @Nullable String internalError(Content content) {
			if (content instanceof ErrorContent error) {
				if (error.text().contains("internal server error")) {
					return "internal error: " + error.text();
				}
				if (error.code() == null || !KNOWN_CODES.contains(error.code())) {
					return "error with an unknown code: " + error;
				}
			}
			return null;
		}

		@Override
		public String toString() {
			return this.what;
		}

	}

}
