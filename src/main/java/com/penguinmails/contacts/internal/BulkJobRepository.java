package com.penguinmails.contacts.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.contacts.BulkAction;
import com.penguinmails.contacts.BulkJobStatus;
import com.penguinmails.contacts.ContactBulkJob;
import com.penguinmails.contacts.ContactFilter;
import com.penguinmails.contacts.ContactStatus;

/**
 * The {@code contact_bulk_jobs} table (V44). Reads for pages are scoped to the workspace
 * given first; the worker's claim takes any workspace's job, with {@code SKIP LOCKED} and
 * a lease, so nodes share the jobs and a job whose worker died is taken up again.
 */
@Repository
public class BulkJobRepository {

	/**
	 * A job's selection as stored: the ids of scope {@code selected}, or the parts of a
	 * filter.
	 */
	public record Selection(List<UUID> ids, String q, UUID listId, String tag, String status, UUID segmentId) {

		public static Selection of(ContactFilter filter) {
			return new Selection(null, filter.q(), filter.listId(), filter.tag(),
					filter.status() == null ? null : filter.status().value(), filter.segmentId());
		}

		public ContactFilter filter() {
			return new ContactFilter(q, listId, tag, status == null ? null : ContactStatus.of(status), segmentId);
		}

	}

	/** A new job's row. */
	public record NewJob(UUID id, BulkAction action, String value, String valueLabel, Selection selection,
			String described, long total, UUID actorUserId, UUID apiKeyId, Instant createdAt) {
	}

	/** A job a worker holds: what it needs to go on from {@code lastId}. */
	public record Claimed(UUID id, UUID workspaceId, BulkAction action, String value, String valueLabel,
			Selection selection, String described, UUID lastId, UUID actorUserId, UUID apiKeyId) {
	}

	private final JdbcClient jdbc;

	private final ObjectMapper json;

