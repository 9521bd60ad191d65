package com.penguinmails.reputation.internal.dmarc;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static com.penguinmails.reputation.internal.dmarc.DmarcFixtures.file;
import static com.penguinmails.reputation.internal.dmarc.DmarcFixtures.only;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Report files in the shapes the big reporters send, read into {@link AggregateReport}s.
 */
class AggregateReportsTests {

	private static final String GOOGLE_ZIP = "google.com!example.com!1700006400!1700092799.zip";

	private static final String OUTLOOK_GZ = "enterprise.protection.outlook.com!example.com!1700006400!1700092800.xml.gz";

	@Test
	void readsGooglesZipWithEveryRowAndItsAuthResults() {
		List<ReportFile> files = AggregateReports.read(GOOGLE_ZIP, file(GOOGLE_ZIP));

		assertThat(files.get(0).name()).isEqualTo("google.com!example.com!1700006400!1700092799.xml");
		AggregateReport report = only(files);
		assertThat(report.orgName()).isEqualTo("google.com");
		assertThat(report.email()).isEqualTo("noreply-dmarc-support@google.com");
		assertThat(report.reportId()).isEqualTo("4785136913372904458");
		assertThat(report.begin()).isEqualTo(Instant.ofEpochSecond(1700006400));
		assertThat(report.end()).isEqualTo(Instant.ofEpochSecond(1700092799));
		assertThat(report.policy())
			.isEqualTo(new AggregateReport.PolicyPublished("example.com", "r", "r", "none", "none", 100, "none", null));
		assertThat(report.rows()).extracting(AggregateReport.Row::sourceIp)
			.containsExactly("203.0.113.10", "209.85.220.41", "198.51.100.77");
		assertThat(report.rows()).extracting(AggregateReport.Row::count).containsExactly(42L, 3L, 5L);
		AggregateReport.Row forwarded = report.rows().get(1);
		assertThat(forwarded.headerFrom()).isEqualTo("example.com");
		assertThat(forwarded.reasons()).containsExactly("forwarded");
		assertThat(forwarded.passed()).isTrue();
		assertThat(forwarded.dkimResults()).containsExactly(
				new AggregateReport.AuthResult("example.com", "pm2026", "pass", null),
				new AggregateReport.AuthResult("gappssmtp.com", "20230601", "pass", null));
		assertThat(forwarded.spfResults())
			.containsExactly(new AggregateReport.AuthResult("lists.example.org", null, "softfail", null));
		assertThat(report.rows().get(2).passed()).isFalse();
		assertThat(report.rows().get(2).dkimResults()).isEmpty();
		assertThat(report.warnings()).isEmpty();
	}

	@Test
	void readsMicrosoftsGzipWithEnvelopeIdentifiersAndScope() {
		AggregateReport report = only(AggregateReports.read(OUTLOOK_GZ, file(OUTLOOK_GZ)));

		assertThat(report.orgName()).isEqualTo("Enterprise Outlook");
		assertThat(report.policy().p()).isEqualTo("quarantine");
		AggregateReport.Row failing = report.rows().get(1);
		assertThat(failing.disposition()).isEqualTo("quarantine");
		assertThat(failing.envelopeFrom()).isEqualTo("mail.example.net");
		assertThat(failing.envelopeTo()).isEqualTo("contoso.com");
		assertThat(failing.spfResults())
			.containsExactly(new AggregateReport.AuthResult("mail.example.net", null, "temperror", "mfrom"));
		assertThat(report.warnings()).isEmpty();
	}

	@Test
	void readsYahoosOneLineFileAndNormalisesIpv6AndOldResultWords() {
		String name = "yahoo.com!example.com!1700006400!1700092799.xml.gz";
		AggregateReport report = only(AggregateReports.read(name, file(name)));

		assertThat(report.reportId()).isEqualTo("1700092800.527381");
		assertThat(report.policy().adkim()).isEqualTo("s");
		assertThat(report.policy().sp()).isNull();
		// RFC 5952 §4 text for IPv6; an IPv4-mapped address as the IPv4 it is.
		assertThat(report.rows()).extracting(AggregateReport.Row::sourceIp)
			.containsExactly("2001:db8::25", "198.51.100.9");
		assertThat(report.rows().get(1).spfResults().get(0).result()).isEqualTo("fail");
	}

	@Test
	void readsMailRusFileWithByteOrderMarkCrLfAndWhiteSpaceAroundValues() {
		String name = "mail.ru!example.com!1700006400!1700092800.xml.gz";
		AggregateReport report = only(AggregateReports.read(name, file(name)));

		assertThat(report.orgName()).isEqualTo("Mail.Ru");
		assertThat(report.begin()).isEqualTo(Instant.ofEpochSecond(1700006400));
		assertThat(report.rows().get(0).sourceIp()).isEqualTo("203.0.113.10");
		assertThat(report.rows().get(0).count()).isEqualTo(11);
		assertThat(report.warnings()).isEmpty();
	}

	@Test
	void readsSmallProvidersPlainXmlWithEmptyEmailAndSeveralSpfResults() {
		AggregateReport report = only(AggregateReports.read("smallhost.xml", file("smallhost.xml")));

		assertThat(report.email()).isNull();
		assertThat(report.policy().adkim()).isNull();
		assertThat(report.policy().pct()).isNull();
		AggregateReport.Row row = report.rows().get(0);
		assertThat(row.sourceIp()).isEqualTo("2001:db8:85a3::8a2e:370:7334");
		assertThat(row.envelopeFrom()).isNull();
		assertThat(row.reasons()).containsExactly("mailing_list");
		assertThat(row.spfResults()).extracting(AggregateReport.AuthResult::scope).containsExactly("helo", "mfrom");
	}

