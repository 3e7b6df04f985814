package io.roomqueues.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CompletionException;

import io.roomqueues.client.RoomClient;
import io.roomqueues.client.RoomHandshakeException;
import org.jspecify.annotations.Nullable;

/** Checks that a refused token surfaces as a final handshake error with HTTP 403 on every transport. */
final class HandshakeCheck {

	private final RoomConnections connections;

	private final Problems problems;

	private final PrintStream out;

	HandshakeCheck(RoomConnections connections, Problems problems, PrintStream out) {
		this.connections = connections;
		this.problems = problems;
		this.out = out;
	}

	void run(List<String> transports) {
		String wrongSecret = RoomConnections.token(RoomConnections.ROOM, "not-the-secret");
		String otherRoom = RoomConnections.token("elsewhere", ServerProcess.SECRET);
		System.err.println("(two expected 'refused this client' errors per transport follow)");
		for (String transport : transports) {
			boolean refused = true;
			for (String jwt : List.of(wrongSecret, otherRoom)) {
				String outcome = connectRefused(transport, jwt);
				if (outcome != null) {
					refused = false;
					this.problems
						.add(transport + ": a refused token did not give RoomHandshakeException 403: " + outcome);
				}
			}
			this.out.println("- handshake check (" + transport + "): bad token and wrong room both refused with 403: "
					+ (refused ? "ok" : "FAILED"));
		}
	}

	/** Null when connecting is refused with 403, else what happened instead. */
	private @Nullable String connectRefused(String transport, String jwt) {
		try (RoomClient client = this.connections.client(transport, jwt).build()) {
			client.connect().join();
			return "connected (expected HTTP 403)";
		}
		catch (CompletionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof RoomHandshakeException handshake && handshake.status() == 403) {
				return null;
			}
			return String.valueOf(cause);
		}
	}

}
