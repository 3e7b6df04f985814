package io.roomqueues.bench;

import java.net.URI;

/**
 * One measured run of the ceiling: protocol-shaped messages echoed over one raw JDK WebSocket by the echo server
 * (embedded Tomcat, same version as the room server), with a window of messages in flight.
 */
final class CeilingMode {

	static final String MODE = "ceiling: raw WebSocket echo";

	private final URI echoUri;

	private final ServerProcess echoServer;

	CeilingMode(ServerProcess echoServer) {
		this.echoServer = echoServer;
		this.echoUri = URI.create(echoServer.url);
	}

	/** @param repeat zero-based, or negative for a discarded warm-up */
	Result run(int window, int repeat, int warmup, int measure) throws InterruptedException {
		Result result = new Result(MODE, "jdk", window, repeat);
		try (EchoConnection connection = EchoConnection.open(this.echoUri)) {
			Pipeline pipeline = new Pipeline(window, warmup, measure, this.echoServer);
			while (pipeline.acquire()) {
				pipeline.issue(connection::echo, (ignored) -> true);
			}
			pipeline.finish(result, () -> connection.waiting() + " messages still waiting for their echo");
		}
		catch (RuntimeException ex) {
			result.problem("mode failed: " + ex);
		}
		return result;
	}

}
