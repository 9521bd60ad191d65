package com.penguinmails.shared;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What the application writes as CSV is data in a spreadsheet, never a formula. */
class CsvRowsTests {

	@Test
	void cellsThatASpreadsheetWouldRunGetALeadingQuote() {
		assertThat(CsvRows.cell("=HYPERLINK(\"http://x\")")).isEqualTo("'=HYPERLINK(\"http://x\")");
		assertThat(CsvRows.cell("+1")).isEqualTo("'+1");
		assertThat(CsvRows.cell("-2+3")).isEqualTo("'-2+3");
		assertThat(CsvRows.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
		assertThat(CsvRows.cell("\t=1")).isEqualTo("'\t=1");
		assertThat(CsvRows.cell("\r=1")).isEqualTo("'\r=1");
		assertThat(CsvRows.cell("ada@example.com")).isEqualTo("ada@example.com");
		assertThat(CsvRows.cell("")).isEmpty();
	}

	@Test
	void aLineQuotesWhatNeedsIt() {
		assertThat(CsvRows.line("a,b", "=x", null, 3)).isEqualTo("\"a,b\",'=x,,3\n");
	}

}
