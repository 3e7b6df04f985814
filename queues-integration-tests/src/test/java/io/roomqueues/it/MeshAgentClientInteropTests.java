package io.roomqueues.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MeshAgent's own client, npm {@code @meshagent/meshagent} 0.39.9, runs the seed example and the extra checks of
 * {@code interop/seed-interop.mjs} against the runnable server jar, started the way other tooling starts it.
 */
class MeshAgentClientInteropTests {

	@Test
	void meshAgentsJavaScriptClientRunsTheSeedExampleAgainstTheServerJar() throws IOException, InterruptedException {
		Path root = Path.of("..").toAbsolutePath().normalize();
		assertThat(root.resolve("queues-server/target/queues-server.jar"))
			.as("the server jar is packaged before this module's tests run").exists();
		Path log = Files.createTempFile("interop", ".log");
		Process process = new ProcessBuilder("bash", "interop/run.sh").directory(root.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();

		boolean finished = process.waitFor(5, TimeUnit.MINUTES);
		if (!finished) {
			process.destroyForcibly();
		}
		String output = Files.readString(log, StandardCharsets.UTF_8);
		System.out.println(output);

		assertThat(finished).as("interop run finished within 5 minutes:%n%s", output).isTrue();
		assertThat(process.exitValue()).as("interop exit status:%n%s", output).isZero();
		assertThat(output).contains("ok list -> []", "ok receive q {create:true,wait:true} -> {\"payload\":\"Hello World!\"}",
				"ok receive q {create:true,wait:false} -> null", "rejected with RoomServerException code=5001",
				"INTEROP OK");
	}

}
