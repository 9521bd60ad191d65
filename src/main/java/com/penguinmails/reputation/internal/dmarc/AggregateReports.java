package com.penguinmails.reputation.internal.dmarc;

import java.util.List;

/**
 * Reads DMARC aggregate report files (RFC 9990, and RFC 7489 Appendix C before it): XML,
 * gzip or zip (RFC 7489 §7.2.1.1), alone or in a mail message (attachments, or the XML in
 * the body). A file that cannot be read comes back as {@link ReportFile.Malformed} with
 * the reason in words for the page; nothing here throws on bad input, and one bad file
 * never hides the good ones beside it.
 * <p>
 * Hardened for files from anyone who can send mail: a real XML parser with no DTD (so no
 * XXE, no external DTD, no entity expansion), streaming; sizes bounded before and after
 * decompression, zip entries counted, nesting bounded ({@link ReportLimits#DEFAULT}).
 * Namespaces and prefixes are ignored; reporters' variations are read with a warning
 * ({@link AggregateReport#warnings()}) where the meaning is clear, see
 * {@code FeedbackMapper}. Thread-safe: no shared state.
 */
public final class AggregateReports {

	private AggregateReports() {
	}

	/**
	 * The reports in one file: {@code name} is its file name (used for messages only),
	 * {@code bytes} its content, compressed or not (told apart by content, not by name).
	 * A zip gives one result per report entry, and a malformed result for the zip itself
	 * when it holds none or a bound was passed.
	 * @param name the file's name as received, e.g.
	 * {@code google.com!example.com!1700006400!1700092799.zip}
	 * @param bytes the file, at most {@link ReportLimits#fileBytes()}
	 * @return at least one result
	 */
	public static List<ReportFile> read(String name, byte[] bytes) {
		return read(name, bytes, ReportLimits.DEFAULT);
	}

	/** {@link #read(String, byte[])} with other bounds. */
	static List<ReportFile> read(String name, byte[] bytes, ReportLimits limits) {
		return ReportArchives.open(name == null || name.isBlank() ? "report" : name, bytes, limits);
	}

	/**
	 * The reports in a whole RFC 5322 message: its attachments, or the XML in its body.
	 * @param rawMessage the message as received, headers and body, at most
	 * {@link ReportLimits#messageBytes()}
	 * @return at least one result: a malformed one named "message" when the message holds
	 * no report or cannot be read
	 */
	public static List<ReportFile> fromMessage(byte[] rawMessage) {
		return fromMessage(rawMessage, ReportLimits.DEFAULT);
	}

	/** {@link #fromMessage(byte[])} with other bounds. */
	static List<ReportFile> fromMessage(byte[] rawMessage, ReportLimits limits) {
		return ReportMessages.read(rawMessage, limits);
	}

}
