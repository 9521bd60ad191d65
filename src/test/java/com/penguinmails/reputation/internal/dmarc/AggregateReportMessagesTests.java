package com.penguinmails.reputation.internal.dmarc;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import static com.penguinmails.reputation.internal.dmarc.DmarcFixtures.file;
import static com.penguinmails.reputation.internal.dmarc.DmarcFixtures.only;
import static com.penguinmails.reputation.internal.dmarc.DmarcFixtures.reason;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reports found in whole mail messages as the reporters send them: attachments in base64
 * (zip, gzip, the wrong content type, an RFC 2231 file name), XML in a quoted-printable
 * body, a forwarded report.
 */
class AggregateReportMessagesTests {

	@Test
	void findsGooglesZipAttachment() {
		List<ReportFile> files = AggregateReports.fromMessage(file("google.eml"));

		assertThat(only(files).reportId()).isEqualTo("4785136913372904458");
		assertThat(files.get(0).name()).isEqualTo("google.com!example.com!1700006400!1700092799.xml");
	}

	@Test
	void findsMicrosoftsAndYahoosGzipAttachments() {
		List<ReportFile> outlook = AggregateReports.fromMessage(file("outlook.eml"));
		List<ReportFile> yahoo = AggregateReports.fromMessage(file("yahoo.eml"));

		assertThat(only(outlook).orgName()).isEqualTo("Enterprise Outlook");
		assertThat(outlook.get(0).name())
			.isEqualTo("enterprise.protection.outlook.com!example.com!1700006400!1700092800.xml.gz");
		assertThat(only(yahoo).orgName()).isEqualTo("Yahoo");
	}

	@Test
	void findsMailRusGzipSentAsOctetStreamWithAnRfc2231FileName() {
		List<ReportFile> files = AggregateReports.fromMessage(file("mailru.eml"));

		assertThat(only(files).orgName()).isEqualTo("Mail.Ru");
		assertThat(files.get(0).name()).isEqualTo("mail.ru!example.com!1700006400!1700092800.xml.gz");
	}

	@Test
	void findsXmlPastedIntoAQuotedPrintableBody() {
		List<ReportFile> files = AggregateReports.fromMessage(file("smallhost.eml"));

		assertThat(only(files).reportId()).isEqualTo("example.com:1700092800");
		assertThat(files.get(0).name()).isEqualTo("body");
	}

	@Test
	void findsTheReportOfAForwardedMessage() {
		assertThat(only(AggregateReports.fromMessage(file("forwarded.eml"))).reportId()).isEqualTo("1700092800.527381");
	}

	@Test
	void saysWhenAMessageHoldsNoReport() {
		assertThat(reason(AggregateReports.fromMessage(file("no-report.eml")))).isEqualTo("no report in the message");
		assertThat(reason(AggregateReports.fromMessage("not a message at all".getBytes(StandardCharsets.US_ASCII))))
			.isEqualTo("no report in the message");
	}

	@Test
	void keepsAMalformedAttachmentAsMalformedUnderItsName() {
		String eml = new String(file("outlook.eml"), StandardCharsets.US_ASCII).replaceAll(
				"(?s)(Content-Disposition: attachment; filename=\"[^\"]+\"\r\n\r\n).*?(\r\n--_000)",
				"$1PGh0bWw+PC9odG1sPg==$2");

		List<ReportFile> files = AggregateReports.fromMessage(eml.getBytes(StandardCharsets.US_ASCII));

		assertThat(files).hasSize(1);
		assertThat(files.get(0).name())
			.isEqualTo("enterprise.protection.outlook.com!example.com!1700006400!1700092800.xml.gz");
		assertThat(reason(files)).contains("root element is <html>");
	}

	@Test
	void refusesAMessageLargerThanTheBound() {
		ReportLimits limits = new ReportLimits(1 << 20, 1 << 20, 10, 1000, 20, 10, 12, 100);

		assertThat(reason(AggregateReports.fromMessage(file("google.eml"), limits)))
			.isEqualTo("message larger than 1000 bytes");
	}

}
