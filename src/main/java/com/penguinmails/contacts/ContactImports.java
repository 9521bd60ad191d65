package com.penguinmails.contacts;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

import com.penguinmails.contacts.internal.ColumnMapping;
import com.penguinmails.contacts.internal.ContactFields;
import com.penguinmails.contacts.internal.ContactImportRepository;
import com.penguinmails.contacts.internal.ContactImportRepository.NewJob;
import com.penguinmails.contacts.internal.CountingStream;
import com.penguinmails.contacts.internal.CsvContactImporter;
import com.penguinmails.contacts.internal.CsvInput;
import com.penguinmails.contacts.internal.CsvReading;
import com.penguinmails.contacts.internal.SegmentRepository;
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

	private final ContactImportRepository jobs;

	private final SegmentRepository lists;

	private final CsvContactImporter importer;

	private final Clock clock;

	private final ExecutorService workers = Executors.newFixedThreadPool(2, r -> {
		Thread thread = new Thread(r, "contact-import");
		thread.setDaemon(true);
		return thread;
	});

	private final CustomFields fields;

	private final LeadScoring scoring;

	private final MailExchangers exchangers;

	private final ImportEnds ends;

	ContactImports(ContactImportRepository jobs, SegmentRepository lists, CsvContactImporter importer, Clock clock,
			CustomFields fields, LeadScoring scoring, MailExchangers exchangers, ImportEnds ends) {
		this.ends = ends;
		this.jobs = jobs;
		this.lists = lists;
		this.importer = importer;
		this.clock = clock;
		this.fields = fields;
		this.scoring = scoring;
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
		Charset given = CsvReading.charset(options.encoding());
		Path file = Files.createTempFile("penguinmails-import-", ".csv");
		Files.copy(csv, file, StandardCopyOption.REPLACE_EXISTING);
		CsvReading reading = readingOrDelete(file, given, options.delimiter());
		UUID id = newJob(tenant, options, Files.size(file), reading);
		workers.submit(() -> run(tenant, id, file, options, reading, true));
		return get(tenant, id);
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
	 * @throws InvalidInputProblem {@code unknown-encoding}, {@code unreadable-file} (its
	 * start is not text in the encoding used), {@code empty-file}
	 */
	public StagedUpload stage(Tenant tenant, InputStream csv, Character delimiter, String encoding) throws IOException {
		tenant.require(WorkspaceRole.MEMBER, "contacts:write");
		Charset given = CsvReading.charset(encoding);
		String token = UUID.randomUUID().toString();
		Path file = staged(tenant, token);
		Files.copy(csv, file, StandardCopyOption.REPLACE_EXISTING);
		CsvReading reading = readingOrDelete(file, given, delimiter);
		List<List<String>> rows;
		try {
			rows = reading.firstRows(file, 4);
		}
		catch (IOException | RuntimeException ex) {
			Files.deleteIfExists(file);
			throw new InvalidInputProblem("unreadable-file", "The start of the file could not be read as "
					+ reading.encoding().name() + ": it is in another encoding; name it.");
		}
		if (rows.isEmpty() || rows.get(0).isEmpty()) {
			Files.deleteIfExists(file);
			throw new InvalidInputProblem("empty-file", "The file is empty.");
		}
		List<String> headers = rows.get(0);
		return new StagedUpload(token, headers, headers.stream().map(ContactFields::guess).toList(),
				reading.encoding().name(), reading.encoding().source(), reading.describedDelimiter(),
				rows.subList(1, rows.size()));
	}

	/** Starts the import of a staged upload with the mapping the user confirmed. */
	public ContactImport startStaged(Tenant tenant, String token, Options options) throws IOException {
		tenant.require(WorkspaceRole.MEMBER, "contacts:write");
		Charset given = CsvReading.charset(options.encoding());
		Path file = staged(tenant, token);
		if (!Files.exists(file)) {
			throw new InvalidInputProblem("upload-expired", "The upload is gone: upload the file again.");
		}
		CsvReading reading = CsvReading.of(file, given, options.delimiter());
		UUID id = newJob(tenant, options, Files.size(file), reading);
		workers.submit(() -> run(tenant, id, file, options, reading, true));
		return get(tenant, id);
	}

	/** Runs an import in the calling thread (benchmarks, and the job runner). */
	public ContactImport runNow(Tenant tenant, Path file, Options options) throws IOException {
		tenant.require(WorkspaceRole.MEMBER, "contacts:write");
		CsvReading reading = CsvReading.of(file, CsvReading.charset(options.encoding()), options.delimiter());
		UUID id = newJob(tenant, options, Files.size(file), reading);
		run(tenant, id, file, options, reading, false);
		return get(tenant, id);
	}

	/**
	 * @throws NotFoundProblem when it is not a job of the caller's workspace
	 */
	public ContactImport get(Tenant tenant, UUID id) {
		tenant.require(WorkspaceRole.VIEWER, "contacts:read");
		return jobs.find(tenant.workspaceId(), id).orElseThrow(() -> new NotFoundProblem("Import"));
	}

	/** How the file is read; a file that cannot be read is deleted at once. */
	private static CsvReading readingOrDelete(Path file, Charset given, Character delimiter) throws IOException {
		try {
			return CsvReading.of(file, given, delimiter);
		}
		catch (InvalidInputProblem ex) {
			Files.deleteIfExists(file);
			throw ex;
		}
	}

	private UUID newJob(Tenant tenant, Options options, long bytes, CsvReading reading) {
		if (options.listId() != null && !lists.listExists(tenant.workspaceId(), options.listId())) {
			throw new NotFoundProblem("List");
		}
		UUID id = UUID.randomUUID();
		jobs.insert(tenant.workspaceId(), new NewJob(id, options.update() ? "update" : "skip", clock.instant(), bytes,
				options.listId(), options.checkMx(), reading));
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

	/**
	 * The job's bookkeeping around {@link #importFile}: done, or failed with the reason
	 * (naming the encoding when the bytes did not fit it), publishing
	 * {@link ImportFinished}; the file deleted after.
	 */
	private void run(Tenant tenant, UUID id, Path file, Options options, CsvReading reading, boolean deleteAfter) {
		UUID workspaceId = tenant.workspaceId();
		ImportEnds.Job job = new ImportEnds.Job(workspaceId, id, tenant.userId(), columns(file, options, reading));
		try {
			importFile(workspaceId, new CsvContactImporter.Logged(id, tenant.userId()), file, options, reading);
			ends.done(job);
		}
		catch (Exception ex) {
			String message = String.valueOf(ex.getMessage());
			if (CsvReading.causedByDecoding(ex)) {
				message += " (read as " + reading.encoding().name() + ", " + reading.encoding().source()
						+ "; if that is wrong, name the file's encoding)";
			}
			log.warn("Contact import {} failed: {}", id, message);
			ends.failed(job, message);
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

	/** The fields the file's columns map to; none when its header cannot be read. */
	private static List<String> columns(Path file, Options options, CsvReading reading) {
		try {
			return ColumnMapping.fields(reading.headers(file),
					options.mapping() == null ? Map.of() : options.mapping());
		}
		catch (Exception ex) {
			return List.of();
		}
	}

	private void importFile(UUID workspaceId, CsvContactImporter.Logged logged, Path file, Options options,
			CsvReading reading) throws Exception {
		UUID id = logged.importId();
		Map<String, String> mapping = options.mapping() == null ? Map.of() : options.mapping();
		try (CountingStream counted = new CountingStream(Files.newInputStream(file));
				Reader reader = reading.open(counted)) {
			List<String> headers = reading.headers(file);
			List<String> fieldsOfHeaders = ColumnMapping.fields(headers, mapping);
			if (!fieldsOfHeaders.contains("email")) {
				throw new IllegalArgumentException(reading.noEmailColumn(headers));
			}
			var settings = new CsvContactImporter.Settings(reading.delimiter(), mapping, options.update(),
					options.listId(), fields.typesDefining(workspaceId, ColumnMapping.customKeys(fieldsOfHeaders)),
					options.checkMx() ? exchangers::acceptsMail : null, reading.sepLine() ? 1 : 0, logged);
			importer.run(workspaceId, reader, settings,
					(read, inserted, updated, skipped, failed, errors) -> jobs.progress(id,
							new ContactImportRepository.Progress(read, counted.count(), inserted, updated, skipped,
									failed, errors)));
			scoring.rescoreAfterImport(workspaceId);
		}
	}

	@PreDestroy
	void stop() {
		workers.shutdownNow();
	}

}
