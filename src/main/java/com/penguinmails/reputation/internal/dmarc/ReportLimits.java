package com.penguinmails.reputation.internal.dmarc;

/**
 * The bounds a report file or message must stay within; beyond one, the file is
 * {@link ReportFile.Malformed} with the bound in the reason. They keep a hostile or
 * broken file (a zip bomb, a million-entry zip, a deeply nested document) from costing
 * more than a large honest report: Google's and Microsoft's biggest daily files are a few
 * MB of XML.
 *
 * @param fileBytes largest file as received (compressed, or plain XML), in bytes
 * @param uncompressedBytes largest total of bytes decompressed from one file (all its zip
 * entries and gzip members together), in bytes
 * @param zipEntries most entries in one zip (directories and ignored entries included)
 * @param messageBytes largest whole mail message, in bytes
 * @param mimeParts most MIME parts walked in one message
 * @param records most {@code record} elements in one report
 * @param depth deepest element nesting in the XML
 * @param textChars longest text of one element, in characters; longer text is cut, with a
 * warning
 */
public record ReportLimits(long fileBytes, long uncompressedBytes, int zipEntries, long messageBytes, int mimeParts,
		int records, int depth, int textChars) {

	/**
	 * The bounds {@link AggregateReports#read} and {@link AggregateReports#fromMessage}
	 * use.
	 */
	public static final ReportLimits DEFAULT = new ReportLimits(10L << 20, 50L << 20, 100, 25L << 20, 100, 200_000, 32,
			4_096);

	/** A size in words for a reason: "10 MB", "512 bytes". */
	static String describe(long bytes) {
		return bytes >= (1L << 20) && bytes % (1L << 20) == 0 ? (bytes >> 20) + " MB" : bytes + " bytes";
	}

}
