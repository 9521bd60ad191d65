package com.penguinmails.reputation.internal.dmarc;

/**
 * What became of one report file: read, or kept aside as malformed with the reason.
 */
public sealed interface ReportFile {

	/** The file's name as sent (an attachment's file name, or "body"), never null. */
	String name();

	/** A report that was read. */
	record Read(String name, AggregateReport report) implements ReportFile {
	}

	/**
	 * A file that could not be read as a report.
	 *
	 * @param reason why, in words for the page ("not XML: ...", "external entities are
	 * refused", "larger than 50 MB uncompressed")
	 */
	record Malformed(String name, String reason) implements ReportFile {
	}

}
