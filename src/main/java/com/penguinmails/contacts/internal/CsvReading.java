package com.penguinmails.contacts.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;

import com.penguinmails.shared.InvalidInputProblem;

/**
 * How an uploaded CSV file is read: its encoding (and how it was found), its delimiter,
 * and whether an Excel {@code sep=} line comes before the header line. Chosen once per
 * file by {@link #of}; the mapping step, the job row and the import all read it the same
 * way.
 *
 * @param sepLine whether the first line is an Excel {@code sep=;} line, skipped when
 * reading
 */
public record CsvReading(CsvInput.Encoding encoding, char delimiter, boolean sepLine) {

	/**
	 * The encoding (given, or told from the bytes) and delimiter (given, or guessed) of a
	 * saved file.
	 * @param given the encoding the user named, or null
	 * @param delimiter the delimiter the user named, or null
	 * @throws InvalidInputProblem {@code unknown-encoding} when the file's encoding
	 * cannot be told
	 */
	public static CsvReading of(Path file, Charset given, Character delimiter) throws IOException {
		CsvInput.Encoding encoding;
		try {
			encoding = CsvInput.encoding(file, given);
		}
		catch (CsvInput.UnknownEncoding ex) {
			throw new InvalidInputProblem("unknown-encoding", ex.getMessage());
		}
		String head = CsvInput.head(file, encoding);
		Character excel = CsvInput.excelSeparator(head);
		if (excel != null) {
			return new CsvReading(encoding, delimiter != null ? delimiter : excel, true);
		}
		char separator = delimiter != null ? delimiter : CsvInput.guessDelimiter(head);
		return new CsvReading(encoding, separator, false);
	}

	/**
	 * The encoding an IANA name (RFC 2978) stands for, or null for none.
	 * @throws InvalidInputProblem {@code unknown-encoding} for a name Java does not know
	 */
	public static Charset charset(String name) {
		try {
			return CsvInput.named(name);
		}
		catch (CsvInput.UnknownEncoding ex) {
			throw new InvalidInputProblem("unknown-encoding", ex.getMessage());
		}
	}

	/** Whether {@code ex} or one of its causes is a byte not valid in the encoding. */
	public static boolean causedByDecoding(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof CharacterCodingException) {
				return true;
			}
		}
		return false;
	}

	/** The delimiter as stored and shown: one character, or {@code tab}. */
	public String describedDelimiter() {
		return CsvInput.describe(delimiter);
	}

	/** The file's text from its header line on (after an Excel {@code sep=} line). */
	public Reader open(InputStream in) throws IOException {
		Reader reader = CsvInput.reader(in, encoding);
		if (sepLine) {
			CsvInput.skipLine(reader);
		}
		return reader;
	}

	/** The first rows of the file (at most {@code max}), or nothing when it is empty. */
	public List<List<String>> firstRows(Path file, int max) throws IOException {
		try (Reader reader = open(Files.newInputStream(file));
				CSVParser parser = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).get().parse(reader)) {
			List<List<String>> rows = new ArrayList<>();
			var iterator = parser.iterator();
			while (iterator.hasNext() && rows.size() < max) {
				rows.add(iterator.next().toList());
			}
			return rows;
		}
	}

	/**
	 * The header row of the file, or nothing when it cannot be read (the import then says
	 * why).
	 * @throws IOException when its start is not valid text in the encoding
	 */
	public List<String> headers(Path file) throws IOException {
		try {
			List<List<String>> rows = firstRows(file, 1);
			return rows.isEmpty() ? List.of() : rows.get(0);
		}
		catch (IOException | RuntimeException ex) {
			if (causedByDecoding(ex)) {
				throw new IOException(
						"The file could not be read at its start: it has bytes that are not valid text in the file's encoding",
						ex);
			}
			return List.of();
		}
	}

	/**
	 * Why no column is the address, and what to try: a delimiter that splits the header
	 * line, when the one used does not.
	 */
	public String noEmailColumn(List<String> headers) {
		String message = "No column maps to the email address; map one to \"email\".";
		if (headers.size() <= 1) {
			String header = headers.isEmpty() ? "" : headers.get(0);
			for (char candidate : CsvInput.DELIMITERS) {
				if (candidate != delimiter && header.indexOf(candidate) >= 0) {
					return message + " The header line was read as one column with the delimiter \""
							+ CsvInput.describe(delimiter) + "\" but contains \"" + CsvInput.describe(candidate)
							+ "\": set delimiter to \"" + CsvInput.describe(candidate) + "\".";
				}
			}
		}
		return message;
	}

}
