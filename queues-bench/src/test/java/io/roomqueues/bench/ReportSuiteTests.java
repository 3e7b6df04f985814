package io.roomqueues.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReportSuiteTests {

	@Test
	void aReceiveRunIsPrefilledWithAMarginOverWhatTheSendsReached() {
		assertThat(ReportSuite.prefill(40_000, 4)).isEqualTo(40_000 * 4 * 13 / 10 + 2_000);
	}

	@Test
	void thePrefillStaysWithinItsBounds() {
		assertThat(ReportSuite.prefill(0, 4)).isEqualTo(10_000);
		assertThat(ReportSuite.prefill(1_000_000, 4)).isEqualTo(600_000);
	}

	@Test
	void histogramClassNamesAreShownAsInSource() {
		assertThat(ReportTables.simpleName("[B")).isEqualTo("byte[]");
		assertThat(ReportTables.simpleName("[Ljava.util.HashMap$Node;")).isEqualTo("HashMap$Node[]");
		assertThat(ReportTables.simpleName("java.lang.String")).isEqualTo("String");
	}

	@Test
	void eachRowIsDividedByTheCeilingWithTheNearestMeasuredWindow() {
		assertThat(ReportTables.ceilingWindow(1)).isEqualTo(1);
		assertThat(ReportTables.ceilingWindow(8)).isEqualTo(16);
		assertThat(ReportTables.ceilingWindow(16)).isEqualTo(16);
		assertThat(ReportTables.ceilingWindow(64)).isEqualTo(256);
		assertThat(ReportTables.ceilingWindow(256)).isEqualTo(256);
	}

}
