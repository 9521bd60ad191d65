package com.penguinmails.inbound.internal;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Properties;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import com.penguinmails.reputation.DmarcTestReports;

import static org.assertj.core.api.Assertions.assertThat;

/** Which messages are DMARC aggregate reports, from their headers and parts only. */
class DmarcReportRecognitionTests {

	static final byte[] GZ = DmarcTestReports.gzip(DmarcTestReports.xml("google.com", "1", "example.com", "none",
			LocalDate.of(2026, 11, 29), DmarcTestReports.Row.of("192.0.2.1", 3, "pass", "pass")));

	static MimeMessage parse(String raw) throws Exception {
		return new MimeMessage(Session.getInstance(new Properties()),
				new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII)));
	}

	@Test
	void aFileNamedAsRfc7489SaysIsAReportWhateverTheSubject() throws Exception {
		MimeMessage message = parse(
				DmarcTestReports.message("noreply@google.com", "dmarc@example.com", "Your weekly digest", "google.com",
						"example.com", "1", GZ, "google.com!example.com!1764374400!1764460799.xml.gz"));

		assertThat(DmarcReportRecognition.isReport(message, false)).isTrue();
	}

	@Test
	void theRfcSubjectWithAGzipAttachmentIsAReport() throws Exception {
		MimeMessage message = parse(DmarcTestReports.message("dmarcreport@microsoft.com", "dmarc@example.com", null,
				"Outlook.com", "example.com", "abc", GZ, "report.gz"));

		assertThat(DmarcReportRecognition.isReport(message, false)).isTrue();
	}

	@Test
	void anAttachmentWithoutTheRfcNamesCountsOnlyInAReportsPlace() throws Exception {
		MimeMessage message = parse(DmarcTestReports.message("reports@small.example", "dmarc@example.com",
				"DMARC for you", "small.example", "example.com", "x", GZ, "report.gz"));

		assertThat(DmarcReportRecognition.isReport(message, false)).isFalse();
		assertThat(DmarcReportRecognition.isReport(message, true)).isTrue();
	}

	@Test
	void ordinaryMailIsNoReportEvenInAReportsPlace() throws Exception {
		MimeMessage message = parse("From: ada@client.test\r\nTo: sam@example.com\r\nSubject: Report domain: hi\r\n"
				+ "Content-Type: text/plain\r\n\r\nHello\r\n");

		assertThat(DmarcReportRecognition.isReport(message, true)).isFalse();
		assertThat(DmarcReportRecognition.isReport(null, true)).isFalse();
	}

}
