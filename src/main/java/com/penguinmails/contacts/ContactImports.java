package com.penguinmails.contacts;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.penguinmails.contacts.ContactImport.RowError;
import com.penguinmails.contacts.internal.ContactFields;
import com.penguinmails.contacts.internal.CsvContactImporter;
import com.penguinmails.contacts.internal.CsvInput;
import com.penguinmails.domains.MailExchangers;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;

/**
 * Contact imports as jobs: the upload is saved to a temporary file, the job row returned
 * at once, and the import runs in the background (two at a time per node), reporting
 * progress as it goes.
 */
@Service
public class ContactImports {

	private static final Logger log = LoggerFactory.getLogger(ContactImports.class);

	/**
	 * @param delimiter the field delimiter, or null to guess it from the first lines
	 * ({@code , ; TAB |})
	 * @param update update existing contacts (true) or skip them
	 * @param mapping CSV header → field; headers not in it are guessed
	 * @param listId a list of the workspace every imported contact joins, or null
	 * @param checkMx whether to look up each domain's mail servers (slower: one DNS
	 * question per new domain)
	 * @param encoding the file's character encoding (an IANA name such as
	 * {@code windows-1252}), or null to tell it from a byte order mark or the bytes
	 */
	public record Options(Character delimiter, boolean update, Map<String, String> mapping, UUID listId,
			boolean checkMx, String encoding) {

		public Options(char delimiter, boolean update, Map<String, String> mapping, UUID listId, boolean checkMx) {
			this(delimiter, update, mapping, listId, checkMx, null);
		}

		public Options(char delimiter, boolean update, Map<String, String> mapping) {
			this(delimiter, update, mapping, null, false, null);
		}

	}

	/** How a file is read: its encoding (and how it was found) and its delimiter. */
	private record Reading(CsvInput.Encoding encoding, char delimiter, boolean sepLine) {

		/** The file's text from its header line on (after an Excel {@code sep=} line). */
		Reader open(InputStream in) throws IOException {
			Reader reader = CsvInput.reader(in, encoding);
			if (sepLine) {
				CsvInput.skipLine(reader);
			}
			return reader;
		}

	}

	private final JdbcClient jdbc;

	private final CsvContactImporter importer;

	private final ObjectMapper json;

	private final Clock clock;

	private final ExecutorService workers = Executors.newFixedThreadPool(2, r -> {
		Thread thread = new Thread(r, "contact-import");
		thread.setDaemon(true);
		return thread;
	});

	private final CustomFields fields;

	private final LeadScoring scoring;

	private final Segments segments;

	private final MailExchangers exchangers;

	ContactImports(JdbcClient jdbc, CsvContactImporter importer, ObjectMapper json, Clock clock, CustomFields fields,
			LeadScoring scoring, Segments segments, MailExchangers exchangers) {
		this.jdbc = jdbc;
		this.importer = importer;
		this.json = json;
		this.clock = clock;
		this.fields = fields;
		this.scoring = scoring;
		this.segments = segments;
		this.exchangers = exchangers;
	}

	/**
	 * Starts an import of {@code csv} (any common encoding, see {@link CsvInput});
	 * returns the running job, which names the encoding and delimiter used.
	 * @throws InvalidInputProblem {@code unknown-encoding} when the encoding named is
	 * unknown or the file's cannot be told
	 */
	public ContactImport start(Tenant tenant, InputStream csv, Options options) throws IOException {
		tenant.require(WorkspaceRole.MEMBER, "contacts:write");
		Charset given = charset(options);
		Path file = Files.createTempFile("penguinmails-import-", ".csv");
		Files.copy(csv, file, StandardCopyOption.REPLACE_EXISTING);
		Reading reading;
		try {
			reading = reading(file, given, options.delimiter());
		}
		catch (InvalidInputProblem ex) {
			Files.deleteIfExists(file);
			throw ex;
		}
		UUID id = newJob(tenant, options, Files.size(file), reading);
		workers.submit(() -> run(tenant.workspaceId(), id, file, options, reading, true));
		return get(tenant, id);
	}

