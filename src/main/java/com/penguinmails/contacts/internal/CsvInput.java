package com.penguinmails.contacts.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import com.ibm.icu.text.CharsetDetector;
import com.ibm.icu.text.CharsetMatch;

/**
 * How to read an uploaded CSV file as text: its character encoding and its delimiter.
 *
 * <p>
 * The encoding, in this order: the one the user names; a byte order mark (UTF-8, UTF-16
 * LE/BE, UTF-32 LE/BE; Unicode §23.8); UTF-16 without a mark when every other byte of the
 * sample is zero; UTF-8 when the first {@value #SAMPLE} bytes are valid UTF-8 (plain
 * ASCII included); else ICU4J's {@link CharsetDetector} (single-byte Windows and ISO-8859
 * code pages, KOI8-R, Shift_JIS, EUC, GB18030, Big5). When nothing fits,
 * {@link UnknownEncoding} asks the user to name it. Text is always decoded with
 * {@link CodingErrorAction#REPORT}: a byte that is not valid in the encoding stops the
 * import with a message, and is never turned into U+FFFD.
 *
 * <p>
 * The delimiter, unless the user names it: the one an Excel {@code sep=;} first line
 * names, else the one of {@code , ; TAB |} that splits the header line most often and the
 * next lines as often.
 */
public final class CsvInput {

	/** Bytes read to tell the encoding and the delimiter. */
	static final int SAMPLE = 64 * 1024;

	/** The delimiters guessed, in order of preference on a tie. */
	public static final List<Character> DELIMITERS = List.of(',', ';', '\t', '|');

	/**
	 * The encoding of a file and how it was found.
	 *
	 * @param charset the encoding
	 * @param source {@code given} (named by the user), {@code bom}, or {@code detected}
	 * @param bomLength bytes of byte order mark to skip
	 */
	public record Encoding(Charset charset, String source, int bomLength) {

		/** The IANA name of the encoding (RFC 2978), as shown and stored. */
		public String name() {
			return charset.name();
		}

	}

	/** The encoding could not be told, or the one named is unknown. */
	public static final class UnknownEncoding extends IllegalArgumentException {

		UnknownEncoding(String message) {
			super(message);
		}

	}

	private CsvInput() {
	}

	/**
	 * The encoding named by a user: an IANA name or alias ({@code windows-1252},
	 * {@code latin1}, {@code UTF-16LE}); null or blank for none.
	 * @throws UnknownEncoding when Java knows no such encoding
	 */
	public static Charset named(String name) {
		if (name == null || name.isBlank() || name.strip().equalsIgnoreCase("auto")) {
			return null;
		}
		try {
			return Charset.forName(name.strip());
		}
		catch (IllegalCharsetNameException | UnsupportedCharsetException ex) {
			throw new UnknownEncoding("Unknown encoding \"" + shorten(name.strip())
					+ "\": use an IANA name such as UTF-8, windows-1252, ISO-8859-2 or UTF-16LE.");
		}
	}

	/**
	 * The encoding of a file.
	 * @param given the encoding the user named, or null to tell it from the bytes
	 * @throws UnknownEncoding when it cannot be told
	 */
	public static Encoding encoding(Path file, Charset given) throws IOException {
		byte[] sample = sample(file);
		int bom = bomLength(sample, given);
		if (given != null) {
			return new Encoding(given, "given", bom);
		}
		Charset marked = byBom(sample);
		if (marked != null) {
			return new Encoding(marked, "bom", bomLength(sample, marked));
		}
		Charset utf16 = utf16WithoutBom(sample);
		if (utf16 != null) {
			return new Encoding(utf16, "detected", 0);
		}
		if (validUtf8(sample, sample.length < SAMPLE)) {
			return new Encoding(StandardCharsets.UTF_8, "detected", 0);
		}
		CharsetDetector detector = new CharsetDetector();
		detector.setText(sample);
		for (CharsetMatch match : detector.detectAll()) {
			String name = match.getName();
			// UTF-8 and UTF-16/32 were ruled out above; ICU's EBCDIC guesses (IBM4xx)
			// are never what a CSV file is in.
			if (name.startsWith("UTF") || name.startsWith("IBM") || match.getConfidence() < 10
					|| !Charset.isSupported(name)) {
				continue;
			}
			Charset charset = Charset.forName(name);
			if (charset.equals(StandardCharsets.ISO_8859_1) && hasC1Bytes(sample)) {
				// Bytes 0x80-0x9F are C1 controls in ISO-8859-1, but "€", "–", "“" in
				// the Windows code page a spreadsheet wrote (WHATWG Encoding §4.2:
				// browsers read "iso-8859-1" as windows-1252 for the same reason).
				charset = Charset.forName("windows-1252");
			}
			if (decodes(sample, charset, sample.length < SAMPLE)) {
				return new Encoding(western(sample, charset), "detected", 0);
			}
		}
		throw new UnknownEncoding("Could not tell the file's character encoding: save it as UTF-8, "
				+ "or name its encoding (e.g. windows-1252, ISO-8859-2, Shift_JIS).");
	}

