package io.roomqueues.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ProfileRunTests {

	@Test
	void theProfileSettingsSampleJavaCodeEveryMillisecond(@TempDir Path dir) throws Exception {
		String settings = Files.readString(ProfileRun.writeSettings(dir.resolve("bench.jfc")));
		assertThat(settings).containsPattern("<event name=\"jdk.ExecutionSample\">\\s*<setting name=\"enabled\"[^<]*"
				+ "</setting>\\s*<setting name=\"period\"[^>]*>1 ms</setting>");
		assertThat(jdk.jfr.Configuration.create(dir.resolve("bench.jfc")).getSettings())
			.containsEntry("jdk.ExecutionSample#period", "1 ms");
	}

	@Test
	void aSampleCountsForTheSpecificWorkOnItsStackNotForItsCallers() {
		assertThat(JfrSummary.categorize(List.of("tools.jackson.core.json.UTF8JsonGenerator.writeString",
				"io.roomqueues.protocol.PayloadCodec.pack", "io.roomqueues.protocol.WireCodec.encode",
				"io.roomqueues.client.RoomSession.request"))).isEqualTo("JSON: tree -> bytes (encode)");
		assertThat(JfrSummary.categorize(List.of("java.util.concurrent.ConcurrentHashMap.put",
				"io.roomqueues.client.RoomSession.request"))).isEqualTo("client request bookkeeping (pending map, futures)");
		assertThat(JfrSummary.categorize(List.of("java.lang.Thread.run"))).isEqualTo("other");
	}

	@Test
	void threadPoolsAddUpUnderOneName() {
		assertThat(JfrSummary.threadGroup("HttpClient-12-Worker-3")).isEqualTo("HttpClient-#-Worker-#");
	}

}