	/**
	 * An upload waiting for its column mapping: the headers and the guessed field of
	 * each, how the file is read ({@code encoding} an IANA name, {@code delimiter} one
	 * character or {@code tab}), and the first rows as read that way ({@code samples}, at
	 * most three), so the user sees whether the names come out right.
	 */
	public record StagedUpload(String token, List<String> headers, List<String> guesses, String encoding,
			String encodingSource, String delimiter, List<List<String>> samples) {

		/** The sample value of one column in one sample row, or "". */
		public String sample(int row, int column) {
			return row < this.samples.size() && column < this.samples.get(row).size()
					? this.samples.get(row).get(column) : "";
		}

	}

	/**
	 * Saves an upload and reads its header row, for the mapping step;
	 * {@link #startStaged} then imports it.
	 */
	public StagedUpload stage(Tenant tenant, InputStream csv, char delimiter) throws IOException {
		return stage(tenant, csv, delimiter, null);
	}

	/**
	 * Saves an upload and reads its header row, for the mapping step.
	 * @param delimiter the delimiter, or null to guess it
	 * @param encoding the encoding's name, or null to tell it from the bytes
	 */
	public StagedUpload stage(Tenant tenant, InputStream csv, Character delimiter, String encoding) throws IOException {
		tenant.require(WorkspaceRole.MEMBER, "contacts:write");
		Charset given = charset(encoding);
		String token = UUID.randomUUID().toString();
		Path file = staged(tenant, token);
		Files.copy(csv, file, StandardCopyOption.REPLACE_EXISTING);
		Reading reading;
		try {
			reading = reading(file, given, delimiter);
		}
		catch (InvalidInputProblem ex) {
			Files.deleteIfExists(file);
			throw ex;
		}
		List<String> headers;
		List<List<String>> samples;
		try {
			List<List<String>> rows = firstRows(file, reading, 4);
			headers = rows.isEmpty() ? List.of() : rows.get(0);
			samples = rows.isEmpty() ? List.of() : rows.subList(1, rows.size());
		}
		catch (IOException | RuntimeException ex) {
			Files.deleteIfExists(file);
			throw new InvalidInputProblem("unreadable-file", "The start of the file could not be read as "
					+ reading.encoding().name() + ": it is in another encoding; name it.");
		}
		if (headers.isEmpty()) {
			Files.deleteIfExists(file);
			throw new InvalidInputProblem("empty-file", "The file is empty.");
		}
		return new StagedUpload(token, headers, headers.stream().map(ContactFields::guess).toList(),
				reading.encoding().name(), reading.encoding().source(), CsvInput.describe(reading.delimiter()),
				samples);
	}

	/** Starts the import of a staged upload with the mapping the user confirmed. */
	public ContactImport startStaged(Tenant tenant, String token, Options options) throws IOException {
		tenant.require(WorkspaceRole.MEMBER, "contacts:write");
		Charset given = charset(options);
		Path file = staged(tenant, token);
		if (!Files.exists(file)) {
			throw new InvalidInputProblem("upload-expired", "The upload is gone: upload the file again.");
		}
		Reading reading = reading(file, given, options.delimiter());
		UUID id = newJob(tenant, options, Files.size(file), reading);
		workers.submit(() -> run(tenant.workspaceId(), id, file, options, reading, true));
		return get(tenant, id);
	}

	private static Charset charset(Options options) {
		return charset(options.encoding());
	}

	private static Charset charset(String name) {
		try {
			return CsvInput.named(name);
		}
		catch (CsvInput.UnknownEncoding ex) {
			throw new InvalidInputProblem("unknown-encoding", ex.getMessage());
		}
	}

