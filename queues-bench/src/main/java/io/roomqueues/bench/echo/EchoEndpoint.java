package io.roomqueues.bench.echo;

import java.io.IOException;
import java.nio.ByteBuffer;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;

/**
 * Sends every binary WebSocket message back as it came, with the Basic remote's blocking {@code sendBinary} on the
 * reading thread, as the room server's connection writer does.
 */
public final class EchoEndpoint extends Endpoint {

	@Override
	public void onOpen(Session session, EndpointConfig config) {
		session.setMaxIdleTimeout(0);
		RemoteEndpoint.Basic remote = session.getBasicRemote();
		session.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) (message) -> {
			try {
				remote.sendBinary(message);
			}
			catch (IOException ex) {
				close(session);
			}
		});
	}

	private static void close(Session session) {
		try {
			session.close(new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "echo failed"));
		}
		catch (IOException ex) {
			// the connection is gone either way
		}
	}

}
