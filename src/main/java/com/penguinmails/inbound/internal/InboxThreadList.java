package com.penguinmails.inbound.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.inbound.Inbox.Filter;
import com.penguinmails.inbound.Inbox.Thread;
import com.penguinmails.shared.CursorPage;

/**
 * The unified inbox's list: a keyset page of {@code inbound_threads} (one row per
 * conversation, its latest incoming message denormalised by V46) joined to that message,
 * latest first. Every view reads one of V46's indexes on
 * {@code (workspace_id, latest_in_at DESC, latest_in_id DESC)}; a search ({@code q})
 * finds the conversations through the trigram index on sender, subject and body.
 */
@Repository
public class InboxThreadList {

	private final JdbcClient jdbc;

	InboxThreadList(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * A page of conversations, latest first ({@code size + 1} rows: the extra one says
	 * another page follows).
	 * @param all every conversation, not only those with a reply or auto-reply
	 * @param label only conversations with this label, or null
	 * @param pattern an ILIKE pattern ({@code %words%}) for the search, or null
	 */
	public List<Thread> threads(UUID workspaceId, Filter filter, boolean all, String label, String pattern,
			CursorPage.Position after, int size) {
		StringBuilder sql = new StringBuilder("""
				SELECT t.id, l.id, l.from_address, l.from_name, l.subject, left(l.text_body, 200), t.latest_in_at,
				    l.kind, t.label, t.mailbox_id, t.campaign_id, l.contact_id, l.flags,
				    t.archived_at IS NOT NULL
				FROM inbound_threads t JOIN inbound_messages l ON l.id = t.latest_in_id
				WHERE t.workspace_id = ? AND t.latest_in_at IS NOT NULL""");
		List<Object> params = new ArrayList<>(List.of(workspaceId));
		sql.append(filter.done() ? " AND t.archived_at IS NOT NULL" : " AND t.archived_at IS NULL");
		if (!all) {
			sql.append(" AND t.has_reply");
		}
		if (filter.unreadOnly()) {
			sql.append(" AND t.has_unread");
		}
		if (label != null) {
			sql.append(" AND t.label = ?");
			params.add(label);
		}
		if (filter.campaignId() != null) {
			sql.append(" AND t.campaign_id = ?");
			params.add(filter.campaignId());
		}
		if (filter.mailboxId() != null) {
			sql.append(" AND t.mailbox_id = ?");
			params.add(filter.mailboxId());
		}
		if (pattern != null) {
			sql.append(" AND t.id IN (SELECT s.thread_id FROM inbound_messages s WHERE s.workspace_id = ?")
				.append(" AND (s.from_address || ' ' || s.from_name || ' ' || s.subject || ' ' || s.text_body) ILIKE ?)");
			params.add(workspaceId);
			params.add(pattern);
		}
		if (after != null) {
			sql.append(" AND (t.latest_in_at, t.latest_in_id) < (?, ?)");
			params.add(Timestamp.from(after.at()));
			params.add(after.id());
		}
		sql.append(" ORDER BY t.latest_in_at DESC, t.latest_in_id DESC LIMIT ?");
		params.add(size + 1);
		List<Row> rows = jdbc.sql(sql.toString())
			.params(params)
			.query((rs, i) -> new Row(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
					rs.getString(4), rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant(), rs.getString(8),
					rs.getString(9), rs.getObject(10, UUID.class), rs.getObject(11, UUID.class),
					rs.getObject(12, UUID.class), rs.getString(13), rs.getBoolean(14)))
			.list();
		Map<UUID, int[]> counts = counts(workspaceId, rows);
		return rows.stream().map(row -> row.thread(counts.getOrDefault(row.id(), new int[2]))).toList();
	}

	/**
	 * The unread incoming messages and all messages of each conversation of a page, in
	 * one grouped read of {@code inbound_messages_thread_ws} rather than two subqueries
	 * per row: {@code [unread, messages]} by conversation id.
	 */
	private Map<UUID, int[]> counts(UUID workspaceId, List<Row> rows) {
		Map<UUID, int[]> counts = new HashMap<>();
		if (rows.isEmpty()) {
			return counts;
		}
		jdbc.sql("""
				SELECT thread_id, count(*) FILTER (WHERE direction = 'in' AND unread), count(*) FROM inbound_messages
				WHERE workspace_id = ? AND thread_id = ANY (?) GROUP BY thread_id""")
			.params(workspaceId, rows.stream().map(Row::id).toArray(UUID[]::new))
			.query(rs -> {
				counts.put(rs.getObject(1, UUID.class), new int[] { rs.getInt(2), rs.getInt(3) });
			});
		return counts;
	}

	/** A conversation's row before its counts. */
	private record Row(UUID id, UUID latestId, String from, String fromName, String subject, String snippet,
			Instant receivedAt, String kind, String label, UUID mailboxId, UUID campaignId, UUID contactId,
			String flags, boolean done) {

		Thread thread(int[] counts) {
			return new Thread(this.id, this.latestId, this.from, this.fromName, this.subject, this.snippet,
					this.receivedAt, this.kind, this.label, counts[0], counts[1], this.mailboxId, this.campaignId,
					this.contactId, this.flags, this.done);
		}

	}

	/**
	 * Conversations with unread messages and a reply, not done (the navigation's count).
	 */
	public long unread(UUID workspaceId) {
		return jdbc
			.sql("SELECT count(*) FROM inbound_threads WHERE workspace_id = ? AND has_unread AND has_reply"
					+ " AND archived_at IS NULL")
			.param(workspaceId)
			.query(Long.class)
			.single();
	}

}
