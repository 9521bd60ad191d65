package com.penguinmails.contacts.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.postgresql.PGConnection;

import org.springframework.stereotype.Component;

import com.penguinmails.contacts.ContactImport.RowError;
import com.penguinmails.shared.EmailAddresses;

/**
 * Streams a CSV into {@code contacts}: rows are read one at a time (Commons CSV),
 * checked, and sent in batches of 5,000 with PostgreSQL {@code COPY} into a session-local
 * staging table, then merged with one {@code INSERT ... ON CONFLICT} per batch. Memory
 * stays flat whatever the file's size. A bad row is recorded with its line number and the
 * rest go on.
 */
@Component
public class CsvContactImporter {

	static final int BATCH = 5000;

	/** Batches merged at once, each on its own connection. */
	static final int FLUSHERS = 2;

	static final int MAX_ERRORS_KEPT = 1000;

	/** Progress after each batch. */
	public interface Progress {

		void update(long rowsRead, long inserted, long updated, long skipped, long failed, List<RowError> errors);

	}

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
	 */
	public record Settings(char delimiter, Map<String, String> mapping, boolean update, UUID listId,
			Map<String, String> customTypes, Function<String, Optional<Boolean>> mailCheck, int linesBefore) {

		public Settings(char delimiter, Map<String, String> mapping, boolean update, UUID listId,
				Map<String, String> customTypes, Function<String, Optional<Boolean>> mailCheck) {
			this(delimiter, mapping, update, listId, customTypes, mailCheck, 0);
		}

	}

	private static final String COLUMNS = "line, email, first_name, last_name, company, title, phone, website, linkedin_url, time_zone, country, custom, tags, role_address, disposable, mx_found";

	private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();

	private final DataSource dataSource;

	private final ObjectMapper json;

	CsvContactImporter(DataSource dataSource, ObjectMapper json) {
		this.dataSource = dataSource;
		this.json = json;
	}

	/** The headers of a file and the field each maps to (given, or guessed). */
	public static List<String> fields(List<String> headers, Map<String, String> mapping) {
		List<String> fields = new ArrayList<>();
		for (String raw : headers) {
			String header = raw.replace("\uFEFF", "");
			fields.add(mapping.getOrDefault(header, ContactFields.guess(header)));
		}
		return fields;
	}

	public Totals run(UUID workspaceId, Reader csv, Settings settings, Progress progress)
			throws SQLException, IOException {
		Map<String, Optional<Boolean>> mailChecks = new HashMap<>();
		long rowsRead = 0;
		long inserted = 0;
		long updated = 0;
		long skipped = 0;
		long failed = 0;
		List<RowError> errors = new ArrayList<>();
		try (Pipeline pipeline = new Pipeline(workspaceId, settings);
				CSVParser parser = CSVFormat.DEFAULT.builder()
					.setDelimiter(settings.delimiter())
					.setHeader()
					.setSkipHeaderRecord(true)
					.setIgnoreEmptyLines(true)
					.setTrim(true)
					.setAllowMissingColumnNames(true)
					.setDuplicateHeaderMode(org.apache.commons.csv.DuplicateHeaderMode.ALLOW_ALL)
					.get()
					.parse(csv)) {
			String[] fields = fields(parser.getHeaderNames(), settings.mapping()).toArray(String[]::new);
			boolean hasEmail = java.util.Arrays.asList(fields).contains("email");
			if (!hasEmail) {
				throw new IllegalArgumentException("No column maps to the email address; map one to \"email\".");
			}
			StringWriter batch = new StringWriter();
			CSVPrinter printer = new CSVPrinter(batch, CSVFormat.POSTGRESQL_CSV);
			// The addresses of the batch: an address seen again starts a new batch, so
			// each batch merges with one statement and a contact repeated in the file is
			// merged row after row (the later row's values win, in update mode).
			Set<String> emails = new HashSet<>();
			boolean afterInFlight = false;
			for (CSVRecord record : parser) {
				rowsRead++;
				long line = parser.getCurrentLineNumber() + settings.linesBefore();
				Row row = check(record, fields, settings, mailChecks);
				if (row.problem() != null) {
					failed++;
					if (errors.size() < MAX_ERRORS_KEPT) {
						errors.add(new RowError(line, row.problem()));
					}
					continue;
				}
				boolean full = emails.size() == BATCH;
				if (full || emails.contains(row.key())) {
					pipeline.submit(batch.toString(), emails, afterInFlight);
					batch = new StringWriter();
					printer = new CSVPrinter(batch, CSVFormat.POSTGRESQL_CSV);
					emails = new HashSet<>();
					afterInFlight = false;
					long[] totals = pipeline.totals();
					progress.update(rowsRead, totals[0], totals[1], totals[2], failed, errors);
				}
				emails.add(row.key());
				afterInFlight |= pipeline.inFlight(row.key());
				row.print(printer, line);
			}
			if (!emails.isEmpty()) {
				pipeline.submit(batch.toString(), emails, afterInFlight);
			}
			long[] totals = pipeline.finish();
			inserted = totals[0];
			updated = totals[1];
			skipped = totals[2];
		}
		catch (UncheckedIOException | IllegalStateException | CharacterCodingException ex) {
			// Commons CSV: an unterminated quote or a broken encoding stops the file
			// here. A byte not valid in the encoding is never read as U+FFFD.
			Throwable cause = ex instanceof UncheckedIOException unchecked ? unchecked.getCause() : ex;
			String why = cause instanceof CharacterCodingException
					? "it has bytes that are not valid text in the file's encoding" : ex.getMessage();
			throw new IOException("The file could not be read after line " + (rowsRead + 1) + ": " + why, ex);
		}
		progress.update(rowsRead, inserted, updated, skipped, failed, errors);
		return new Totals(rowsRead, inserted, updated, skipped, failed, errors);
	}

