package com.penguinmails.inbound.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.inbound.Inbox;
import com.penguinmails.inbound.Inbox.Entry;
import com.penguinmails.inbound.Inbox.Filter;
import com.penguinmails.inbound.Inbox.HistoryItem;
import com.penguinmails.inbound.Inbox.Thread;
import com.penguinmails.shared.CursorPage;

/**
 * The unified inbox's reads and writes of {@code inbound_messages} and
 * {@code inbound_threads}, every statement scoped to a workspace.
 */
@Repository
public class InboxRepository {

	/**
	 * Who a conversation is with: its mailbox, campaign, contact, label and the address
	 * of its latest incoming message.
	 */
	public record Head(UUID mailboxId, UUID campaignId, UUID contactId, String label, String replyTo) {
	}

	private final JdbcClient jdbc;

	InboxRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * A page of conversations, latest first ({@code size + 1} rows: the extra one says
	 * another page follows).
	 * @param all every kind, not only replies and auto-replies
	 * @param label only conversations with this label, or null
	 */
	public List<Thread> threads(UUID workspaceId, Filter filter, boolean all, String label, CursorPage.Position after,
			int size) {
		return jdbc.sql("""
				WITH latest AS (
				    SELECT DISTINCT ON (m.thread_id) m.* FROM inbound_messages m
				    WHERE m.workspace_id = ? AND m.direction = 'in' AND (? OR m.kind IN ('reply', 'auto_reply'))
				        AND (?::uuid IS NULL OR m.campaign_id = ?::uuid) AND (?::uuid IS NULL OR m.mailbox_id = ?::uuid)
				    ORDER BY m.thread_id, m.received_at DESC, m.id DESC)
				SELECT l.thread_id, l.id, l.from_address, l.from_name, l.subject, left(l.text_body, 200), l.received_at,
				    l.kind, t.label, l.mailbox_id, l.campaign_id, l.contact_id, l.flags,
				    (SELECT count(*) FROM inbound_messages u
				     WHERE u.workspace_id = l.workspace_id AND u.thread_id = l.thread_id AND u.unread) AS unread,
				    (SELECT count(*) FROM inbound_messages u
				     WHERE u.workspace_id = l.workspace_id AND u.thread_id = l.thread_id) AS messages
				FROM latest l LEFT JOIN inbound_threads t ON t.id = l.thread_id AND t.workspace_id = l.workspace_id
				WHERE (?::varchar IS NULL OR t.label = ?::varchar)
				    AND (NOT ? OR EXISTS (SELECT 1 FROM inbound_messages u
				        WHERE u.workspace_id = l.workspace_id AND u.thread_id = l.thread_id AND u.unread))
				    AND (?::timestamptz IS NULL OR (l.received_at, l.id) < (?::timestamptz, ?::uuid))
				ORDER BY l.received_at DESC, l.id DESC LIMIT ?""")
			.params(workspaceId, all, filter.campaignId(), filter.campaignId(), filter.mailboxId(), filter.mailboxId(),
					label, label, filter.unreadOnly(), after == null ? null : Timestamp.from(after.at()),
					after == null ? null : Timestamp.from(after.at()), after == null ? null : after.id(), size + 1)
			.query((rs, i) -> new Thread(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
					rs.getString(4), rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant(), rs.getString(8),
					rs.getString(9), rs.getInt(14), rs.getInt(15), rs.getObject(10, UUID.class),
					rs.getObject(11, UUID.class), rs.getObject(12, UUID.class), rs.getString(13)))
			.list();
	}

	/** Conversations with unread replies. */
	public long unread(UUID workspaceId) {
		return jdbc.sql("""
				SELECT count(DISTINCT thread_id) FROM inbound_messages
				WHERE workspace_id = ? AND unread AND direction = 'in' AND kind IN ('reply', 'auto_reply')""")
			.param(workspaceId)
			.query(Long.class)
			.single();
	}

