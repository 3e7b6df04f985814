package io.roomqueues.client.transport;

import java.lang.reflect.Method;
import java.net.http.HttpClient;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/** What the JDK transport releases when it closes (Java 21+, where an HttpClient can be shut down; CI runs it on 25). */
class JdkWebSocketTransportTests {

	@Test
	void closingTheTransportEndsTheHttpClientItOwnsAndLeavesAGivenOneOpen() throws Exception {
		assumeThat(Runtime.version().feature()).as("HttpClient can be shut down from Java 21 on")
			.isGreaterThanOrEqualTo(21);
		Method isTerminated = HttpClient.class.getMethod("isTerminated");
		HttpClient owned = HttpClient.newHttpClient();
		HttpClient given = HttpClient.newHttpClient();

		new JdkWebSocketTransport(owned, 1024, true).close();
		new JdkWebSocketTransport(given, 1024).close();

		await().until(() -> (Boolean) isTerminated.invoke(owned));
		assertThat((Boolean) isTerminated.invoke(given)).isFalse();
	}

}
