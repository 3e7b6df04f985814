package io.roomqueues.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ClassHistogramTests {

	private static final String BEFORE = """
			12345:
			 num     #instances         #bytes  class name (module)
			-------------------------------------------------------
			   1:          1000          64000  [B (java.base@17.0.15)
			   2:           500          12000  java.lang.String (java.base@17.0.15)
			Total          1500          76000
			""";

	private static final String AFTER = """
			12345:
			 num     #instances         #bytes  class name (module)
			-------------------------------------------------------
			   1:          3000         164000  [B (java.base@17.0.15)
			   2:          2000          80000  java.util.LinkedHashMap$Entry (java.base@17.0.15)
			   3:           700          16800  java.lang.String (java.base@17.0.15)
			Total          5700         260800
			""";

	@Test
	void theTotalLineGivesLiveBytesAndInstances() {
		ClassHistogram histogram = ClassHistogram.parse(AFTER);
		assertThat(histogram.totalBytes).isEqualTo(260_800);
		assertThat(histogram.totalInstances).isEqualTo(5_700);
	}

	@Test
	void growthIsPerClassAndLargestFirst() {
		ClassHistogram before = ClassHistogram.parse(BEFORE);
		ClassHistogram after = ClassHistogram.parse(AFTER);
		assertThat(after.largestGrowth(before, 2)).containsExactly(new ClassHistogram.Delta("[B", 2000, 100_000),
				new ClassHistogram.Delta("java.util.LinkedHashMap$Entry", 2000, 80_000));
	}

	@Test
	void outputWithoutATotalIsRejectedWithWhatItGot() {
		assertThatIllegalArgumentException().isThrownBy(() -> ClassHistogram.parse("12345:\nAttach failed"))
			.withMessageContaining("no Total line")
			.withMessageContaining("Attach failed");
	}

}
