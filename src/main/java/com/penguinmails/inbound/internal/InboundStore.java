package com.penguinmails.inbound.internal;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

import com.penguinmails.inbound.MessageKind;
import com.penguinmails.mailboxes.MailboxRef;

/** The inbound tables: sync schedule, folder positions, stored messages. */
@Repository
public class InboundStore {

	/** A folder's position: its UIDVALIDITY and the last UID read under it. */
	public record FolderState(long uidValidity, long lastUid) {
	}

	/** A message as stored (bodies and raw bytes aside). */
	public record NewMessage(UUID id, UUID workspaceId, UUID mailboxId, String direction, String folder,
			Long uidValidity, Long uid, String messageId, String inReplyTo, String references, String fromAddress,
			String fromName, String toAddresses, String subject, Instant sentAt, Instant receivedAt, long size,
			MessageKind kind, String bounceType, String bounceStatus, String bouncedAddress, String diagnostic,
			String bounceReason, String replyCode, String remoteMta, String flags, String problems, String textBody,
			String htmlBody, byte[] raw, UUID outboxId, UUID sentBy, UUID campaignId, UUID enrolmentId, UUID contactId,
			UUID threadId, boolean unread) {
	}

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	InboundStore(JdbcClient jdbc, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.transactions = transactions;
	}

	/**
	 * Keeps the schedule in step with the mailboxes: new ones are due at once, removed
	 * ones leave it.
	 */
	public void schedule(List<MailboxRef> mailboxes, Instant now) {
		UUID[] ids = mailboxes.stream().map(MailboxRef::id).toArray(UUID[]::new);
		UUID[] workspaces = mailboxes.stream().map(MailboxRef::workspaceId).toArray(UUID[]::new);
		jdbc.sql("""
				INSERT INTO inbound_mailboxes (mailbox_id, workspace_id, next_sync_at)
				SELECT m, w, ? FROM unnest(?::uuid[], ?::uuid[]) AS t (m, w)
				ON CONFLICT (mailbox_id) DO NOTHING""").params(Timestamp.from(now), ids, workspaces).update();
		jdbc.sql("DELETE FROM inbound_mailboxes WHERE NOT (mailbox_id = ANY (?))").param(ids).update();
	}

	/**
	 * Claims up to {@code limit} mailboxes due for a sync, for this node, until the lease
	 * runs out (a node that dies mid-sync leaves them to another).
	 */
	public List<UUID[]> claimDue(Instant now, Duration lease, int limit) {
		return jdbc.sql("""
				UPDATE inbound_mailboxes SET lease_until = ?
				WHERE mailbox_id IN (
				    SELECT mailbox_id FROM inbound_mailboxes
				    WHERE next_sync_at <= ? AND (lease_until IS NULL OR lease_until < ?)
				    ORDER BY next_sync_at LIMIT ? FOR UPDATE SKIP LOCKED)
				RETURNING workspace_id, mailbox_id""")
			.params(Timestamp.from(now.plus(lease)), Timestamp.from(now), Timestamp.from(now), limit)
			.query((rs, i) -> new UUID[] { rs.getObject(1, UUID.class), rs.getObject(2, UUID.class) })
			.list();
	}

	/**
	 * Extends a claim on the mailbox's sync to {@code until}, while it is held: a sync
	 * that has ended (its lease cleared) is not claimed again by this.
	 */
	public void renew(UUID mailboxId, Instant until) {
		jdbc.sql("UPDATE inbound_mailboxes SET lease_until = ? WHERE mailbox_id = ? AND lease_until IS NOT NULL")
			.params(Timestamp.from(until), mailboxId)
			.update();
	}

	/** Asks for a sync of the mailbox as soon as a node is free (IDLE saw new mail). */
	public void due(UUID mailboxId, Instant now) {
		jdbc.sql("UPDATE inbound_mailboxes SET next_sync_at = ? WHERE mailbox_id = ? AND next_sync_at > ?")
			.params(Timestamp.from(now), mailboxId, Timestamp.from(now))
			.update();
	}

	public void synced(UUID workspaceId, UUID mailboxId, Instant now, Instant next) {
		jdbc.sql("""
				INSERT INTO inbound_mailboxes (mailbox_id, workspace_id, next_sync_at, last_synced_at)
				VALUES (?, ?, ?, ?)
				ON CONFLICT (mailbox_id) DO UPDATE SET lease_until = NULL, last_synced_at = EXCLUDED.last_synced_at,
				    next_sync_at = EXCLUDED.next_sync_at, last_error = NULL, failures = 0""")
			.params(mailboxId, workspaceId, Timestamp.from(next), Timestamp.from(now))
			.update();
	}

