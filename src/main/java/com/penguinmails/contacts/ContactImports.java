package com.penguinmails.contacts;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PreDestroy;
import org.apache.commons.io.input.BOMInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.penguinmails.contacts.ContactImport.RowError;
import com.penguinmails.contacts.internal.ContactFields;
import com.penguinmails.contacts.internal.CsvContactImporter;
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

	public record Options(char delimiter, boolean update, Map<String, String> mapping) {
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

	ContactImports(JdbcClient jdbc, CsvContactImporter importer, ObjectMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.importer = importer;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * Starts an import of {@code csv} (UTF-8, with or without BOM); returns the running
	 * job.
	 */
	public ContactImport start(Tenant tenant, InputStream csv, Options options) throws IOException {
		tenant.require(WorkspaceRole.MEMBER, "contacts:write");
		Path file = Files.createTempFile("penguinmails-import-", ".csv");
		Files.copy(csv, file, StandardCopyOption.REPLACE_EXISTING);
		UUID id = UUID.randomUUID();
		jdbc.sql(
				"INSERT INTO contact_imports (id, workspace_id, status, mode, created_at) VALUES (?, ?, 'running', ?, ?)")
			.params(id, tenant.workspaceId(), options.update() ? "update" : "skip", Timestamp.from(clock.instant()))
			.update();
		workers.submit(() -> run(tenant.workspaceId(), id, file, options, true));
		return get(tenant, id);
	}

	/**
	 * An upload waiting for its column mapping: the headers and the guessed field of
	 * each.
	 */
	public record StagedUpload(String token, List<String> headers, List<String> guesses) {
	}

	/**
	 * Saves an upload and reads its header row, for the mapping step;
	 * {@link #startStaged} then imports it.
	 */
	public StagedUpload stage(Tenant tenant, InputStream csv, char delimiter) throws IOException {
		tenant.require(WorkspaceRole.MEMBER, "contacts:write");
		String token = UUID.randomUUID().toString();
		Path file = staged(tenant, token);
		Files.copy(csv, file, StandardCopyOption.REPLACE_EXISTING);
		try (Reader reader = new java.io.InputStreamReader(
				BOMInputStream.builder().setInputStream(Files.newInputStream(file)).get(), StandardCharsets.UTF_8);
				org.apache.commons.csv.CSVParser parser = org.apache.commons.csv.CSVFormat.DEFAULT.builder()
					.setDelimiter(delimiter)
					.get()
					.parse(reader)) {
			var first = parser.iterator();
			if (!first.hasNext()) {
				Files.deleteIfExists(file);
				throw new InvalidInputProblem("empty-file", "The file is empty.");
			}
			List<String> headers = first.next().toList();
			return new StagedUpload(token, headers, headers.stream().map(ContactFields::guess).toList());
		}
	}

	/** Starts the import of a staged upload with the mapping the user confirmed. */
	public ContactImport startStaged(Tenant tenant, String token, Options options) throws IOException {
		tenant.require(WorkspaceRole.MEMBER, "contacts:write");
		Path file = staged(tenant, token);
		if (!Files.exists(file)) {
			throw new InvalidInputProblem("upload-expired", "The upload is gone: upload the file again.");
		}
		UUID id = UUID.randomUUID();
		jdbc.sql(
				"INSERT INTO contact_imports (id, workspace_id, status, mode, created_at) VALUES (?, ?, 'running', ?, ?)")
			.params(id, tenant.workspaceId(), options.update() ? "update" : "skip", Timestamp.from(clock.instant()))
			.update();
		workers.submit(() -> run(tenant.workspaceId(), id, file, options, true));
		return get(tenant, id);
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
	public ContactImport runNow(Tenant tenant, Path file, Options options) {
		tenant.require(WorkspaceRole.MEMBER, "contacts:write");
		UUID id = UUID.randomUUID();
		jdbc.sql(
				"INSERT INTO contact_imports (id, workspace_id, status, mode, created_at) VALUES (?, ?, 'running', ?, ?)")
			.params(id, tenant.workspaceId(), options.update() ? "update" : "skip", Timestamp.from(clock.instant()))
			.update();
		run(tenant.workspaceId(), id, file, options, false);
		return get(tenant, id);
	}

	private void run(UUID workspaceId, UUID id, Path file, Options options, boolean deleteAfter) {
		try (Reader reader = new java.io.InputStreamReader(
				BOMInputStream.builder().setInputStream(Files.newInputStream(file)).get(), StandardCharsets.UTF_8)) {
			importer.run(workspaceId, reader, options.delimiter(),
					options.mapping() == null ? Map.of() : options.mapping(), options.update(),
					(read, inserted, updated, skipped, failed, errors) -> progress(id, read, inserted, updated, skipped,
							failed, errors));
			jdbc.sql("UPDATE contact_imports SET status = 'done', finished_at = ? WHERE id = ?")
				.params(Timestamp.from(clock.instant()), id)
				.update();
		}
		catch (Exception ex) {
			log.warn("Contact import {} failed: {}", id, ex.getMessage());
			jdbc.sql("UPDATE contact_imports SET status = 'failed', message = ?, finished_at = ? WHERE id = ?")
				.params(String.valueOf(ex.getMessage())
					.substring(0, Math.min(1000, String.valueOf(ex.getMessage()).length())),
						Timestamp.from(clock.instant()), id)
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

	private void progress(UUID id, long read, long inserted, long updated, long skipped, long failed,
			List<RowError> errors) {
		try {
			jdbc.sql("""
					UPDATE contact_imports SET rows_read = ?, inserted = ?, updated = ?, skipped = ?, failed = ?,
					    errors = ?::jsonb WHERE id = ?""")
				.params(read, inserted, updated, skipped, failed, json.writeValueAsString(errors), id)
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
						rs.getLong("failed"), errors, rs.getString("message"),
						rs.getTimestamp("created_at").toInstant(), finished == null ? null : finished.toInstant());
			})
			.optional()
			.orElseThrow(() -> new NotFoundProblem("Import"));
	}

	@PreDestroy
	void stop() {
		workers.shutdownNow();
	}

}