	@Test
	void readsRfc9990WithItsNamespacePrefixErrorTestingAndPassDisposition() {
		AggregateReport report = only(AggregateReports.read("rfc9990.xml", file("rfc9990.xml")));

		assertThat(report.orgName()).isEqualTo("receiver.example");
		assertThat(report.policy()).isEqualTo(new AggregateReport.PolicyPublished("example.com", "s", "s", "quarantine",
				"quarantine", null, "reject", "y"));
		assertThat(report.rows()).hasSize(2);
		assertThat(report.rows().get(0).disposition()).isEqualTo("none");
		assertThat(report.rows().get(0).sourceIp()).isEqualTo("2001:db8::a");
		assertThat(report.rows().get(1).reasons()).containsExactly("policy_test_mode");
		assertThat(report.warnings())
			.containsExactly("the reporter noted: DNS timeout looking up the DMARC record of sub.example.com");
	}

	@Test
	void readsADraftNamespaceWithCdataAndDatesWrittenAsText() {
		AggregateReport report = only(AggregateReports.read("draft.xml", file("draft-namespace.xml")));

		assertThat(report.reportId()).isEqualTo("draft-42");
		assertThat(report.begin()).isEqualTo(Instant.parse("2023-11-15T00:00:00Z"));
		assertThat(report.end()).isEqualTo(Instant.parse("2023-11-15T23:59:59Z"));
		assertThat(report.policy().domain()).isEqualTo("example.com");
		assertThat(report.policy().p()).isEqualTo("none");
		assertThat(report.rows().get(0).dkimResults().get(0).result()).isEqualTo("pass");
		assertThat(report.warnings()).anyMatch(w -> w.contains("written as a date"));
	}

	@Test
	void skipsBadRecordsWithWarningsAndKeepsTheGoodOnes() {
		AggregateReport report = only(AggregateReports.read("odd.xml", file("odd-records.xml")));

		assertThat(report.begin()).isEqualTo(Instant.ofEpochSecond(1700006400));
		assertThat(report.policy().pct()).isNull();
		assertThat(report.rows()).extracting(AggregateReport.Row::sourceIp).containsExactly("192.0.2.8", "192.0.2.9");
		AggregateReport.Row bare = report.rows().get(0);
		assertThat(bare.disposition()).isEqualTo("none");
		assertThat(bare.passed()).isFalse();
		assertThat(bare.headerFrom()).isEqualTo("example.com");
		AggregateReport.Row oldWords = report.rows().get(1);
		assertThat(oldWords.spfResults().get(0).result()).isEqualTo("permerror");
		assertThat(oldWords.dkimResults().get(0).result()).isEqualTo("temperror");
		assertThat(report.warnings()).contains("record skipped: source_ip is not an IP address",
				"record skipped: negative count", "date_range end is before begin: the two were swapped",
				"pct \"all\" is not a number; ignored");
	}

	@Test
	void readsEveryReportOfAZipAndIgnoresDirectoriesAndOtherFiles() {
		List<ReportFile> files = AggregateReports.read("several.zip", file("several.zip"));

		assertThat(files).allMatch(ReportFile.Read.class::isInstance);
		assertThat(files).extracting(ReportFile::name)
			.containsExactly("reports/google.com!example.com!1700006400!1700092799.xml",
					"reports/receiver.example!example.com!1700006400!1700092800.xml.gz");
		assertThat(files).extracting(f -> ((ReportFile.Read) f).report().orgName())
			.containsExactly("google.com", "receiver.example");
	}

	@Test
	void readsTheSameReportWhateverItsFileIsCalled() {
		AggregateReport named = only(AggregateReports.read(GOOGLE_ZIP, file(GOOGLE_ZIP)));

		assertThat(only(AggregateReports.read("attachment.bin", file(GOOGLE_ZIP)))).isEqualTo(named);
		assertThat(only(AggregateReports.read("report.xml", file(OUTLOOK_GZ))).reportId())
			.isEqualTo("a3f1c2d4e5b64789a0b1c2d3e4f5a6b7");
	}

	@Test
	void readsLeadingWhiteSpaceBeforeTheDeclarationAndIgnoresTrailingBytes() {
		byte[] xml = ("\n\n  " + new String(file("smallhost.xml"), StandardCharsets.UTF_8) + "\u0000\u0000garbage")
			.getBytes(StandardCharsets.UTF_8);

		assertThat(only(AggregateReports.read("padded.xml", xml)).reportId()).isEqualTo("example.com:1700092800");
	}

	@Test
	void readsAUtf16File() {
		byte[] xml = new String(file("google.xml"), StandardCharsets.UTF_8).replace("UTF-8", "UTF-16")
			.getBytes(StandardCharsets.UTF_16);

		assertThat(only(AggregateReports.read("utf16.xml", xml)).rows()).hasSize(3);
	}

	@Test
	void readsGeneratedReportsOfEveryShapeAsFilesAndInMessages() {
		for (ReportShapes.Shape shape : ReportShapes.Shape.values()) {
			byte[] file = ReportShapes.file(shape, 7, 50, 7);

			AggregateReport report = only(AggregateReports.read(ReportShapes.fileName(shape, 7), file));

			assertThat(report.rows()).as(shape.name()).hasSize(50);
			assertThat(report.warnings()).as(shape.name()).isEmpty();
			assertThat(only(AggregateReports.fromMessage(ReportShapes.message(shape, 7, file)))).isEqualTo(report);
		}
	}

}
