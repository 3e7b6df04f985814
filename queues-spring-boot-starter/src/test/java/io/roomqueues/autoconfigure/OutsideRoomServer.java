package io.roomqueues.autoconfigure;

import io.roomqueues.server.RoomServer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a room server for a test class on JUnit's own class loader, and hands its URL and secret to the test through
 * system properties, which a test running in a forked class loader can still read. The forked run applies this
 * extension again; it then finds the server up and leaves it alone.
 */
class OutsideRoomServer implements BeforeAllCallback, AfterAllCallback {

	private static final String URL = "outside-room-server.url";

	private static final String SECRET = "outside-room-server.secret";

	private @Nullable RoomServer server;

	@Override
	public void beforeAll(ExtensionContext context) {
		if (System.getProperty(URL) != null) {
			return; // the same test class again, run in the forked class loader: the server is up
		}
		String secret = "outside-" + System.nanoTime();
		this.server = RoomServer.builder().secret(secret).build().start();
		System.setProperty(URL, this.server.url());
		System.setProperty(SECRET, secret);
	}

	@Override
	public void afterAll(ExtensionContext context) {
		if (this.server != null) {
			System.clearProperty(URL);
			System.clearProperty(SECRET);
			this.server.close();
		}
	}

	/** The properties that point the starter at the server. */
	static String[] properties() {
		return new String[] { "queues.room.url=" + System.getProperty(URL),
				"queues.room.secret=" + System.getProperty(SECRET), "queues.room.name=aot" };
	}

}
