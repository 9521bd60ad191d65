package com.penguinmails.reputation.internal.dmarc;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import static com.penguinmails.reputation.internal.dmarc.DmarcFixtures.file;
import static com.penguinmails.reputation.internal.dmarc.DmarcFixtures.gzip;
import static com.penguinmails.reputation.internal.dmarc.DmarcFixtures.only;
import static com.penguinmails.reputation.internal.dmarc.DmarcFixtures.reason;
import static com.penguinmails.reputation.internal.dmarc.DmarcFixtures.zip;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile and broken files: XXE attempts, zip bombs, too many entries, deep nesting. Each
 * comes back as {@link ReportFile.Malformed} with the reason, never an exception, and
 * never stops the good reports beside it.
 */
class AggregateReportHardeningTests {

	/** Small bounds, so the tests build small bombs. */
	private static final ReportLimits SMALL = new ReportLimits(64 << 10, 1 << 20, 10, 1 << 20, 20, 3, 12, 100);

	@Test
	void refusesTheBillionLaughs() {
		assertThat(reason(AggregateReports.read("laughs.xml", file("xxe-billion-laughs.xml"))))
			.startsWith("a DOCTYPE is refused");
	}

	@Test
	void refusesAnExternalEntityAndNeverShowsTheFile() {
		List<ReportFile> files = AggregateReports.read("file.xml", file("xxe-external-file.xml"));

		assertThat(reason(files)).startsWith("a DOCTYPE is refused").doesNotContain("root:");
	}

	@Test
	void refusesAnExternalDtdWithoutFetchingIt() throws IOException {
		try (ServerSocket server = new ServerSocket(0)) {
			byte[] xml = new String(file("xxe-external-dtd.xml"), StandardCharsets.UTF_8)
				.replace("127.0.0.1:1", "127.0.0.1:" + server.getLocalPort())
				.getBytes(StandardCharsets.UTF_8);

			assertThat(reason(AggregateReports.read("dtd.xml", xml))).startsWith("a DOCTYPE is refused");
			assertThat(connected(server)).isFalse();
		}
	}

	@Test
	void refusesAParameterEntity() {
		assertThat(reason(AggregateReports.read("pe.xml", file("xxe-parameter-entity.xml"))))
			.startsWith("a DOCTYPE is refused");
	}

	@Test
	void refusesAnUndeclaredEntityAsNotXml() {
		assertThat(reason(AggregateReports.read("u.xml", file("xxe-undeclared-entity.xml")))).startsWith("not XML")
			.contains("xxe");
	}

	@Test
	void saysWhyBrokenFilesAreNotReports() {
		assertThat(reason(AggregateReports.read("t.xml", file("malformed-truncated.xml")))).startsWith("not XML");
		assertThat(reason(AggregateReports.read("h.xml", file("malformed-not-feedback.xml"))))
			.isEqualTo("not a DMARC aggregate report: the root element is <html>, not <feedback>");
		assertThat(reason(AggregateReports.read("n.xml", file("malformed-no-report-id.xml"))))
			.isEqualTo("no report_metadata/report_id");
		assertThat(reason(AggregateReports.read("g.gz", file("malformed-garbage.gz"))))
			.startsWith("not a readable gzip or zip file");
		assertThat(reason(AggregateReports.read("empty.xml", new byte[0]))).isEqualTo("empty file");
		assertThat(reason(AggregateReports.read("pdf", "%PDF-1.7".getBytes(StandardCharsets.US_ASCII))))
			.startsWith("not XML");
	}

	@Test
	void refusesAFileLargerThanTheBoundBeforeOpeningIt() {
		assertThat(reason(AggregateReports.read("big.xml", new byte[(64 << 10) + 1], SMALL)))
			.isEqualTo("larger than 65536 bytes");
		assertThat(reason(AggregateReports.read("big.xml", new byte[(10 << 20) + 1]))).isEqualTo("larger than 10 MB");
	}

	@Test
	void stopsAGzipBombAtTheUncompressedBound() {
		byte[] bomb = gzip(new byte[60 << 20]);

		assertThat(bomb.length).isLessThan(100_000);
		assertThat(reason(AggregateReports.read("bomb.xml.gz", bomb))).isEqualTo("larger than 50 MB uncompressed");
	}

	@Test
	void countsWhatFollowsTheDocumentInAGzip() {
		byte[] padded = new byte[2 << 20];
		byte[] xml = file("smallhost.xml");
		System.arraycopy(xml, 0, padded, 0, xml.length);

		assertThat(reason(AggregateReports.read("padded.xml.gz", gzip(padded), SMALL)))
			.isEqualTo("larger than 1 MB uncompressed");
	}

