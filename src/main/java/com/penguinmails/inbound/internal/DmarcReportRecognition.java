package com.penguinmails.inbound.internal;

import java.io.IOException;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

/**
 * Whether a message is a DMARC aggregate report, from its headers and the names and types
 * of its parts (their content is read by reputation). Pure: no database, no network;
 * never throws.
 */
public final class DmarcReportRecognition {

	// RFC 7489 §7.2.1.1: filename = receiver "!" policy-domain "!" begin-timestamp "!"
	// end-timestamp [ "!" unique-id ] "." extension (xml, xml.gz or zip in practice).
	private static final Pattern FILE_NAME = Pattern
		.compile("(?i)[^!/\\\\]+![^!/\\\\]+!\\d+!\\d+(![^.]*)?\\.(xml|xml\\.gz|gz|gzip|zip)");

	// RFC 7489 §7.2.1.1: Subject: "Report Domain:" domain "Submitter:" org "Report-ID:"
	// id
	private static final Pattern SUBJECT = Pattern.compile("(?i)^\\s*(\\[[^]]*]\\s*)?report\\s+domain\\s*:");

	private static final int MAX_DEPTH = 6;

	private DmarcReportRecognition() {
	}

	/**
	 * True for a report: a part named as RFC 7489 §7.2.1.1 says; or a report-like part
	 * (XML, gzip or zip) under the RFC's subject; or, in a place marked for reports
	 * ({@code inReportsPlace}), any report-like part.
	 */
	public static boolean isReport(MimeMessage message, boolean inReportsPlace) {
		if (message == null) {
			return false;
		}
		try {
			String subject = message.getSubject();
			boolean reportSubject = subject != null && SUBJECT.matcher(subject).find();
			Found found = walk(message, 0);
			return found == Found.NAMED || (found == Found.REPORT_LIKE && (reportSubject || inReportsPlace));
		}
		catch (MessagingException | IOException | RuntimeException ex) {
			return false;
		}
	}

	private enum Found {

		NONE, REPORT_LIKE, NAMED

	}

	private static Found walk(Part part, int depth) throws MessagingException, IOException {
		if (depth > MAX_DEPTH) {
			return Found.NONE;
		}
		if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
			Found best = Found.NONE;
			for (int i = 0; i < multipart.getCount() && best != Found.NAMED; i++) {
				Found found = walk(multipart.getBodyPart(i), depth + 1);
				best = found.ordinal() > best.ordinal() ? found : best;
			}
			return best;
		}
		String name = part.getFileName();
		if (name != null && FILE_NAME.matcher(name.strip()).matches()) {
			return Found.NAMED;
		}
		String type = part.getContentType() == null ? "" : part.getContentType().toLowerCase(Locale.ROOT);
		String lowerName = name == null ? "" : name.toLowerCase(Locale.ROOT);
		boolean reportType = type.startsWith("application/gzip") || type.startsWith("application/x-gzip")
				|| type.startsWith("application/zip") || type.startsWith("application/x-zip")
				|| type.startsWith("text/xml") || type.startsWith("application/xml");
		boolean reportName = lowerName.endsWith(".xml") || lowerName.endsWith(".gz") || lowerName.endsWith(".zip");
		return reportType || reportName ? Found.REPORT_LIKE : Found.NONE;
	}

}