	/**
	 * Batches being merged while the next is read: {@link #FLUSHERS} at once, each on its
	 * own connection (with its own staging table). A batch holding an address of a batch
	 * still in flight waits for it, so a contact repeated in the file is merged in file
	 * order.
	 */
	private final class Pipeline implements AutoCloseable {

		private record InFlight(Set<String> emails, Future<long[]> counts) {
		}

		private final UUID workspaceId;

		private final Settings settings;

		private final List<Connection> opened = new ArrayList<>();

		private final BlockingQueue<Connection> idle = new LinkedBlockingQueue<>();

		private final ExecutorService flushers;

		private final Deque<InFlight> pending = new ArrayDeque<>();

		private final long[] totals = new long[3];

		private final boolean anyErased;

		Pipeline(UUID workspaceId, Settings settings) throws SQLException {
			this.workspaceId = workspaceId;
			this.settings = settings;
			this.flushers = Executors.newFixedThreadPool(FLUSHERS, r -> {
				Thread thread = new Thread(r, "contact-import-flush");
				thread.setDaemon(true);
				return thread;
			});
			try {
				for (int i = 0; i < FLUSHERS; i++) {
					Connection connection = dataSource.getConnection();
					opened.add(connection);
					connection.setAutoCommit(true);
					try (Statement statement = connection.createStatement()) {
						statement.execute(
								"""
										CREATE TEMP TABLE IF NOT EXISTS contact_stage (
										    line BIGINT, email TEXT, first_name TEXT, last_name TEXT, company TEXT, title TEXT, phone TEXT,
										    website TEXT, linkedin_url TEXT, time_zone TEXT, country TEXT, custom TEXT, tags TEXT,
										    role_address BOOLEAN, disposable BOOLEAN, mx_found BOOLEAN)""");
					}
					idle.add(connection);
				}
				this.anyErased = anyErased(opened.get(0), workspaceId);
			}
			catch (SQLException ex) {
				close();
				throw ex;
			}
		}

		boolean inFlight(String email) {
			for (InFlight batch : pending) {
				if (batch.emails().contains(email)) {
					return true;
				}
			}
			return false;
		}

		void submit(String rows, Set<String> emails, boolean afterInFlight) throws SQLException, IOException {
			while (!pending.isEmpty() && (afterInFlight || pending.size() >= FLUSHERS)) {
				add(totals, await(pending.removeFirst().counts()));
			}
			int count = emails.size();
			pending.add(new InFlight(emails, flushers.submit(() -> {
				Connection connection = idle.take();
				try {
					return flush(connection, workspaceId, rows, count, settings, anyErased);
				}
				finally {
					idle.add(connection);
				}
			})));
		}

		long[] totals() {
			return totals.clone();
		}

		long[] finish() throws SQLException, IOException {
			while (!pending.isEmpty()) {
				add(totals, await(pending.removeFirst().counts()));
			}
			return totals();
		}

		@Override
		public void close() {
			// No flush may still use a connection when it closes.
			flushers.shutdownNow();
			awaitQuietly(flushers);
			for (Connection connection : opened) {
				try (Statement statement = connection.createStatement()) {
					statement.execute("DROP TABLE IF EXISTS contact_stage");
				}
				catch (SQLException ex) {
					// The connection goes back to the pool anyway; its temp table
					// is truncated at the next import.
				}
				try {
					connection.close();
				}
				catch (SQLException ex) {
					// Nothing more to do with it.
				}
			}
		}

	}

	private static void add(long[] totals, long[] counts) {
		for (int i = 0; i < totals.length; i++) {
			totals[i] += counts[i];
		}
	}