	BulkJobRepository(JdbcClient jdbc, ObjectMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	public void insert(UUID workspaceId, NewJob job) {
		jdbc.sql(
				"""
						INSERT INTO contact_bulk_jobs (id, workspace_id, action, value, value_label, scope, selection, described,
						    total, actor_user_id, api_key_id, created_at)
						VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?)""")
			.params(job.id(), workspaceId, job.action().value(), job.value(), job.valueLabel(),
					job.selection().ids() == null ? "filter" : "selected", write(job.selection()), job.described(),
					job.total(), job.actorUserId(), job.apiKeyId(), Timestamp.from(job.createdAt()))
			.update();
	}

	public Optional<ContactBulkJob> find(UUID workspaceId, UUID id) {
		return jdbc.sql("SELECT * FROM contact_bulk_jobs WHERE workspace_id = ? AND id = ?")
			.params(workspaceId, id)
			.query((rs, i) -> map(rs))
			.optional();
	}

	/** The workspace's newest jobs first, at most {@code limit}. */
	public List<ContactBulkJob> recent(UUID workspaceId, int limit) {
		return jdbc
			.sql("SELECT * FROM contact_bulk_jobs WHERE workspace_id = ? ORDER BY created_at DESC, id DESC LIMIT ?")
			.params(workspaceId, limit)
			.query((rs, i) -> map(rs))
			.list();
	}

	/**
	 * Claims the oldest job that is queued, or running with its lease run out (its worker
	 * died), marks it running and leases it until {@code leaseUntil}.
	 * @param onlyId that job alone (a small one run at once), or null for any
	 */
	public Optional<Claimed> claim(UUID onlyId, Instant now, Instant leaseUntil) {
		return jdbc
			.sql("""
					UPDATE contact_bulk_jobs j SET status = 'running', lease_until = ?, started_at = coalesce(j.started_at, ?)
					FROM (SELECT id FROM contact_bulk_jobs
					      WHERE (status = 'queued' OR (status = 'running' AND lease_until < ?))
					          AND (?::uuid IS NULL OR id = ?)
					      ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED) due
					WHERE j.id = due.id
					RETURNING j.id, j.workspace_id, j.action, j.value, j.value_label, j.selection, j.described, j.last_id,
					    j.actor_user_id, j.api_key_id""")
			.params(Timestamp.from(leaseUntil), Timestamp.from(now), Timestamp.from(now), onlyId, onlyId)
			.query((rs, i) -> new Claimed(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
					BulkAction.of(rs.getString(3)), rs.getString(4), rs.getString(5), read(rs.getString(6)),
					rs.getString(7), rs.getObject(8, UUID.class), rs.getObject(9, UUID.class),
					rs.getObject(10, UUID.class)))
			.optional();
	}

	/**
	 * Locks a running job for its next batch and renews its lease; false when it is no
	 * longer running (cancelled meanwhile), and the batch must not be applied.
	 */
	public boolean renew(UUID id, Instant leaseUntil) {
		return jdbc.sql("SELECT id FROM contact_bulk_jobs WHERE id = ? AND status = 'running' FOR UPDATE")
			.param(id)
			.query(UUID.class)
			.optional()
			.map(found -> jdbc.sql("UPDATE contact_bulk_jobs SET lease_until = ? WHERE id = ?")
				.params(Timestamp.from(leaseUntil), id)
				.update() > 0)
			.orElse(false);
	}

	/** Records a batch: the walk's new position and what the batch did. */
	public void progress(UUID id, UUID lastId, long done, long skipped, long failed) {
		jdbc.sql("""
				UPDATE contact_bulk_jobs SET last_id = ?, done = done + ?, skipped = skipped + ?, failed = failed + ?
				WHERE id = ?""").params(lastId, done, skipped, failed, id).update();
	}

	/** Ends a running job as done or failed. */
	public void finish(UUID id, BulkJobStatus status, String error, Instant at) {
		jdbc.sql("""
				UPDATE contact_bulk_jobs SET status = ?, error = ?, finished_at = ?, lease_until = NULL
				WHERE id = ? AND status = 'running'""")
			.params(status.value(), error == null ? null : error.length() > 1000 ? error.substring(0, 1000) : error,
					Timestamp.from(at), id)
			.update();
	}

	/** Cancels a queued or running job of the workspace; false when it was over. */
	public boolean cancel(UUID workspaceId, UUID id, Instant at) {
		return jdbc.sql("""
				UPDATE contact_bulk_jobs SET status = 'cancelled', finished_at = ?, lease_until = NULL
				WHERE workspace_id = ? AND id = ? AND status IN ('queued', 'running')""")
			.params(Timestamp.from(at), workspaceId, id)
			.update() > 0;
	}

	/** Where the export's CSV lies, relative to the data directory. */
	public void exportFile(UUID id, String path) {
		jdbc.sql("UPDATE contact_bulk_jobs SET export_file = ? WHERE id = ?").params(path, id).update();
	}

	/** The export's CSV of a job of the workspace, when it is done. */
	public Optional<String> exportFile(UUID workspaceId, UUID id) {
		return jdbc.sql("""
				SELECT export_file FROM contact_bulk_jobs
				WHERE workspace_id = ? AND id = ? AND status = 'done' AND export_file IS NOT NULL""")
			.params(workspaceId, id)
			.query(String.class)
			.optional();
	}

	private ContactBulkJob map(ResultSet rs) throws SQLException {
		Selection selection = read(rs.getString("selection"));
		BulkJobStatus status = BulkJobStatus.of(rs.getString("status"));
		return new ContactBulkJob(rs.getObject("id", UUID.class), BulkAction.of(rs.getString("action")),
				rs.getString("value"), rs.getString("value_label"), rs.getString("scope"),
				selection.ids() == null ? selection.filter() : null, rs.getString("described"), rs.getLong("total"),
				rs.getLong("done"), rs.getLong("skipped"), rs.getLong("failed"), status, rs.getString("error"),
				status == BulkJobStatus.DONE && rs.getString("export_file") != null, instant(rs, "created_at"),
				instant(rs, "started_at"), instant(rs, "finished_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp at = rs.getTimestamp(column);
		return at == null ? null : at.toInstant();
	}

	private String write(Selection selection) {
		try {
			return json.writeValueAsString(selection);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private Selection read(String text) {
		try {
			return json.readValue(text, Selection.class);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