	/** Records a failed sync; returns how many have failed in a row. */
	public int failed(UUID workspaceId, UUID mailboxId, String error, Instant now, Duration interval) {
		return jdbc.sql("""
				INSERT INTO inbound_mailboxes (mailbox_id, workspace_id, next_sync_at, last_error, failures)
				VALUES (?, ?, ?::timestamptz + ?::float8 * interval '1 second', ?, 1)
				ON CONFLICT (mailbox_id) DO UPDATE SET lease_until = NULL, last_error = EXCLUDED.last_error,
				    failures = inbound_mailboxes.failures + 1,
				    next_sync_at = ?::timestamptz
				        + least(?::float8 * power(2, inbound_mailboxes.failures), 3600) * interval '1 second'
				RETURNING failures""")
			.params(mailboxId, workspaceId, Timestamp.from(now), (double) interval.toSeconds(),
					error.substring(0, Math.min(1000, error.length())), Timestamp.from(now),
					(double) interval.toSeconds())
			.query(Integer.class)
			.single();
	}

	/**
	 * The last sync's outcome of a mailbox: when, the error if it failed, and how many
	 * messages were skipped as duplicates (the last one named).
	 */
	public record SyncStatus(Instant lastSyncedAt, String lastError, int failures, long duplicatesSkipped,
			String lastDuplicate) {
	}

	/**
	 * The last sync's outcome of the workspace's mailboxes among {@code mailboxIds} that
	 * were synced, by mailbox id, in one read of the primary key.
	 */
	public Map<UUID, SyncStatus> statuses(UUID workspaceId, Collection<UUID> mailboxIds) {
		Map<UUID, SyncStatus> statuses = new HashMap<>();
		jdbc.sql("""
				SELECT mailbox_id, last_synced_at, last_error, failures, duplicates_skipped, last_duplicate
				FROM inbound_mailboxes WHERE workspace_id = ? AND mailbox_id = ANY (?)""")
			.params(workspaceId, mailboxIds.toArray(UUID[]::new))
			.query(rs -> {
				Timestamp at = rs.getTimestamp(2);
				statuses.put(rs.getObject(1, UUID.class), new SyncStatus(at == null ? null : at.toInstant(),
						rs.getString(3), rs.getInt(4), rs.getLong(5), rs.getString(6)));
			});
		return statuses;
	}

	public Optional<FolderState> folder(UUID mailboxId, String folder) {
		return jdbc.sql("SELECT uidvalidity, last_uid FROM inbound_folders WHERE mailbox_id = ? AND folder = ?")
			.params(mailboxId, folder)
			.query((rs, i) -> new FolderState(rs.getLong(1), rs.getLong(2)))
			.optional();
	}

	public void saveFolder(UUID workspaceId, UUID mailboxId, String folder, FolderState state, Instant now) {
		jdbc.sql("""
				INSERT INTO inbound_folders (mailbox_id, folder, workspace_id, uidvalidity, last_uid, synced_at)
				VALUES (?, ?, ?, ?, ?, ?)
				ON CONFLICT (mailbox_id, folder) DO UPDATE SET uidvalidity = EXCLUDED.uidvalidity,
				    last_uid = EXCLUDED.last_uid, synced_at = EXCLUDED.synced_at""")
			.params(mailboxId, folder, workspaceId, state.uidValidity(), state.lastUid(), Timestamp.from(now))
			.update();
	}

	/**
	 * Stores a message; false when it is already there (the same UID, or the same
	 * Message-ID in this mailbox: a renumbered folder, or a copy in another folder).
	 */
	public boolean insert(NewMessage m, Instant now) {
		// The key and the message commit together: a key never stands for a message lost.
		return Boolean.TRUE.equals(transactions.execute(status -> claimKeys(m) && store(m, now)));
	}

	/**
	 * Claims the message's dedupe keys (V89: inbound_messages is partitioned by
	 * received_at, so its unique keys live in inbound_message_keys); false when another
	 * stored message holds one of them.
	 */
	private boolean claimKeys(NewMessage m) {
		return jdbc.sql("""
				INSERT INTO inbound_message_keys (id, workspace_id, mailbox_id, folder, uidvalidity, uid, message_id)
				VALUES (?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT DO NOTHING""")
			.params(m.id(), m.workspaceId(), m.mailboxId(), m.folder(), m.uidValidity(), m.uid(),
					"in".equals(m.direction()) ? m.messageId() : null)
			.update() == 1;
	}

