package com.penguinmails.reputation.internal.dmarc;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Opens one report file as sent: plain XML, gzip (RFC 1952) or zip, the forms RFC 7489
 * §7.2.1.1 and RFC 9990 allow, told apart by their first bytes whatever the file is
 * called (reporters name and label them loosely). A zip gives one result per report
 * entry: directories, {@code __MACOSX/} and entries that are not XML, gzip or zip (a
 * {@code README.txt}) are ignored; a gzip or zip inside is opened once more, no deeper.
 * Everything decompressed from one file shares one {@link ReportLimits#uncompressedBytes}
 * budget.
 */
final class ReportArchives {

	private static final int NESTING = 2;

	private ReportArchives() {
	}

	static List<ReportFile> open(String name, byte[] bytes, ReportLimits limits) {
		if (bytes.length == 0) {
			return List.of(new ReportFile.Malformed(name, "empty file"));
		}
		if (bytes.length > limits.fileBytes()) {
			return List.of(new ReportFile.Malformed(name, "larger than " + ReportLimits.describe(limits.fileBytes())));
		}
		List<ReportFile> files = new ArrayList<>(1);
		BoundedInput.Budget budget = new BoundedInput.Budget(limits.uncompressedBytes());
		try {
			open(name, new BufferedInputStream(new ByteArrayInputStream(bytes)), 0, budget, limits, files);
		}
		catch (BoundedInput.TooLarge ex) {
			files.add(new ReportFile.Malformed(name, ex.getMessage()));
		}
		catch (IOException ex) {
			files.add(new ReportFile.Malformed(name, "not a readable gzip or zip file: " + ex.getMessage()));
		}
		return files;
	}

	/** What kind of content a stream holds, by its first bytes (it must support mark). */
	enum Kind {

		GZIP, ZIP, XML, OTHER;

		static Kind of(InputStream in) throws IOException {
			in.mark(64);
			byte[] head = in.readNBytes(64);
			in.reset();
			if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
				return GZIP;
			}
			// Local file header or, for an empty zip, the end of central directory.
			if (head.length >= 4 && head[0] == 'P' && head[1] == 'K'
					&& ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6))) {
				return ZIP;
			}
			for (int i = 0; i < head.length; i++) {
				int b = head[i] & 0xff;
				// '<', a UTF-16 byte order mark, or UTF-16 without one ("\0<" or "<\0").
				if (b == '<' || b == 0xfe || b == 0xff || (b == 0 && i + 1 < head.length && head[i + 1] == '<')) {
					return XML;
				}
				if (!(b == ' ' || b == '\t' || b == '\r' || b == '\n'
						|| (i < 3 && (b == 0xef || b == 0xbb || b == 0xbf)))) {
					return OTHER;
				}
			}
			return OTHER;
		}

	}

	private static void open(String name, InputStream in, int nesting, BoundedInput.Budget budget, ReportLimits limits,
			List<ReportFile> files) throws IOException {
		switch (Kind.of(in)) {
			case GZIP -> {
				if (nesting >= NESTING) {
					files.add(new ReportFile.Malformed(name, "compressed more than " + NESTING + " times"));
					return;
				}
				// GZIPInputStream reads concatenated members (RFC 1952 §2.2) as one
				// stream.
				BoundedInput inflated = new BoundedInput(new GZIPInputStream(in, 8192), budget);
				List<ReportFile> inside = new ArrayList<>(1);
				open(name, new BufferedInputStream(inflated, 8192), nesting + 1, budget, limits, inside);
				// Through the budget: a bomb hidden after the document still counts, and
				// makes the whole member malformed.
				inflated.drain();
				files.addAll(inside);
			}
			case ZIP -> {
				if (nesting >= NESTING) {
					files.add(new ReportFile.Malformed(name, "compressed more than " + NESTING + " times"));
					return;
				}
				zip(name, in, nesting, budget, limits, files);
			}
			default -> files.add(FeedbackXml.read(name, in, limits));
		}
	}

	private static void zip(String name, InputStream in, int nesting, BoundedInput.Budget budget, ReportLimits limits,
			List<ReportFile> files) throws IOException {
		int before = files.size();
		int entries = 0;
		ZipInputStream zip = new ZipInputStream(in);
		for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
			if (++entries > limits.zipEntries()) {
				files.add(new ReportFile.Malformed(name,
						"more than " + limits.zipEntries() + " entries in the zip: the rest were not read"));
				return;
			}
			BoundedInput inflated = new BoundedInput(zip, budget);
			BufferedInputStream content = new BufferedInputStream(inflated, 8192);
			List<ReportFile> inside = new ArrayList<>(1);
			if (!entry.isDirectory() && !ignored(entry.getName())
					&& (Kind.of(content) != Kind.OTHER || reportName(entry.getName()))) {
				open(entry.getName(), content, nesting + 1, budget, limits, inside);
			}
			// Through the budget: a bomb hidden after the document still counts.
			inflated.drain();
			files.addAll(inside);
		}
		if (files.size() == before) {
			files.add(new ReportFile.Malformed(name, "no XML report in the zip"));
		}
	}

	private static boolean ignored(String entryName) {
		String base = entryName.substring(entryName.lastIndexOf('/') + 1);
		return entryName.startsWith("__MACOSX/") || base.startsWith("._") || base.isEmpty();
	}

	private static boolean reportName(String entryName) {
		String lower = entryName.toLowerCase(Locale.ROOT);
		return lower.endsWith(".xml") || lower.endsWith(".gz") || lower.endsWith(".zip");
	}

}