	@Test
	void stopsADocumentLargerThanTheBoundWhileParsingIt() {
		String xml = new String(file("smallhost.xml"), StandardCharsets.UTF_8).replace("<report_metadata>",
				"<!--" + " ".repeat(2 << 20) + "--><report_metadata>");

		assertThat(reason(AggregateReports.read("huge.xml.gz", gzip(xml.getBytes(StandardCharsets.UTF_8)), SMALL)))
			.isEqualTo("larger than 1 MB uncompressed");
	}

	@Test
	void sharesTheUncompressedBoundAcrossZipEntriesAndKeepsWhatWasRead() {
		byte[] report = file("smallhost.xml");
		byte[] bomb = zip("a.xml", report, "zeros.xml", new byte[900 << 10], "b.xml", new byte[900 << 10]);

		List<ReportFile> files = AggregateReports.read("bomb.zip", bomb, SMALL);

		assertThat(files.get(0)).isInstanceOf(ReportFile.Read.class);
		assertThat(files).last().isEqualTo(new ReportFile.Malformed("bomb.zip", "larger than 1 MB uncompressed"));
	}

	@Test
	void readsNoMoreThanTheBoundOfZipEntries() {
		Object[] entries = new Object[2 * 12];
		for (int i = 0; i < 12; i++) {
			entries[2 * i] = "r" + i + ".xml";
			entries[2 * i + 1] = file("smallhost.xml");
		}

		List<ReportFile> files = AggregateReports.read("many.zip", zip(entries), SMALL);

		assertThat(files).hasSize(11);
		assertThat(files.subList(0, 10)).allMatch(ReportFile.Read.class::isInstance);
		assertThat(((ReportFile.Malformed) files.get(10)).reason())
			.isEqualTo("more than 10 entries in the zip: the rest were not read");
	}

	@Test
	void opensCompressionTwiceButNoDeeper() {
		byte[] xml = file("smallhost.xml");

		assertThat(only(AggregateReports.read("twice.zip", zip("r.xml.gz", gzip(xml)))).orgName())
			.isEqualTo("mx.smallhost.example");
		assertThat(reason(AggregateReports.read("thrice.gz", gzip(gzip(gzip(xml))))))
			.isEqualTo("compressed more than 2 times");
	}

	@Test
	void keepsTheGoodEntriesOfAZipBesideABadOne() {
		List<ReportFile> files = AggregateReports.read("mixed.zip",
				zip("bad.xml", file("xxe-billion-laughs.xml"), "good.xml", file("smallhost.xml")));

		assertThat(files).hasSize(2);
		assertThat(files.get(0)).isInstanceOf(ReportFile.Malformed.class);
		assertThat(files.get(1)).isInstanceOf(ReportFile.Read.class);
		assertThat(reason(AggregateReports.read("nothing.zip", zip("README.txt", "hello".getBytes()))))
			.isEqualTo("no XML report in the zip");
	}

	@Test
	void refusesDeepNesting() {
		String xml = "<feedback><record>" + "<a>".repeat(20) + "</a>".repeat(20) + "</record></feedback>";

		assertThat(reason(AggregateReports.read("deep.xml", xml.getBytes(StandardCharsets.UTF_8), SMALL)))
			.isEqualTo("elements nested deeper than 12");
	}

	@Test
	void refusesMoreRecordsThanTheBound() {
		String xml = new String(file("google.xml"), StandardCharsets.UTF_8);
		int at = xml.indexOf("<record>");
		String more = xml.substring(0, at) + xml.substring(at, xml.indexOf("</record>") + 9) + xml.substring(at);

		assertThat(reason(AggregateReports.read("four.xml", more.getBytes(StandardCharsets.UTF_8), SMALL)))
			.isEqualTo("more than 3 records in one report");
	}

	@Test
	void cutsAnOverlongValueWithAWarning() {
		String xml = new String(file("smallhost.xml"), StandardCharsets.UTF_8).replace("arrived through",
				"x".repeat(500));

		AggregateReport report = only(AggregateReports.read("long.xml", xml.getBytes(StandardCharsets.UTF_8), SMALL));

		assertThat(report.warnings()).contains("a value longer than 100 characters was cut");
	}

	private static boolean connected(ServerSocket server) throws IOException {
		server.setSoTimeout(200);
		try {
			server.accept().close();
			return true;
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
	}

}