	private boolean store(NewMessage m, Instant now) {
		boolean inserted = jdbc
			.sql("""
					INSERT INTO inbound_messages (id, workspace_id, mailbox_id, direction, folder, uidvalidity, uid,
					    message_id, in_reply_to, references_ids, from_address, from_name, to_addresses, subject, sent_at,
					    received_at, size_bytes, kind, bounce_type, bounce_status, bounced_address, diagnostic,
					    bounce_reason, reply_code, remote_mta, flags,
					    problems, text_body, html_body, raw, outbox_id, sent_by, campaign_id, enrolment_id, contact_id, thread_id,
					    unread, created_at)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
					    ?, ?, ?, ?, ?, ?)
					ON CONFLICT DO NOTHING""")
			.params(m.id(), m.workspaceId(), m.mailboxId(), m.direction(), m.folder(), m.uidValidity(), m.uid(),
					m.messageId(), m.inReplyTo(), m.references(), m.fromAddress(), m.fromName(), m.toAddresses(),
					m.subject(), m.sentAt() == null ? null : Timestamp.from(m.sentAt()), Timestamp.from(m.receivedAt()),
					m.size(), m.kind().value(), m.bounceType(), m.bounceStatus(), m.bouncedAddress(), m.diagnostic(),
					m.bounceReason(), m.replyCode(), m.remoteMta(), m.flags(), m.problems(), m.textBody(), m.htmlBody(),
					m.raw(), m.outboxId(), m.sentBy(), m.campaignId(), m.enrolmentId(), m.contactId(), m.threadId(),
					m.unread(), Timestamp.from(now))
			.update() == 1;
		if (inserted) {
			// An auto-reply opens its conversation as "out of office" unless labelled.
			// An incoming message becomes the conversation's latest (what the list
			// shows) and takes it out of "Done" (V46).
			boolean in = "in".equals(m.direction());
			boolean reply = m.kind() == MessageKind.REPLY || m.kind() == MessageKind.AUTO_REPLY;
			jdbc.sql(
					"""
							INSERT INTO inbound_threads AS t (id, workspace_id, label, updated_at, latest_in_id, latest_in_at,
							    mailbox_id, campaign_id, has_reply, has_unread)
							VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
							ON CONFLICT (id) DO UPDATE SET updated_at = EXCLUDED.updated_at,
							    latest_in_id = CASE WHEN EXCLUDED.latest_in_at IS NOT NULL AND (t.latest_in_at IS NULL
							        OR EXCLUDED.latest_in_at >= t.latest_in_at) THEN EXCLUDED.latest_in_id ELSE t.latest_in_id END,
							    latest_in_at = greatest(t.latest_in_at, EXCLUDED.latest_in_at),
							    mailbox_id = coalesce(t.mailbox_id, EXCLUDED.mailbox_id),
							    campaign_id = coalesce(t.campaign_id, EXCLUDED.campaign_id),
							    has_reply = t.has_reply OR EXCLUDED.has_reply, has_unread = t.has_unread OR EXCLUDED.has_unread,
							    archived_at = CASE WHEN EXCLUDED.latest_in_at IS NULL THEN t.archived_at END""")
				.params(m.threadId(), m.workspaceId(), m.kind() == MessageKind.AUTO_REPLY ? "out_of_office" : null,
						Timestamp.from(now), in ? m.id() : null, in ? Timestamp.from(m.receivedAt()) : null,
						in ? m.mailboxId() : null, in ? m.campaignId() : null, in && reply, in && m.unread())
				.update();
		}
		return inserted;
	}

	/**
	 * How many soft bounces about the recipient an address has had in the workspace: a
	 * rate limit is about us, so it does not count.
	 */
	public int softBounces(UUID workspaceId, String address) {
		return jdbc.sql("""
				SELECT count(*) FROM inbound_messages
				WHERE workspace_id = ? AND kind = 'bounce' AND lower(bounced_address) = lower(?)
				    AND bounce_type = 'soft' AND coalesce(bounce_reason, '') <> 'rate_limited'""")
			.params(workspaceId, address)
			.query(Integer.class)
			.single();
	}

