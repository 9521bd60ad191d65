package com.penguinmails.contacts.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

import org.springframework.stereotype.Component;

import com.penguinmails.contacts.ContactImport.RowError;
import com.penguinmails.contacts.internal.ContactStage.Counts;

/**
 * Streams a CSV into {@code contacts}: rows are read one at a time (Commons CSV), checked
 * ({@link ContactRowChecker}), and sent in batches of 5,000 with PostgreSQL {@code COPY}
 * into a session-local staging table, then merged with one {@code INSERT ... ON CONFLICT}
 * per batch ({@link ContactStage}), two batches at a time ({@link ImportPipeline}).
 * Memory stays flat whatever the file's size. A bad row is recorded with its line number
 * and the rest go on.
 */
@Component
public class CsvContactImporter {

	static final int BATCH = 5000;

	static final int MAX_ERRORS_KEPT = 1000;

	/** A batch's text to start with: about 150 characters a row. */
	private static final int BATCH_CHARS = BATCH * 160;

	/** Progress after each batch. */
	public interface Progress {

		void update(long rowsRead, long inserted, long updated, long skipped, long failed, List<RowError> errors);

	}

	/** What the import of a file did; {@code errors} holds the first 1,000 bad rows. */
	public record Totals(long rowsRead, long inserted, long updated, long skipped, long failed, List<RowError> errors) {
	}

	/**
	 * How to read and merge a file.
	 *
	 * @param mapping CSV header → field ({@code email}, {@code first_name}, ...,
	 * {@code tags}, {@code custom.<name>} or {@code ignore}); headers not in it are
	 * guessed
	 * @param update whether an existing contact (same email, any case) is updated or
	 * skipped
	 * @param listId a list every imported contact joins (also those skipped as existing),
	 * or null
	 * @param customTypes the type of each custom field (key → text, number, date,
	 * boolean)
	 * @param mailCheck whether a domain takes mail (empty: unknown), or null to skip the
	 * MX check
	 * @param linesBefore lines of the file before the text given to {@link #run} (an
	 * Excel {@code sep=} line), so reported line numbers are the file's
	 * @param logged the import job and who started it, for the contacts' timelines
	 * ({@code contact_changes}, one row per contact inserted or updated), or null to
	 * record nothing
	 */
	public record Settings(char delimiter, Map<String, String> mapping, boolean update, UUID listId,
			Map<String, String> customTypes, Function<String, Optional<Boolean>> mailCheck, int linesBefore,
			Logged logged) {

		public Settings(char delimiter, Map<String, String> mapping, boolean update, UUID listId,
				Map<String, String> customTypes, Function<String, Optional<Boolean>> mailCheck) {
			this(delimiter, mapping, update, listId, customTypes, mailCheck, 0, null);
		}

	}

	/** An import job and the user who started it (null: PenguinMails itself). */
	public record Logged(UUID importId, UUID actorUserId) {
	}

	/**
	 * The rows read so far: the batch being filled (each address once; an address seen
	 * again starts a new batch, so each batch merges with one statement and a contact
	 * repeated in the file is merged row after row, the later row's values winning in
	 * update mode), and the refused rows.
	 */
	private static final class Batches {

		long rowsRead;

		long failed;

		final List<RowError> errors = new ArrayList<>();

		StringBuilder batch = new StringBuilder(BATCH_CHARS);

		Set<String> emails = new HashSet<>();

		boolean afterInFlight;

		Batches() throws IOException {
		}

		void refuse(long line, String problem) {
			failed++;
			if (errors.size() < MAX_ERRORS_KEPT) {
				errors.add(new RowError(line, problem));
			}
		}

		/** Sends the batch to be merged and starts the next. */
		void submit(ImportPipeline pipeline) throws SQLException, IOException {
			pipeline.submit(batch.toString(), emails, afterInFlight);
			batch = new StringBuilder(BATCH_CHARS);
			emails = new HashSet<>();
			afterInFlight = false;
		}

	}

	private final DataSource dataSource;

	private final ObjectMapper json;

	CsvContactImporter(DataSource dataSource, ObjectMapper json) {
		this.dataSource = dataSource;
		this.json = json;
	}

	/**
	 * Imports the CSV text (header line first) into the workspace's contacts.
	 * @throws IOException when the text stops being readable (an unterminated quote, a
	 * byte not valid in its encoding), naming the line
	 * @throws IllegalArgumentException when no column maps to the email address
	 */
	public Totals run(UUID workspaceId, Reader csv, Settings settings, Progress progress)
			throws SQLException, IOException {
		Batches read = new Batches();
		Counts counts;
		try (ImportPipeline pipeline = new ImportPipeline(dataSource, workspaceId, settings);
				CSVParser parser = parser(settings.delimiter(), csv)) {
			String[] fields = ColumnMapping.fields(parser.getHeaderNames(), settings.mapping()).toArray(String[]::new);
			if (!List.of(fields).contains("email")) {
				throw new IllegalArgumentException("No column maps to the email address; map one to \"email\".");
			}
			ContactRowChecker checker = new ContactRowChecker(fields, settings.customTypes(), settings.mailCheck(),
					json);
			for (CSVRecord record : parser) {
				read.rowsRead++;
				long line = parser.getCurrentLineNumber() + settings.linesBefore();
				add(read, checker.check(record), line, pipeline, progress);
			}
			if (!read.emails.isEmpty()) {
				read.submit(pipeline);
			}
			counts = pipeline.finish();
		}
		catch (UncheckedIOException | IllegalStateException | CharacterCodingException ex) {
			// Commons CSV: an unterminated quote or a broken encoding stops the file
			// here. A byte not valid in the encoding is never read as U+FFFD.
			Throwable cause = ex instanceof UncheckedIOException unchecked ? unchecked.getCause() : ex;
			String why = cause instanceof CharacterCodingException
					? "it has bytes that are not valid text in the file's encoding" : ex.getMessage();
			throw new IOException("The file could not be read after line " + (read.rowsRead + 1) + ": " + why, ex);
		}
		progress.update(read.rowsRead, counts.inserted(), counts.updated(), counts.skipped(), read.failed, read.errors);
		return new Totals(read.rowsRead, counts.inserted(), counts.updated(), counts.skipped(), read.failed,
				read.errors);
	}

	/** Adds a checked row to the batch (sending the batch first when it is full). */
	private static void add(Batches read, ContactRowChecker.Checked row, long line, ImportPipeline pipeline,
			Progress progress) throws SQLException, IOException {
		if (row.problem() != null) {
			read.refuse(line, row.problem());
			return;
		}
		if (read.emails.size() == BATCH || read.emails.contains(row.key())) {
			read.submit(pipeline);
			Counts totals = pipeline.totals();
			progress.update(read.rowsRead, totals.inserted(), totals.updated(), totals.skipped(), read.failed,
					read.errors);
		}
		read.emails.add(row.key());
		read.afterInFlight |= pipeline.inFlight(row.key());
		row.contact().print(read.batch, line);
	}

	private static CSVParser parser(char delimiter, Reader csv) throws IOException {
		return CSVFormat.DEFAULT.builder()
			.setDelimiter(delimiter)
			.setHeader()
			.setSkipHeaderRecord(true)
			.setIgnoreEmptyLines(true)
			.setTrim(true)
			.setAllowMissingColumnNames(true)
			.setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_ALL)
			.get()
			.parse(csv);
	}

}