	/** The stored messages of a conversation, oldest first. */
	public List<Entry> entries(UUID workspaceId, UUID threadId) {
		return jdbc.sql("""
				SELECT id, direction, CASE WHEN from_name = '' THEN from_address
				    ELSE from_name || ' <' || from_address || '>' END, to_addresses, subject, text_body, received_at,
				    kind, flags, problems, bounce_type, diagnostic, bounce_reason, bounce_status, reply_code, remote_mta
				FROM inbound_messages WHERE workspace_id = ? AND thread_id = ?
				ORDER BY date_trunc('second', received_at), created_at, id""")
			.params(workspaceId, threadId)
			.query((rs, i) -> new Entry(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant(), rs.getString(8), rs.getString(9),
					rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13), rs.getString(14),
					rs.getString(15), rs.getString(16)))
			.list();
	}

	public Optional<Head> head(UUID workspaceId, UUID threadId) {
		return jdbc.sql("""
				SELECT m.mailbox_id, m.campaign_id, m.contact_id, t.label,
				    (SELECT from_address FROM inbound_messages r WHERE r.workspace_id = m.workspace_id
				     AND r.thread_id = m.thread_id AND r.direction = 'in' ORDER BY received_at DESC LIMIT 1)
				FROM inbound_messages m LEFT JOIN inbound_threads t ON t.id = m.thread_id
				WHERE m.workspace_id = ? AND m.thread_id = ? AND m.direction = 'in'
				ORDER BY m.received_at DESC LIMIT 1""")
			.params(workspaceId, threadId)
			.query((rs, i) -> new Head(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
					rs.getObject(3, UUID.class), rs.getString(4), rs.getString(5)))
			.optional();
	}

	/** Marks a conversation's incoming messages read or unread; returns how many. */
	public int markRead(UUID workspaceId, UUID threadId, boolean read, boolean onlyUnread) {
		return jdbc
			.sql("UPDATE inbound_messages SET unread = ? WHERE workspace_id = ? AND thread_id = ?"
					+ " AND direction = 'in'" + (onlyUnread ? " AND unread" : ""))
			.params(!read, workspaceId, threadId)
			.update();
	}

	/** Sets a conversation's label; returns false for an unknown conversation. */
	public boolean label(UUID workspaceId, UUID threadId, String label, Instant now) {
		return jdbc.sql("UPDATE inbound_threads SET label = ?, updated_at = ? WHERE workspace_id = ? AND id = ?")
			.params(label, Timestamp.from(now), workspaceId, threadId)
			.update() == 1;
	}

	/** The latest incoming message of a conversation, as the message a reply answers. */
	public Optional<InboxReplies.Answer> latest(UUID workspaceId, UUID threadId) {
		return jdbc.sql("""
				SELECT mailbox_id, from_address, subject, message_id, references_ids, campaign_id, enrolment_id,
				    contact_id
				FROM inbound_messages WHERE workspace_id = ? AND thread_id = ? AND direction = 'in'
				ORDER BY received_at DESC, id DESC LIMIT 1""")
			.params(workspaceId, threadId)
			.query((rs, i) -> new InboxReplies.Answer(workspaceId, threadId, rs.getObject(1, UUID.class),
					rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getObject(6, UUID.class),
					rs.getObject(7, UUID.class), rs.getObject(8, UUID.class)))
			.optional();
	}

	/**
	 * What came back about a contact, newest first (at most 200): messages matched to it,
	 * and bounces naming {@code address} (null: none).
	 */
	public List<HistoryItem> history(UUID workspaceId, UUID contactId, String address) {
		return jdbc.sql("""
				SELECT m.id, m.thread_id, m.kind, m.subject, m.received_at, m.bounce_type, m.bounce_reason,
				    m.bounce_status, m.reply_code, m.remote_mta, m.diagnostic
				FROM inbound_messages m
				WHERE m.workspace_id = ? AND m.direction = 'in' AND (m.contact_id = ?
				    OR (m.kind = 'bounce' AND lower(m.bounced_address) = lower(?::varchar)))
				ORDER BY m.received_at DESC, m.id DESC LIMIT 200""")
			.params(workspaceId, contactId, address)
			.query((rs, i) -> new HistoryItem(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
					rs.getString(4), rs.getTimestamp(5).toInstant(), rs.getString(6), rs.getString(7), rs.getString(8),
					rs.getString(9), rs.getString(10), rs.getString(11)))
			.list();
	}

}