	/**
	 * Refusals of the sender itself
	 * ({@link com.penguinmails.shared.BounceReason#aboutSender()}) of a mailbox's
	 * messages since the instant, matched to what it sent (a stray one may be backscatter
	 * of mail forged in our name).
	 */
	public long blocks(UUID workspaceId, UUID mailboxId, Instant since) {
		return jdbc.sql("""
				SELECT count(*) FROM inbound_messages
				WHERE workspace_id = ? AND kind = 'bounce' AND bounce_type = 'block'
				    AND bounce_reason IN ('blocked', 'bad_reputation', 'spam_detected', 'auth_failure', 'requires_ptr',
				        'sender_rejected')
				    AND sent_by = ? AND received_at >= ?""")
			.params(workspaceId, mailboxId, Timestamp.from(since))
			.query(Long.class)
			.single();
	}

	/**
	 * Counts a message a sync skipped because the mailbox already holds its Message-ID,
	 * naming the last one skipped, for the inbox's sync state.
	 */
	public void skippedDuplicate(UUID workspaceId, UUID mailboxId, String folder, long uid, String messageId,
			Instant now) {
		String what = clip(folder + " UID " + uid + (messageId != null ? " " + messageId : ""), 1000);
		jdbc.sql(
				"""
						INSERT INTO inbound_mailboxes (mailbox_id, workspace_id, next_sync_at, duplicates_skipped, last_duplicate)
						VALUES (?, ?, ?, 1, ?)
						ON CONFLICT (mailbox_id) DO UPDATE
						SET duplicates_skipped = inbound_mailboxes.duplicates_skipped + 1, last_duplicate = EXCLUDED.last_duplicate""")
			.params(mailboxId, workspaceId, Timestamp.from(now), what)
			.update();
	}

	private static String clip(String value, int max) {
		return value.length() <= max ? value : value.substring(0, max);
	}

	/**
	 * Hard bounces and refusals ({@code bounce_type} hard or block) of a mailbox's
	 * messages since the instant, matched to what it sent.
	 */
	public long bounces(UUID workspaceId, UUID mailboxId, Instant since) {
		return jdbc.sql("""
				SELECT count(*) FROM inbound_messages
				WHERE workspace_id = ? AND kind = 'bounce' AND bounce_type IN ('hard', 'block')
				    AND sent_by = ? AND received_at >= ?""")
			.params(workspaceId, mailboxId, Timestamp.from(since))
			.query(Long.class)
			.single();
	}

	/** Complaints about a mailbox's messages since the instant. */
	public long complaints(UUID workspaceId, UUID mailboxId, Instant since) {
		return jdbc.sql("""
				SELECT count(*) FROM inbound_messages m
				WHERE m.workspace_id = ? AND m.kind = 'complaint' AND m.sent_by = ? AND m.received_at >= ?""")
			.params(workspaceId, mailboxId, Timestamp.from(since))
			.query(Long.class)
			.single();
	}

	/** A conversation of the inbox, and what it is about (null when nothing of ours). */
	public record Conversation(UUID id, UUID campaignId, UUID enrolmentId, UUID contactId) {
	}

	/**
	 * The conversation a message belongs to when it answers something written in the
	 * unified inbox (our own replies are stored, not in the outbox).
	 */
	public Optional<Conversation> threadOf(UUID workspaceId, Collection<String> messageIds) {
		if (messageIds.isEmpty()) {
			return Optional.empty();
		}
		return jdbc.sql("""
				SELECT thread_id, campaign_id, enrolment_id, contact_id FROM inbound_messages
				WHERE workspace_id = ? AND message_id = ANY (?) ORDER BY received_at DESC LIMIT 1""")
			.params(workspaceId, messageIds.toArray(String[]::new))
			.query((rs, i) -> new Conversation(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
					rs.getObject(3, UUID.class), rs.getObject(4, UUID.class)))
			.optional();
	}

	/**
	 * Flags the message written here that was queued as {@code outboxId} (an inbox reply
	 * that was not delivered), with why.
	 */
	public void flagOut(UUID workspaceId, UUID outboxId, String flag, String problem) {
		jdbc.sql("""
				UPDATE inbound_messages SET flags = ?, problems = left(?, 2000)
				WHERE workspace_id = ? AND outbox_id = ? AND direction = 'out'""")
			.params(flag, problem, workspaceId, outboxId)
			.update();
	}

}
