package com.penguinmails.contacts.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.contacts.ContactImport;
import com.penguinmails.contacts.ContactImport.RowError;
import com.penguinmails.contacts.ImportStatus;

/**
 * The SQL of {@code contact_imports}, the import jobs: created {@code running}, updated
 * with the progress after each batch, finished {@code done} or {@code failed}. Reads are
 * scoped to the workspace; the job's own updates go by its id (a random UUID the runner
 * holds).
 */
@Repository
public class ContactImportRepository {

	/** A new job: {@code mode} is {@code update} or {@code skip}. */
	public record NewJob(UUID id, String mode, Instant createdAt, long bytesTotal, UUID listId, boolean checkMx,
			CsvReading reading) {
	}

	/** Progress counts: rows read, bytes read, and what became of the rows. */
	public record Progress(long rowsRead, long bytesRead, long inserted, long updated, long skipped, long failed,
			List<RowError> errors) {
	}

	/** The most characters of a failure message kept. */
	static final int MAX_MESSAGE = 1000;

	private final JdbcClient jdbc;

	private final ObjectMapper json;

	ContactImportRepository(JdbcClient jdbc, ObjectMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	public void insert(UUID workspaceId, NewJob job) {
		jdbc.sql("""
				INSERT INTO contact_imports (id, workspace_id, status, mode, created_at, bytes_total, list_id, check_mx,
				    encoding, encoding_source, delimiter)
				VALUES (?, ?, 'running', ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(job.id(), workspaceId, job.mode(), Timestamp.from(job.createdAt()), job.bytesTotal(), job.listId(),
					job.checkMx(), job.reading().encoding().name(), job.reading().encoding().source(),
					job.reading().describedDelimiter())
			.update();
	}

	public void progress(UUID id, Progress progress) {
		try {
			jdbc.sql("""
					UPDATE contact_imports SET rows_read = ?, bytes_read = ?, inserted = ?, updated = ?, skipped = ?,
					    failed = ?, errors = ?::jsonb WHERE id = ?""")
				.params(progress.rowsRead(), progress.bytesRead(), progress.inserted(), progress.updated(),
						progress.skipped(), progress.failed(), json.writeValueAsString(progress.errors()), id)
				.update();
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The job is done: the whole file is read. */
	public void done(UUID id, Instant at) {
		jdbc.sql("UPDATE contact_imports SET status = 'done', bytes_read = bytes_total, finished_at = ? WHERE id = ?")
			.params(Timestamp.from(at), id)
			.update();
	}

	/** The job failed: {@code message} says why (its first 1,000 characters are kept). */
	public void failed(UUID id, String message, Instant at) {
		jdbc.sql("UPDATE contact_imports SET status = 'failed', message = ?, finished_at = ? WHERE id = ?")
			.params(message.substring(0, Math.min(MAX_MESSAGE, message.length())), Timestamp.from(at), id)
			.update();
	}

	public Optional<ContactImport> find(UUID workspaceId, UUID id) {
		return jdbc.sql("SELECT * FROM contact_imports WHERE workspace_id = ? AND id = ?")
			.params(workspaceId, id)
			.query((rs, i) -> map(rs))
			.optional();
	}

	private ContactImport map(ResultSet rs) throws SQLException {
		List<RowError> errors;
		try {
			errors = json.readValue(rs.getString("errors"), new TypeReference<List<RowError>>() {
			});
		}
		catch (JsonProcessingException ex) {
			errors = List.of();
		}
		Timestamp finished = rs.getTimestamp("finished_at");
		return new ContactImport(rs.getObject("id", UUID.class), ImportStatus.of(rs.getString("status")),
				rs.getString("mode"), rs.getLong("rows_read"), rs.getLong("inserted"), rs.getLong("updated"),
				rs.getLong("skipped"), rs.getLong("failed"), errors, rs.getString("message"), rs.getLong("bytes_read"),
				rs.getLong("bytes_total"), rs.getObject("list_id", UUID.class), rs.getBoolean("check_mx"),
				rs.getTimestamp("created_at").toInstant(), finished == null ? null : finished.toInstant(),
				rs.getString("encoding"), rs.getString("encoding_source"), rs.getString("delimiter"));
	}

}