	/** The encoding (given, or told from the bytes) and delimiter (given, or guessed). */
	private static Reading reading(Path file, Charset given, Character delimiter) throws IOException {
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
			return new Reading(encoding, delimiter != null ? delimiter : excel, true);
		}
		char separator = delimiter != null ? delimiter : CsvInput.guessDelimiter(head);
		return new Reading(encoding, separator, false);
	}

	private UUID newJob(Tenant tenant, Options options, long bytes, Reading reading) {
		if (options.listId() != null
				&& segments.lists(tenant).stream().noneMatch(list -> list.id().equals(options.listId()))) {
			throw new NotFoundProblem("List");
		}
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				INSERT INTO contact_imports (id, workspace_id, status, mode, created_at, bytes_total, list_id, check_mx,
				    encoding, encoding_source, delimiter)
				VALUES (?, ?, 'running', ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, tenant.workspaceId(), options.update() ? "update" : "skip", Timestamp.from(clock.instant()),
					bytes, options.listId(), options.checkMx(), reading.encoding().name(), reading.encoding().source(),
					CsvInput.describe(reading.delimiter()))
			.update();
		return id;
	}

	/** The staged file of a token, inside the temp folder and bound to the workspace. */
	private static Path staged(Tenant tenant, String token) {
		try {
			UUID.fromString(token);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputProblem("upload-expired", "The upload is gone: upload the file again.");
		}
		return Path.of(System.getProperty("java.io.tmpdir"),
				"penguinmails-upload-" + tenant.workspaceId() + "-" + token + ".csv");
	}

	/** Runs an import in the calling thread (benchmarks, and the job runner). */
	public ContactImport runNow(Tenant tenant, Path file, Options options) throws IOException {
		tenant.require(WorkspaceRole.MEMBER, "contacts:write");
		Reading reading = reading(file, charset(options), options.delimiter());
		UUID id = newJob(tenant, options, Files.size(file), reading);
		run(tenant.workspaceId(), id, file, options, reading, false);
		return get(tenant, id);
	}

	private void run(UUID workspaceId, UUID id, Path file, Options options, Reading reading, boolean deleteAfter) {
		Map<String, String> mapping = options.mapping() == null ? Map.of() : options.mapping();
		try (CountingStream counted = new CountingStream(Files.newInputStream(file));
				Reader reader = reading.open(counted)) {
			List<String> headers = headers(file, reading);
			List<String> fieldsOfHeaders = CsvContactImporter.fields(headers, mapping);
			if (!fieldsOfHeaders.contains("email")) {
				throw new IllegalArgumentException(noEmailColumn(headers, reading));
			}
			List<String> customKeys = new ArrayList<>();
			for (String field : fieldsOfHeaders) {
				String key = field.startsWith("custom.") ? ContactFields.customKey(field.substring(7)) : null;
				if (key != null) {
					customKeys.add(key);
				}
			}
			var settings = new CsvContactImporter.Settings(reading.delimiter(), mapping, options.update(),
					options.listId(), fields.typesDefining(workspaceId, customKeys),
					options.checkMx() ? exchangers::acceptsMail : null, reading.sepLine() ? 1 : 0);
			importer.run(workspaceId, reader, settings, (read, inserted, updated, skipped, failed,
					errors) -> progress(id, read, counted.count(), inserted, updated, skipped, failed, errors));
			scoring.rescoreAfterImport(workspaceId);
			jdbc.sql(
					"UPDATE contact_imports SET status = 'done', bytes_read = bytes_total, finished_at = ? WHERE id = ?")
				.params(Timestamp.from(clock.instant()), id)
				.update();
		}
		catch (Exception ex) {
			String message = String.valueOf(ex.getMessage());
			if (causedByDecoding(ex)) {
				message += " (read as " + reading.encoding().name() + ", " + reading.encoding().source()
						+ "; if that is wrong, name the file's encoding)";
			}
			log.warn("Contact import {} failed: {}", id, message);
			jdbc.sql("UPDATE contact_imports SET status = 'failed', message = ?, finished_at = ? WHERE id = ?")
				.params(message.substring(0, Math.min(1000, message.length())), Timestamp.from(clock.instant()), id)
				.update();
		}
		finally {
			try {
				if (deleteAfter) {
					Files.deleteIfExists(file);
				}
			}
			catch (IOException ex) {
				log.warn("Could not delete {}", file);
			}
		}
	}

	/**
	 * Why no column is the address, and what to try: a delimiter that splits the header
	 * line, when the one used does not.
	 */
	private static String noEmailColumn(List<String> headers, Reading reading) {
		String message = "No column maps to the email address; map one to \"email\".";
		if (headers.size() <= 1) {
			String header = headers.isEmpty() ? "" : headers.get(0);
			for (char candidate : CsvInput.DELIMITERS) {
				if (candidate != reading.delimiter() && header.indexOf(candidate) >= 0) {
					return message + " The header line was read as one column with the delimiter \""
							+ CsvInput.describe(reading.delimiter()) + "\" but contains \""
							+ CsvInput.describe(candidate) + "\": set delimiter to \"" + CsvInput.describe(candidate)
							+ "\".";
				}
			}
		}
		return message;
	}

	private static boolean causedByDecoding(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof CharacterCodingException) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The header row of a file, or nothing when it cannot be read (the import says why).
	 */
	private static List<String> headers(Path file, Reading reading) throws IOException {
		try {
			return firstRow(file, reading);
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

	/** The first rows of a CSV file (at most {@code max}), or nothing when empty. */
	private static List<List<String>> firstRows(Path file, Reading reading, int max) throws IOException {
		try (Reader reader = reading.open(Files.newInputStream(file));
				org.apache.commons.csv.CSVParser parser = org.apache.commons.csv.CSVFormat.DEFAULT.builder()
					.setDelimiter(reading.delimiter())
					.get()
					.parse(reader)) {
			List<List<String>> rows = new java.util.ArrayList<>();
			var iterator = parser.iterator();
			while (iterator.hasNext() && rows.size() < max) {
				rows.add(iterator.next().toList());
			}
			return rows;
		}
	}

	/** The first row of a CSV file, or nothing when empty. */
	private static List<String> firstRow(Path file, Reading reading) throws IOException {
		try (Reader reader = reading.open(Files.newInputStream(file));
				org.apache.commons.csv.CSVParser parser = org.apache.commons.csv.CSVFormat.DEFAULT.builder()
					.setDelimiter(reading.delimiter())
					.get()
					.parse(reader)) {
			var rows = parser.iterator();
			return rows.hasNext() ? rows.next().toList() : List.of();
		}
	}

	/** Counts the bytes read, for a progress bar by share of the file. */
	private static final class CountingStream extends java.io.FilterInputStream {

		private volatile long count;

		CountingStream(InputStream in) {
			super(in);
		}

		long count() {
			return count;
		}

		@Override
		public int read() throws IOException {
			int b = super.read();
			if (b >= 0) {
				count++;
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = super.read(buffer, offset, length);
			if (n > 0) {
				count += n;
			}
			return n;
		}

	}

	private void progress(UUID id, long read, long bytesRead, long inserted, long updated, long skipped, long failed,
			List<RowError> errors) {
		try {
			jdbc.sql("""
					UPDATE contact_imports SET rows_read = ?, bytes_read = ?, inserted = ?, updated = ?, skipped = ?,
					    failed = ?, errors = ?::jsonb WHERE id = ?""")
				.params(read, bytesRead, inserted, updated, skipped, failed, json.writeValueAsString(errors), id)
				.update();
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public ContactImport get(Tenant tenant, UUID id) {
		tenant.require(WorkspaceRole.VIEWER, "contacts:read");
		return jdbc.sql("SELECT * FROM contact_imports WHERE workspace_id = ? AND id = ?")
			.params(tenant.workspaceId(), id)
			.query((rs, i) -> {
				List<RowError> errors;
				try {
					errors = json.readValue(rs.getString("errors"), new TypeReference<List<RowError>>() {
					});
				}
				catch (JsonProcessingException ex) {
					errors = List.of();
				}
				Timestamp finished = rs.getTimestamp("finished_at");
				return new ContactImport(rs.getObject("id", UUID.class), rs.getString("status"), rs.getString("mode"),
						rs.getLong("rows_read"), rs.getLong("inserted"), rs.getLong("updated"), rs.getLong("skipped"),
						rs.getLong("failed"), errors, rs.getString("message"), rs.getLong("bytes_read"),
						rs.getLong("bytes_total"), rs.getObject("list_id", UUID.class), rs.getBoolean("check_mx"),
						rs.getTimestamp("created_at").toInstant(), finished == null ? null : finished.toInstant(),
						rs.getString("encoding"), rs.getString("encoding_source"), rs.getString("delimiter"));
			})
			.optional()
			.orElseThrow(() -> new NotFoundProblem("Import"));
	}

	@PreDestroy
	void stop() {
		workers.shutdownNow();
	}

}