	/**
	 * The Western code page instead of a guess that reads the sample as the very same
	 * text: on a short sample ICU cannot tell windows-1250 from windows-1252 when only
	 * letters they share occur, and the one to name is the common one.
	 */
	private static Charset western(byte[] sample, Charset guess) {
		Charset western = Charset.forName(hasC1Bytes(sample) ? "windows-1252" : "ISO-8859-1");
		if (guess.equals(western) || !decodes(sample, western, sample.length < SAMPLE)) {
			return guess;
		}
		return new String(sample, western).equals(new String(sample, guess)) ? western : guess;
	}

	/**
	 * The text of a stream in an encoding, its byte order mark skipped; a byte that is
	 * not valid in the encoding throws a {@link CharacterCodingException} from
	 * {@code read}.
	 */
	public static Reader reader(InputStream in, Encoding encoding) throws IOException {
		in.skipNBytes(encoding.bomLength());
		CharsetDecoder decoder = encoding.charset()
			.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		return new InputStreamReader(in, decoder);
	}

	/**
	 * The delimiter of a CSV text: the candidate splitting the header into most fields
	 * and each of the next lines into as many; comma when none splits it.
	 */
	public static char guessDelimiter(String head) {
		List<String> lines = head.lines().filter(line -> !line.isBlank()).limit(6).toList();
		if (lines.isEmpty()) {
			return ',';
		}
		// The sample may end inside a line.
		if (lines.size() > 2 && !head.endsWith("\n")) {
			lines = lines.subList(0, lines.size() - 1);
		}
		char best = ',';
		long bestScore = 0;
		for (char candidate : DELIMITERS) {
			long inHeader = count(lines.get(0), candidate);
			if (inHeader == 0) {
				continue;
			}
			boolean consistent = lines.stream().skip(1).allMatch(line -> count(line, candidate) == inHeader);
			// Consistent columns count before raw frequency.
			long score = (consistent ? 1_000_000 : 0) + inHeader;
			if (score > bestScore) {
				best = candidate;
				bestScore = score;
			}
		}
		return best;
	}

	/**
	 * The delimiter an Excel {@code sep=X} first line names (Excel writes and reads it to
	 * say which delimiter a file uses), or null when the file has no such line.
	 */
	public static Character excelSeparator(String head) {
		String first = head.lines().findFirst().orElse("").strip();
		if (first.startsWith("\"") && first.endsWith("\"") && first.length() > 2) {
			first = first.substring(1, first.length() - 1);
		}
		if (first.length() == 5 && first.regionMatches(true, 0, "sep=", 0, 4)) {
			return first.charAt(4);
		}
		return null;
	}

	/** Reads past the first line of a reader (an Excel {@code sep=} line). */
	public static void skipLine(Reader reader) throws IOException {
		int c;
		while ((c = reader.read()) >= 0 && c != '\n') {
			// Skipped.
		}
	}

	/** The first characters of a file, for {@link #guessDelimiter}. */
	public static String head(Path file, Encoding encoding) throws IOException {
		try (Reader reader = reader(Files.newInputStream(file), encoding)) {
			char[] buffer = new char[8 * 1024];
			int n = reader.read(buffer);
			return n <= 0 ? "" : new String(buffer, 0, n);
		}
		catch (CharacterCodingException ex) {
			// The import reports it, with the line.
			return "";
		}
	}

	/** A delimiter as a person reads it: {@code ;} or {@code tab}. */
	public static String describe(char delimiter) {
		return delimiter == '\t' ? "tab" : String.valueOf(delimiter);
	}