	private static long[] await(Future<long[]> flush) throws SQLException, IOException {
		try {
			return flush.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("The import was interrupted", ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof SQLException sql) {
				throw sql;
			}
			if (ex.getCause() instanceof IOException io) {
				throw io;
			}
			throw new IllegalStateException(ex.getCause());
		}
	}

	private static void awaitQuietly(ExecutorService flusher) {
		try {
			flusher.awaitTermination(1, TimeUnit.MINUTES);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Whether the workspace has erased contacts at all: without any, the merge skips the
	 * per-row hash look-up.
	 */
	private static boolean anyErased(Connection connection, UUID workspaceId) throws SQLException {
		try (PreparedStatement statement = connection
			.prepareStatement("SELECT EXISTS (SELECT 1 FROM suppressions WHERE workspace_id = ? AND value IS NULL)")) {
			statement.setObject(1, workspaceId);
			try (ResultSet rs = statement.executeQuery()) {
				return rs.next() && rs.getBoolean(1);
			}
		}
	}

	/**
	 * A checked row: why it is refused, or its lower-case address and its values for the
	 * batch.
	 */
	private record Row(String problem, String key, Object[] values) {

		static Row refused(String problem) {
			return new Row(problem, null, null);
		}

		void print(CSVPrinter printer, long line) throws IOException {
			values[0] = line;
			printer.printRecord(values);
		}

	}

	/** Checks one row and converts its values, or says why it is refused. */
	private Row check(CSVRecord record, String[] fields, Settings settings, Map<String, Optional<Boolean>> mailChecks) {
		Map<String, String> standard = new LinkedHashMap<>();
		Map<String, Object> custom = new LinkedHashMap<>();
		for (int i = 0; i < fields.length && i < record.size(); i++) {
			String field = fields[i];
			String value = record.get(i);
			if (field.equals("ignore") || value.isEmpty()) {
				continue;
			}
			// PostgreSQL stores no NUL in text or jsonb: the row is refused, the others
			// load.
			if (value.indexOf('\0') >= 0) {
				return Row.refused(field + " holds a NUL character (U+0000)");
			}
			if (field.startsWith("custom.")) {
				String key = field.substring(7);
				try {
					custom.put(key, ContactFields.coerce(settings.customTypes().getOrDefault(key, "text"), value));
				}
				catch (IllegalArgumentException ex) {
					return Row.refused("custom field " + key + ": " + ex.getMessage());
				}
			}
			else {
				standard.put(field, value);
			}
		}
		String given = standard.getOrDefault("email", "").strip();
		if (given.isEmpty()) {
			return Row.refused("no email address");
		}
		String email;
		try {
			// Stored in normal form, so that both spellings of an IDN domain are one
			// contact and the erased-address hash below matches.
			email = EmailAddresses.normalize(given);
		}
		catch (EmailAddresses.InvalidEmailAddress ex) {
			return Row.refused("not a valid email address: "
					+ (given.length() > 80 ? given.substring(0, 80) + "…" : given) + " (" + ex.getMessage() + ")");
		}
		for (Map.Entry<String, String> entry : standard.entrySet()) {
			if (entry.getValue().length() > 500) {
				return Row.refused(entry.getKey() + " is longer than 500 characters");
			}
		}
		String zone = standard.getOrDefault("time_zone", "").strip();
		if (!zone.isEmpty() && !ZONES.contains(zone)) {
			return Row.refused("unknown time zone " + (zone.length() > 40 ? zone.substring(0, 40) + "…" : zone)
					+ " (use an IANA name such as Europe/Paris)");
		}
		Boolean mxFound = null;
		if (settings.mailCheck() != null) {
			String domain = email.substring(email.indexOf('@') + 1).toLowerCase(Locale.ROOT);
			Optional<Boolean> found = mailChecks.get(domain);
			if (found == null) {
				found = settings.mailCheck().apply(domain);
				if (mailChecks.size() < 100_000) {
					mailChecks.put(domain, found);
				}
			}
			mxFound = found.orElse(null);
		}
		String tags = standard.getOrDefault("tags", "");
		List<String> tagList = new ArrayList<>();
		for (String tag : tags.split("[,;|]")) {
			if (!tag.isBlank()) {
				tagList.add(tag.strip().toLowerCase());
			}
		}
		String tagsProblem = ContactFields.tagsProblem(tagList);
		if (tagsProblem != null) {
			return Row.refused(tagsProblem);
		}
		String customJson;
		try {
			customJson = json.writeValueAsString(custom);
		}
		catch (JsonProcessingException ex) {
			return Row.refused("custom fields could not be stored");
		}
		return new Row(null, email.toLowerCase(Locale.ROOT),
				new Object[] { 0L, email, standard.getOrDefault("first_name", ""),
						standard.getOrDefault("last_name", ""), standard.getOrDefault("company", ""),
						standard.getOrDefault("title", ""), standard.getOrDefault("phone", ""),
						standard.getOrDefault("website", ""), standard.getOrDefault("linkedin_url", ""),
						standard.getOrDefault("time_zone", ""), standard.getOrDefault("country", ""), customJson,
						pgArray(tagList), ContactFields.roleAddress(email), ContactFields.disposable(email), mxFound });
	}

	private static String pgArray(List<String> values) {
		StringBuilder array = new StringBuilder("{");
		for (int i = 0; i < values.size(); i++) {
			if (i > 0) {
				array.append(',');
			}
			array.append('"').append(values.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
		}
		return array.append('}').toString();
	}

	/**
	 * COPY the batch into the stage, merge it, and return {inserted, updated, skipped}.
	 */
	private long[] flush(Connection connection, UUID workspaceId, String batch, int rows, Settings settings,
			boolean anyErased) throws SQLException, IOException {
		try (Statement statement = connection.createStatement()) {
			statement.execute("TRUNCATE contact_stage");
		}
		connection.unwrap(PGConnection.class)
			.getCopyAPI()
			.copyIn("COPY contact_stage (" + COLUMNS + ") FROM STDIN WITH (FORMAT csv)", new StringReader(batch));
		String onConflict = settings.update() ? """
				DO UPDATE SET
				    email = EXCLUDED.email,
				    first_name = coalesce(nullif(EXCLUDED.first_name, ''), c.first_name),
				    last_name = coalesce(nullif(EXCLUDED.last_name, ''), c.last_name),
				    company = coalesce(nullif(EXCLUDED.company, ''), c.company),
				    title = coalesce(nullif(EXCLUDED.title, ''), c.title),
				    phone = coalesce(nullif(EXCLUDED.phone, ''), c.phone),
				    website = coalesce(nullif(EXCLUDED.website, ''), c.website),
				    linkedin_url = coalesce(nullif(EXCLUDED.linkedin_url, ''), c.linkedin_url),
				    time_zone = coalesce(nullif(EXCLUDED.time_zone, ''), c.time_zone),
				    country = coalesce(nullif(EXCLUDED.country, ''), c.country),
				    custom = c.custom || EXCLUDED.custom,
				    tags = ARRAY(SELECT DISTINCT unnest(c.tags || EXCLUDED.tags)),
				    mx_found = coalesce(EXCLUDED.mx_found, c.mx_found),
				    updated_at = now()""" : "DO NOTHING";
		// An address erased on request (GDPR) is not imported again.
		String erased = !anyErased ? "" : """
				WHERE NOT EXISTS (SELECT 1 FROM suppressions x WHERE x.workspace_id = ? AND x.value IS NULL
				    AND x.value_hash = sha256(convert_to(lower(p.email), 'UTF8')))""";
		// Imported rows join the list: new and updated ones, and existing ones skipped.
		String listed = settings.listId() == null ? ""
				: """
						,
						listed AS (
						    INSERT INTO contact_list_members (list_id, contact_id, workspace_id)
						    SELECT ?, x.id, ? FROM (
						        SELECT id FROM applied
						        UNION SELECT c.id FROM contact_stage p JOIN contacts c ON c.workspace_id = ? AND lower(c.email) = lower(p.email)
						    ) x
						    ON CONFLICT DO NOTHING)""";
		// Each address is once in a batch (a repeated one starts the next batch), so
		// one statement merges it all.
		String merge = """
				WITH applied AS (
				    INSERT INTO contacts AS c (id, workspace_id, email, first_name, last_name, company, title, phone,
				        website, linkedin_url, time_zone, country, custom, tags, role_address, disposable, mx_found)
				    SELECT gen_random_uuid(), ?, email, first_name, last_name, company, title, phone, website,
				        linkedin_url, time_zone, country, custom::jsonb, tags::text[], role_address, disposable, mx_found
				    FROM contact_stage p
				"""
				+ erased + """
						ON CONFLICT (workspace_id, lower(email)) """ + onConflict + """

						RETURNING c.id, (xmax = 0) AS inserted)""" + listed + """

						SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM applied""";
		long inserted;
		long updated;
		try (PreparedStatement statement = connection.prepareStatement(merge)) {
			int parameter = 0;
			statement.setObject(++parameter, workspaceId);
			if (anyErased) {
				statement.setObject(++parameter, workspaceId);
			}
			if (settings.listId() != null) {
				statement.setObject(++parameter, settings.listId());
				statement.setObject(++parameter, workspaceId);
				statement.setObject(++parameter, workspaceId);
			}
			try (ResultSet rs = statement.executeQuery()) {
				rs.next();
				inserted = rs.getLong(1);
				updated = rs.getLong(2);
			}
		}
		return new long[] { inserted, updated, rows - inserted - updated };
	}

}
