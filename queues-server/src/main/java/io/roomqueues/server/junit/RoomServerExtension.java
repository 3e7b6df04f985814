package io.roomqueues.server.junit;

import java.util.UUID;
import java.util.function.UnaryOperator;

import io.roomqueues.server.RoomServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.jspecify.annotations.Nullable;

/**
 * Starts an embedded {@link RoomServer} on a random loopback port for a test class (as a static
 * {@code @RegisterExtension} field or through {@code @ExtendWith}) or for each test (as an instance field), and
 * injects it into test and lifecycle methods that declare a {@code RoomServer} parameter.
 *
 * <pre>{@code
 * @RegisterExtension
 * static RoomServerExtension server = RoomServerExtension.create();
 *
 * @Test
 * void sends(RoomServer server) { ... server.url() ... server.token("me", "room") ... }
 * }</pre>
 */
public final class RoomServerExtension
		implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

	private final String secret;

	private final UnaryOperator<RoomServer.Builder> customizer;

	private @Nullable RoomServer server;

	private boolean perTest;

	/** Used by {@code @ExtendWith}: a server per class with a random secret. */
	public RoomServerExtension() {
		this("test-" + UUID.randomUUID(), UnaryOperator.identity());
	}

	private RoomServerExtension(String secret, UnaryOperator<RoomServer.Builder> customizer) {
		this.secret = secret;
		this.customizer = customizer;
	}

	/** An extension with a random secret and default limits. */
	public static RoomServerExtension create() {
		return new RoomServerExtension();
	}

	/** An extension whose server builder is adjusted first, for limits or a fixed port. */
	public static RoomServerExtension create(UnaryOperator<RoomServer.Builder> customizer) {
		return new RoomServerExtension("test-" + UUID.randomUUID(), customizer);
	}

	/** The running server. */
	public RoomServer server() {
		if (this.server == null) {
			throw new IllegalStateException("the room server runs only while tests of this class run");
		}
		return this.server;
	}

	/** The secret tokens must be signed with. */
	public String secret() {
		return this.secret;
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		start();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		stop();
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		if (this.server == null) {
			this.perTest = true;
			start();
		}
	}

	@Override
	public void afterEach(ExtensionContext context) {
		if (this.perTest) {
			stop();
		}
	}

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType() == RoomServer.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		if (this.server == null) {
			start();
		}
		return server();
	}

	private void start() {
		if (this.server == null) {
			this.server = this.customizer.apply(RoomServer.builder().secret(this.secret)).build().start();
		}
	}

	private void stop() {
		if (this.server != null) {
			this.server.close();
			this.server = null;
		}
	}

}