	/** Occurrences of a delimiter outside double quotes (RFC 4180 §2). */
	private static long count(String line, char delimiter) {
		long n = 0;
		boolean quoted = false;
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if (c == '"') {
				quoted = !quoted;
			}
			else if (c == delimiter && !quoted) {
				n++;
			}
		}
		return n;
	}

	private static byte[] sample(Path file) throws IOException {
		try (InputStream in = Files.newInputStream(file)) {
			return in.readNBytes(SAMPLE);
		}
	}

	private static Charset byBom(byte[] b) {
		if (starts(b, 0xEF, 0xBB, 0xBF)) {
			return StandardCharsets.UTF_8;
		}
		if (starts(b, 0xFF, 0xFE, 0x00, 0x00)) {
			return Charset.forName("UTF-32LE");
		}
		if (starts(b, 0x00, 0x00, 0xFE, 0xFF)) {
			return Charset.forName("UTF-32BE");
		}
		if (starts(b, 0xFF, 0xFE)) {
			return StandardCharsets.UTF_16LE;
		}
		if (starts(b, 0xFE, 0xFF)) {
			return StandardCharsets.UTF_16BE;
		}
		return null;
	}

	/**
	 * The length of the byte order mark of {@code charset} the file starts with, if any.
	 */
	private static int bomLength(byte[] sample, Charset charset) {
		Charset marked = byBom(sample);
		if (charset == null || marked == null) {
			return 0;
		}
		String name = charset.name().toUpperCase(Locale.ROOT);
		boolean sameFamily = name.equals(marked.name().toUpperCase(Locale.ROOT))
				|| (name.equals("UTF-16") && marked.name().startsWith("UTF-16"))
				|| (name.equals("UTF-32") && marked.name().startsWith("UTF-32"));
		if (!sameFamily) {
			return 0;
		}
		// Java's "UTF-16" and "UTF-32" decoders read the mark themselves.
		if (name.equals("UTF-16") || name.equals("UTF-32")) {
			return 0;
		}
		return marked.equals(StandardCharsets.UTF_8) ? 3 : marked.name().startsWith("UTF-32") ? 4 : 2;
	}

	/** UTF-16 without a mark: ASCII-range text has a zero in every other byte. */
	private static Charset utf16WithoutBom(byte[] b) {
		int pairs = Math.min(b.length / 2, 512);
		if (pairs < 4) {
			return null;
		}
		int zeroEven = 0;
		int zeroOdd = 0;
		for (int i = 0; i < pairs * 2; i += 2) {
			zeroEven += b[i] == 0 ? 1 : 0;
			zeroOdd += b[i + 1] == 0 ? 1 : 0;
		}
		if (zeroOdd > pairs * 0.6 && zeroEven < pairs * 0.1) {
			return StandardCharsets.UTF_16LE;
		}
		if (zeroEven > pairs * 0.6 && zeroOdd < pairs * 0.1) {
			return StandardCharsets.UTF_16BE;
		}
		return null;
	}

	private static boolean validUtf8(byte[] sample, boolean whole) {
		return decodes(sample, StandardCharsets.UTF_8, whole);
	}

	/**
	 * Whether the bytes are valid in the encoding; a sequence cut by the end of a sample
	 * that is not the whole file is allowed.
	 */
	private static boolean decodes(byte[] bytes, Charset charset, boolean whole) {
		CharsetDecoder decoder = charset.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		ByteBuffer in = ByteBuffer.wrap(bytes);
		CharBuffer out = CharBuffer.allocate(bytes.length + 16);
		CoderResult result = decoder.decode(in, out, whole);
		if (result.isError()) {
			return false;
		}
		return !whole || !decoder.flush(out).isError();
	}

	private static boolean hasC1Bytes(byte[] sample) {
		for (byte b : sample) {
			int unsigned = b & 0xFF;
			if (unsigned >= 0x80 && unsigned <= 0x9F) {
				return true;
			}
		}
		return false;
	}

	private static boolean starts(byte[] bytes, int... prefix) {
		if (bytes.length < prefix.length) {
			return false;
		}
		return Arrays.equals(Arrays.copyOf(bytes, prefix.length), toBytes(prefix));
	}

	private static byte[] toBytes(int... values) {
		byte[] bytes = new byte[values.length];
		for (int i = 0; i < values.length; i++) {
			bytes[i] = (byte) values[i];
		}
		return bytes;
	}

	private static String shorten(String value) {
		return value.length() > 40 ? value.substring(0, 40) + "…" : value;
	}

}
