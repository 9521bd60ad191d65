package com.penguinmails.contacts.internal;

import java.io.StringWriter;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A staged row prints exactly as Commons CSV's PostgreSQL format printed it (what COPY
 * reads): quotes doubled, separators and line breaks inside quotes, NULL unquoted.
 */
class StagedContactTests {

	private static String commonsCsv(StagedContact row, long line) throws Exception {
		StringWriter out = new StringWriter();
		try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.POSTGRESQL_CSV)) {
			printer.printRecord(line, row.email(), row.firstName(), row.lastName(), row.company(), row.title(),
					row.phone(), row.website(), row.linkedinUrl(), row.timeZone(), row.country(), row.customJson(),
					row.tags(), row.roleAddress(), row.disposable(), row.mxFound());
		}
		return out.toString();
	}

	@Test
	void printsTheTextCommonsCsvPrintedForPostgresqlCopy() throws Exception {
		StagedContact plain = new StagedContact("ann@acme.test", "Ann", "", "Acme, Inc", "", "+1 555", "", "", "", "US",
				"{}", "{\"lead\"}", false, false, null);
		StagedContact tricky = new StagedContact("bob@acme.test", "Bob \"B\"", "O'Neil", "Line\nbreak", "\\back", "",
				"", "", "Europe/Paris", "", "{\"note\":\"say \\\"hi\\\", ok\"}", "{\"a,b\",\"c\\\\\"}", true, true,
				Boolean.TRUE);
		StringBuilder out = new StringBuilder();

		plain.print(out, 2);
		tricky.print(out, 3_000_000_000L);

		assertThat(out.toString()).isEqualTo(commonsCsv(plain, 2) + commonsCsv(tricky, 3_000_000_000L));
	}

}
