package io.roomqueues.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ResultsSectionTests {

	@Test
	void onlyTheTextBetweenTheMarkersIsReplaced() {
		String document = "# Title\n\nkept\n" + ResultsSection.BEGIN + "\nold table\n" + ResultsSection.END
				+ "\n\n## Findings\nkept too\n";
		String updated = ResultsSection.replace(document, "| new | table |");
		assertThat(updated).isEqualTo("# Title\n\nkept\n" + ResultsSection.BEGIN + "\n| new | table |\n"
				+ ResultsSection.END + "\n\n## Findings\nkept too\n");
	}

	@Test
	void replacingTwiceGivesTheSameDocument() {
		String document = ResultsSection.BEGIN + "\n" + ResultsSection.END + "\n";
		String once = ResultsSection.replace(document, "table\n");
		assertThat(ResultsSection.replace(once, "table\n")).isEqualTo(once);
	}

	@Test
	void aDocumentWithoutMarkersIsRejectedNamingThem() {
		assertThatIllegalArgumentException().isThrownBy(() -> ResultsSection.replace("# no markers\n", "table"))
			.withMessageContaining(ResultsSection.BEGIN)
			.withMessageContaining(ResultsSection.END);
	}

}
