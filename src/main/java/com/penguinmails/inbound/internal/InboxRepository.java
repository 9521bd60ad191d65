package com.penguinmails.inbound.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.inbound.Inbox.Entry;
import com.penguinmails.inbound.Inbox.HistoryItem;

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
	public record Head(UUID mailboxId, UUID campaignId, UUID contactId, String label, Instant archivedAt,
			String replyTo) {
	}

	private final JdbcClient jdbc;

	InboxRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The stored messages of a conversation, oldest first. */
	public List<Entry> entries(UUID workspaceId, UUID threadId) {
		return jdbc
			.sql("""
					SELECT id, direction, CASE WHEN from_name = '' THEN from_address
					    ELSE from_name || ' <' || from_address || '>' END, to_addresses, subject, text_body, received_at,
					    kind, flags, problems, bounce_type, diagnostic, bounce_reason, bounce_status, reply_code, remote_mta,
					    scheduled_for
					FROM inbound_messages WHERE workspace_id = ? AND thread_id = ?
					ORDER BY date_trunc('second', received_at), created_at, id""")
			.params(workspaceId, threadId)
			.query((rs, i) -> new Entry(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant(), rs.getString(8), rs.getString(9),
					rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13), rs.getString(14),
					rs.getString(15), rs.getString(16), instant(rs.getTimestamp(17))))
			.list();
	}

	public Optional<Head> head(UUID workspaceId, UUID threadId) {
		return jdbc.sql("""
				SELECT m.mailbox_id, m.campaign_id, m.contact_id, t.label, t.archived_at,
				    (SELECT from_address FROM inbound_messages r WHERE r.workspace_id = m.workspace_id
				     AND r.thread_id = m.thread_id AND r.direction = 'in' ORDER BY received_at DESC LIMIT 1)
				FROM inbound_messages m LEFT JOIN inbound_threads t ON t.id = m.thread_id
				WHERE m.workspace_id = ? AND m.thread_id = ? AND m.direction = 'in'
				ORDER BY m.received_at DESC LIMIT 1""")
			.params(workspaceId, threadId)
			.query((rs, i) -> new Head(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
					rs.getObject(3, UUID.class), rs.getString(4), instant(rs.getTimestamp(5)), rs.getString(6)))
			.optional();
	}

	/** Marks a conversation's incoming messages read or unread; returns how many. */
	public int markRead(UUID workspaceId, UUID threadId, boolean read, boolean onlyUnread) {
		int changed = jdbc
			.sql("UPDATE inbound_messages SET unread = ? WHERE workspace_id = ? AND thread_id = ?"
					+ " AND direction = 'in'" + (onlyUnread ? " AND unread" : ""))
			.params(!read, workspaceId, threadId)
			.update();
		if (changed > 0) {
			jdbc.sql("UPDATE inbound_threads SET has_unread = ? WHERE workspace_id = ? AND id = ?")
				.params(!read, workspaceId, threadId)
				.update();
		}
		return changed;
	}

	/**
	 * Marks conversations done ({@code now}) or not done (null); returns how many of the
	 * workspace's conversations among {@code threadIds} exist.
	 */
	public int archive(UUID workspaceId, List<UUID> threadIds, Instant now) {
		return jdbc.sql("UPDATE inbound_threads SET archived_at = ? WHERE workspace_id = ? AND id = ANY (?)")
			.params(now == null ? null : Timestamp.from(now), workspaceId, threadIds.toArray(UUID[]::new))
			.update();
	}

	/** Which of {@code threadIds} are conversations of the workspace. */
	public List<UUID> existing(UUID workspaceId, List<UUID> threadIds) {
		return jdbc.sql("SELECT id FROM inbound_threads WHERE workspace_id = ? AND id = ANY (?)")
			.params(workspaceId, threadIds.toArray(UUID[]::new))
			.query(UUID.class)
			.list();
	}

	/**
	 * A reply of the conversation sent later and not cancelled: its outbox row, or empty.
	 */
	public Optional<UUID> scheduledOutbox(UUID workspaceId, UUID threadId, UUID entryId) {
		return jdbc.sql("""
				SELECT outbox_id FROM inbound_messages WHERE workspace_id = ? AND thread_id = ? AND id = ?
				    AND direction = 'out' AND scheduled_for IS NOT NULL AND flags = '' AND outbox_id IS NOT NULL""")
			.params(workspaceId, threadId, entryId)
			.query(UUID.class)
			.optional();
	}

	/** A reply sent later, cancelled before it left: its entry says so. */
	public void cancelled(UUID workspaceId, UUID entryId) {
		jdbc.sql("UPDATE inbound_messages SET flags = 'cancelled', problems = 'Cancelled before it was sent.'"
				+ " WHERE workspace_id = ? AND id = ?")
			.params(workspaceId, entryId)
			.update();
	}

	/** A reply to be sent later: when it is due. */
	public void scheduled(UUID workspaceId, UUID entryId, Instant sendAt) {
		jdbc.sql("UPDATE inbound_messages SET scheduled_for = ? WHERE workspace_id = ? AND id = ?")
			.params(Timestamp.from(sendAt), workspaceId, entryId)
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

	private static Instant instant(Timestamp at) {
		return at == null ? null : at.toInstant();
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
