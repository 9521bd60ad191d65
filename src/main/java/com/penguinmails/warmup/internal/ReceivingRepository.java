package com.penguinmails.warmup.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.warmup.Placement;

/**
 * The receiving side's reads and writes of {@code warmup_messages} and
 * {@code warmup_mailboxes}: recognising warmup mail, what a mailbox still has to find,
 * where it found it, the replies it queues, and what never arrived.
 */
@Repository
public class ReceivingRepository {

	private final JdbcClient jdbc;

	ReceivingRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A warmup mailbox that receives: its workspace and id. */
	public record Receiving(UUID workspaceId, UUID mailboxId) {
	}

	/** The receiving mailbox's reply rate (0-100 %) and time zone. */
	public record Receiver(int replyRatePercent, ZoneId timeZone) {
	}

	/** A sent warmup message the mailbox has not found yet. */
	public record Pending(UUID id, String token, String messageId, UUID threadId, String referencesIds,
			UUID senderWorkspaceId, UUID senderMailboxId, String subject, String body) {
	}

	/** Where a pending message was found and what was done with it. */
	public record Found(UUID id, Placement placement, String folder, Instant at, boolean rescued, boolean filed,
			boolean replied) {
	}

	/** A reply to queue: a 'reply' row the pool sends when due. */
	public record NewReply(UUID id, String token, String messageId, UUID threadId, String inReplyTo,
			String referencesIds, UUID senderWorkspaceId, UUID senderMailboxId, UUID recipientWorkspaceId,
			UUID recipientMailboxId, String subject, String body, LocalDate day, Instant dueAt) {
	}

	/**
	 * The mailboxes warmup mail was sent to and not yet found in (whether or not their
	 * own warmup is still on): the only ones a round needs to read. Uses the partial
	 * index of pending rows.
	 */
	public List<Receiving> awaiting() {
		return jdbc.sql("""
				SELECT DISTINCT recipient_workspace_id, recipient_mailbox_id FROM warmup_messages
				WHERE placement = 'pending' AND sent_at IS NOT NULL ORDER BY recipient_mailbox_id""")
			.query((rs, n) -> new Receiving(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)))
			.list();
	}

	/** The mailbox's reply rate and time zone, when it has warmup settings. */
	public Optional<Receiver> receiver(UUID workspaceId, UUID mailboxId) {
		return jdbc
			.sql("SELECT reply_rate_percent, time_zone FROM warmup_mailboxes WHERE workspace_id = ? AND mailbox_id = ?")
			.params(workspaceId, mailboxId)
			.query((rs, n) -> new Receiver(rs.getInt(1), zone(rs.getString(2))))
			.optional();
	}

	/**
	 * Whether one of the tokens or Message-IDs is of a warmup message this mailbox sent
	 * or received (a token-shaped text alone, or someone else's, is not enough).
	 */
	public boolean known(UUID mailboxId, Collection<String> tokens, Collection<String> messageIds) {
		if (tokens.isEmpty() && messageIds.isEmpty()) {
			return false;
		}
		return jdbc.sql("""
				SELECT EXISTS (SELECT 1 FROM warmup_messages
				 WHERE (recipient_mailbox_id = ? OR sender_mailbox_id = ?)
				   AND (token = ANY (?) OR message_id = ANY (?)))""")
			.params(mailboxId, mailboxId, tokens.toArray(String[]::new), messageIds.toArray(String[]::new))
			.query(Boolean.class)
			.single();
	}

	/**
	 * The sent, not yet found messages to this mailbox that the found message is: by its
	 * Message-ID or by a token it carries; the Message-ID's first.
	 */
	public List<Pending> pending(UUID mailboxId, Collection<String> tokens, String messageId) {
		return jdbc.sql("""
				SELECT id, token, message_id, thread_id, references_ids, sender_workspace_id, sender_mailbox_id,
				       subject, body
				  FROM warmup_messages
				 WHERE recipient_mailbox_id = ? AND placement = 'pending' AND sent_at IS NOT NULL
				   AND (token = ANY (?) OR message_id = ?)
				 ORDER BY (message_id = ?) DESC, sent_at DESC""")
			.params(mailboxId, tokens.toArray(String[]::new), messageId, messageId)
			.query((rs, n) -> new Pending(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
					rs.getObject(4, UUID.class), rs.getString(5), rs.getObject(6, UUID.class),
					rs.getObject(7, UUID.class), rs.getString(8), rs.getString(9)))
			.list();
	}

	/**
	 * Records where a pending message was found; false when it was not pending any more.
	 */
	public boolean found(Found found) {
		return jdbc.sql("""
				UPDATE warmup_messages
				   SET placement = ?, found_folder = ?, found_at = ?, rescued = ?, filed = ?, replied = ?
				 WHERE id = ? AND placement = 'pending'""")
			.params(found.placement().value(), found.folder(), Timestamp.from(found.at()), found.rescued(),
					found.filed(), found.replied(), found.id())
			.update() == 1;
	}

	/** Queues a reply row (kind 'reply'), sent by the pool when due. */
	public void insertReply(NewReply reply) {
		jdbc.sql("""
				INSERT INTO warmup_messages (id, token, message_id, thread_id, kind, in_reply_to, references_ids,
				    sender_workspace_id, sender_mailbox_id, recipient_workspace_id, recipient_mailbox_id,
				    subject, body, day, due_at)
				VALUES (?, ?, ?, ?, 'reply', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(reply.id(), reply.token(), reply.messageId(), reply.threadId(), reply.inReplyTo(),
					reply.referencesIds(), reply.senderWorkspaceId(), reply.senderMailboxId(),
					reply.recipientWorkspaceId(), reply.recipientMailboxId(), reply.subject(), reply.body(),
					reply.day(), Timestamp.from(reply.dueAt()))
			.update();
	}

	/**
	 * Marks the mailbox's messages sent before {@code sentBefore} and still not found as
	 * missing; returns how many.
	 */
	public int missing(UUID mailboxId, Instant sentBefore) {
		return jdbc.sql("""
				UPDATE warmup_messages SET placement = 'missing'
				 WHERE recipient_mailbox_id = ? AND placement = 'pending'
				   AND sent_at IS NOT NULL AND sent_at < ?""").params(mailboxId, Timestamp.from(sentBefore)).update();
	}

	private static ZoneId zone(String id) {
		try {
			return ZoneId.of(id);
		}
		catch (java.time.DateTimeException ex) {
			return ZoneId.of("UTC");
		}
	}

}
