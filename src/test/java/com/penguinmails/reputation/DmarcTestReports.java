package com.penguinmails.reputation;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;

/**
 * Plain RFC 7489 Appendix C aggregate reports built for tests, alone, gzipped, or in a
 * message as a reporter sends them (RFC 7489 §7.2.1.1 subject and file name).
 */
public final class DmarcTestReports {

	private DmarcTestReports() {
	}

	/**
	 * One record: {@code count} messages from {@code ip}, with DMARC's DKIM and SPF
	 * results ({@code pass} or {@code fail}) and the raw ones.
	 */
	public record Row(String ip, int count, String dkim, String spf, String dkimDomain, String reason) {

		public static Row of(String ip, int count, String dkim, String spf) {
			return new Row(ip, count, dkim, spf, null, null);
		}

	}

	/** A report by {@code org} for {@code domain} covering the UTC day {@code day}. */
	public static String xml(String org, String reportId, String domain, String p, LocalDate day, Row... rows) {
		long begin = day.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
		StringBuilder xml = new StringBuilder("""
				<?xml version="1.0" encoding="UTF-8" ?>
				<feedback>
				  <report_metadata>
				    <org_name>%s</org_name>
				    <email>noreply-dmarc-support@%s</email>
				    <report_id>%s</report_id>
				    <date_range><begin>%d</begin><end>%d</end></date_range>
				  </report_metadata>
				  <policy_published>
				    <domain>%s</domain><adkim>r</adkim><aspf>r</aspf><p>%s</p><sp>%s</sp><pct>100</pct>
				  </policy_published>
				""".formatted(org, org, reportId, begin, begin + 86399, domain, p, p));
		for (Row row : rows) {
			String dkimDomain = row.dkimDomain() == null ? domain : row.dkimDomain();
			xml.append(
					"""
							  <record>
							    <row>
							      <source_ip>%s</source_ip>
							      <count>%d</count>
							      <policy_evaluated><disposition>none</disposition><dkim>%s</dkim><spf>%s</spf>%s</policy_evaluated>
							    </row>
							    <identifiers><header_from>%s</header_from><envelope_from>%s</envelope_from></identifiers>
							    <auth_results>
							      <dkim><domain>%s</domain><selector>pm</selector><result>%s</result></dkim>
							      <spf><domain>%s</domain><scope>mfrom</scope><result>%s</result></spf>
							    </auth_results>
							  </record>
							"""
						.formatted(row.ip(), row.count(), row.dkim(), row.spf(),
								row.reason() == null ? "" : "<reason><type>" + row.reason() + "</type></reason>",
								domain, domain, dkimDomain, row.dkim(), domain, row.spf()));
		}
		return xml.append("</feedback>\n").toString();
	}

	public static byte[] gzip(String xml) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
			gzip.write(xml.getBytes(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return bytes.toByteArray();
	}

	/**
	 * A message as Google sends one: the RFC 7489 §7.2.1.1 subject and a gzipped
	 * attachment named receiver!domain!begin!end.xml.gz; {@code subject} null keeps the
	 * RFC's. Lines end in LF (as {@code InboundFixtures.deliverRaw} takes them).
	 */
	public static String message(String from, String to, String subject, String org, String domain, String reportId,
			byte[] attachment, String fileName) {
		String subjectLine = subject != null ? subject
				: "Report domain: " + domain + " Submitter: " + org + " Report-ID: " + reportId;
		String b64 = Base64.getMimeEncoder(76, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(attachment);
		return """
				From: %s
				To: %s
				Subject: %s
				Message-ID: <%s@%s>
				Date: Mon, 30 Nov 2026 10:00:00 +0000
				MIME-Version: 1.0
				Content-Type: multipart/mixed; boundary="b1"

				--b1
				Content-Type: text/plain; charset=UTF-8

				This is an aggregate report from %s.
				--b1
				Content-Type: application/gzip; name="%s"
				Content-Disposition: attachment; filename="%s"
				Content-Transfer-Encoding: base64

				%s
				--b1--
				""".formatted(from, to, subjectLine, java.util.UUID.randomUUID(), org, org, fileName, fileName, b64);
	}

}
