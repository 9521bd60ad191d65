package com.penguinmails.contacts.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code contact_changes} table: one row per change of a contact that its timeline
 * shows (list and tag membership, fields, status). Written in the caller's transaction.
 */
@Repository
public class ContactChangeLog {

	/** One recorded change, newest first when read. */
	public record Change(long id, UUID contactId, String kind, String detail, UUID actorUserId, UUID jobId,
			Instant occurredAt) {
	}

	private final JdbcClient jdbc;

	ContactChangeLog(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The same change of many contacts (a bulk action's batch); ids that are not the
	 * workspace's contacts are skipped.
	 * @param kind created, updated, status, tag_added, tag_removed, list_added,
	 * list_removed, imported
	 * @param detail at most 1,000 characters (longer is cut)
	 */
	public void record(UUID workspaceId, Collection<UUID> contactIds, String kind, String detail, UUID actorUserId,
			UUID jobId, Instant at) {
		if (contactIds.isEmpty()) {
			return;
		}
		String text = detail == null ? "" : detail.length() > 1000 ? detail.substring(0, 1000) : detail;
		jdbc.sql("""
				INSERT INTO contact_changes (workspace_id, contact_id, kind, detail, actor_user_id, job_id, occurred_at)
				SELECT ?, c.id, ?, ?, ?, ?, ? FROM contacts c WHERE c.workspace_id = ? AND c.id = ANY (?)""")
			.params(workspaceId, kind, text, actorUserId, jobId, Timestamp.from(at), workspaceId,
					contactIds.toArray(UUID[]::new))
			.update();
	}

	/** A contact an import merged: added ({@code inserted}) or updated. */
	public record Imported(UUID contactId, boolean inserted) {
	}

	/**
	 * The contacts an import merged, from the rows its merge wrote (kind
	 * {@code imported}, the job's id), in the order merged.
	 */
	public List<Imported> imported(UUID workspaceId, UUID importId) {
		return jdbc.sql("""
				SELECT contact_id, detail = 'Imported from a CSV file' FROM contact_changes
				WHERE workspace_id = ? AND job_id = ? AND kind = 'imported' ORDER BY id""")
			.params(workspaceId, importId)
			.query((rs, i) -> new Imported(rs.getObject(1, UUID.class), rs.getBoolean(2)))
			.list();
	}

	/** A contact's changes, newest first, at most {@code limit}. */
	public List<Change> of(UUID workspaceId, UUID contactId, int limit) {
		return jdbc.sql("""
				SELECT id, contact_id, kind, detail, actor_user_id, job_id, occurred_at FROM contact_changes
				WHERE workspace_id = ? AND contact_id = ? ORDER BY occurred_at DESC, id DESC LIMIT ?""")
			.params(workspaceId, contactId, limit)
			.query((rs, i) -> new Change(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
					rs.getObject(5, UUID.class), rs.getObject(6, UUID.class), rs.getTimestamp(7).toInstant()))
			.list();
	}

}
