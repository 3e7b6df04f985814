package io.roomqueues.bench.echo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import jakarta.servlet.http.HttpServlet;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.websocket.server.WsSci;

/**
 * Runs the echo endpoint at {@code /echo} on embedded Tomcat (NIO connector, as the room server):
 * {@code java -cp queues-bench.jar io.roomqueues.bench.echo.EchoServerMain --port 0 [--host 127.0.0.1]}. Prints
 * {@code Echo server listening on ws://host:port/echo} once it accepts connections; stops on SIGTERM.
 */
public final class EchoServerMain {

	private EchoServerMain() {
	}

	public static void main(String[] args) throws Exception {
		String host = "127.0.0.1";
		int port = 0;
		for (int i = 0; i + 1 < args.length; i += 2) {
			switch (args[i]) {
				case "--host" -> host = args[i + 1];
				case "--port" -> port = Integer.parseInt(args[i + 1]);
				default -> throw new IllegalArgumentException("unknown option " + args[i] + "; usage: --port <n> [--host <address>]");
			}
		}
		Path baseDir = Files.createTempDirectory("echo-server");
		Tomcat tomcat = new Tomcat();
		tomcat.setBaseDir(baseDir.toString());
		Connector connector = new Connector("org.apache.coyote.http11.Http11NioProtocol");
		connector.setPort(port);
		connector.setProperty("address", host);
		connector.setProperty("bindOnInit", "true");
		tomcat.setConnector(connector);
		tomcat.getHost().setAutoDeploy(false);
		Context context = tomcat.addContext("", baseDir.toString());
		context.addServletContainerInitializer(new WsSci(), null);
		// Tomcat runs the WebSocket upgrade filter only for a request that maps to some servlet.
		Tomcat.addServlet(context, "none", new HttpServlet() {
			private static final long serialVersionUID = 1L;
		});
		context.addServletMappingDecoded("/", "none");
		tomcat.start();
		ServerContainer container = (ServerContainer) context.getServletContext()
			.getAttribute(ServerContainer.class.getName());
		container.addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo").build());
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			try {
				tomcat.stop();
				tomcat.destroy();
			}
			catch (Exception ex) {
				// stopping anyway
			}
			stopped.countDown();
		}, "echo-server-shutdown"));
		System.out.println("Echo server listening on ws://" + host + ":" + connector.getLocalPort() + "/echo");
		System.out.flush();
		stopped.await();
	}

}
