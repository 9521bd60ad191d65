package com.penguinmails.delivery;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.penguinmails.shared.CursorPage;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;

/**
 * The outbox: the scheduler queues rendered messages, the dispatcher sends them. A step
 * of an enrolment is queued at most once (a unique key), so it is sent at most once.
 */
@Service
public class Outbox {

	/** A queued message: its row and the Message-ID it carries (for threading). */
	public record Queued(UUID outboxId, String messageId) {
	}

	/**
	 * What a mailbox has queued or sent in the last 24 hours and when its latest message
	 * is due: the scheduler's caps and gaps.
	 */
	public record Pacing(int lastDay, Instant latest) {
	}

	/**
	 * One message of a campaign as its sends list shows it.
	 *
	 * @param status queued, sending, sent, deferred, failed, held or cancelled
	 * @param smtpReply the server's last reply (or why it was not sent), or null
	 */
	public record Send(UUID id, int step, int variant, String to, String subject, String status, int attempts,
			String smtpReply, String messageId, Instant notBefore, Instant sentAt) {
	}

	private final JdbcClient jdbc;

	private final org.springframework.jdbc.core.JdbcTemplate template;

	private final Clock clock;

	Outbox(JdbcClient jdbc, org.springframework.jdbc.core.JdbcTemplate template, Clock clock) {
		this.jdbc = jdbc;
		this.template = template;
		this.clock = clock;
	}

	private org.springframework.jdbc.core.JdbcTemplate jdbcTemplate() {
		return template;
	}

	/**
	 * Queues the message, to be sent at or after {@code notBefore}; empty when this
	 * enrolment's step is already queued. The Message-ID is on the sender's domain.
	 */
	public Optional<Queued> enqueue(OutgoingMessage message, Instant notBefore) {
		return enqueueAll(List.of(message), List.of(notBefore)).get(0);
	}

	/**
	 * Per mailbox: messages queued or sent in the 24 hours before {@code now} (failed and
	 * cancelled ones do not count), and the latest send time.
	 */
	public Map<UUID, Pacing> pacing(Collection<UUID> mailboxIds, Instant now) {
		Map<UUID, Pacing> pacing = new HashMap<>();
		if (mailboxIds.isEmpty()) {
			return pacing;
		}
		jdbc.sql("""
				SELECT mailbox_id, count(*) FILTER (WHERE not_before > ?), max(not_before) FROM outbox
				WHERE mailbox_id = ANY (?) AND not_before > ? AND status NOT IN ('failed', 'cancelled')
				GROUP BY mailbox_id""")
			.params(Timestamp.from(now.minus(Duration.ofDays(1))), mailboxIds.toArray(UUID[]::new),
					Timestamp.from(now.minus(Duration.ofDays(2))))
			.query(rs -> {
				pacing.put(rs.getObject(1, UUID.class), new Pacing(rs.getInt(2), rs.getTimestamp(3).toInstant()));
			});
		return pacing;
	}

	/**
	 * Queues many messages in one round trip; each result is the queued message, or empty
	 * when that enrolment's step was queued before (or the driver could not say: then
	 * {@link #find} tells which message holds the step).
	 */
	public List<Optional<Queued>> enqueueAll(List<OutgoingMessage> messages, List<Instant> notBefore) {
		if (messages.isEmpty()) {
			return List.of();
		}
		Timestamp now = Timestamp.from(clock.instant());
		List<Object[]> rows = new java.util.ArrayList<>(messages.size());
		List<Queued> queued = new java.util.ArrayList<>(messages.size());
		for (int i = 0; i < messages.size(); i++) {
			OutgoingMessage message = messages.get(i);
			UUID id = UUID.randomUUID();
			String from = message.fromAddress();
			String messageId = "<" + id + "@" + from.substring(from.indexOf('@') + 1).toLowerCase(Locale.ROOT) + ">";
			String to = message.toAddress();
			rows.add(new Object[] { id, message.workspaceId(), message.campaignId(), message.enrolmentId(),
					message.step(), message.variant(), message.mailboxId(), message.contactId(), to,
					to.substring(to.indexOf('@') + 1).toLowerCase(Locale.ROOT),
					message.toName() == null ? "" : message.toName(), message.subject(), message.html(), message.text(),
					messageId, message.inReplyTo(), message.references(), Timestamp.from(notBefore.get(i)), now });
			queued.add(new Queued(id, messageId));
		}
		int[] counts = jdbcTemplate().batchUpdate("""
				INSERT INTO outbox (id, workspace_id, campaign_id, enrolment_id, step, variant, mailbox_id, contact_id,
				    to_address, to_domain, to_name, subject, html, text, message_id, in_reply_to, references_ids,
				    not_before, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT (enrolment_id, step) DO NOTHING""", rows);
		List<Optional<Queued>> result = new java.util.ArrayList<>(messages.size());
		for (int i = 0; i < counts.length; i++) {
			// 1: inserted; 0: queued before; anything else (a driver that cannot tell):
			// ask later.
			result.add(counts[i] == 1 ? Optional.of(queued.get(i)) : Optional.empty());
		}
		return result;
	}

	/**
	 * Per mailbox and recipient domain: messages queued or sent since {@code since} (the
	 * per-provider pace), for many at once.
	 */
	public Map<UUID, Map<String, Integer>> toDomainsSince(Collection<UUID> mailboxIds, Collection<String> domains,
			Instant since) {
		Map<UUID, Map<String, Integer>> counts = new HashMap<>();
		if (mailboxIds.isEmpty() || domains.isEmpty()) {
			return counts;
		}
		jdbc.sql("""
				SELECT mailbox_id, to_domain, count(*) FROM outbox
				WHERE mailbox_id = ANY (?) AND to_domain = ANY (?) AND not_before > ?
				    AND status NOT IN ('failed', 'cancelled')
				GROUP BY mailbox_id, to_domain""")
			.params(mailboxIds.toArray(UUID[]::new), domains.toArray(String[]::new), Timestamp.from(since))
			.query(rs -> {
				counts.computeIfAbsent(rs.getObject(1, UUID.class), id -> new HashMap<>())
					.put(rs.getString(2), rs.getInt(3));
			});
		return counts;
	}

	/** The message already queued for this enrolment's step, if any. */
	public Optional<Queued> find(UUID enrolmentId, int step) {
		return jdbc.sql("SELECT id, message_id FROM outbox WHERE enrolment_id = ? AND step = ?")
			.params(enrolmentId, step)
			.query((rs, i) -> new Queued(rs.getObject(1, UUID.class), rs.getString(2)))
			.optional();
	}

	/** Messages of a campaign queued or sent since {@code since}: its daily limit. */
	public int campaignSince(UUID campaignId, Instant since) {
		return jdbc.sql("""
				SELECT count(*) FROM outbox WHERE campaign_id = ? AND not_before > ?
				    AND status NOT IN ('failed', 'cancelled')""")
			.params(campaignId, Timestamp.from(since))
			.query(Integer.class)
			.single();
	}

	/**
	 * Messages a mailbox has queued or sent to one recipient domain since {@code since}:
	 * the per-provider pace.
	 */
	public int toDomainSince(UUID mailboxId, String domain, Instant since) {
		return jdbc.sql("""
				SELECT count(*) FROM outbox WHERE mailbox_id = ? AND to_domain = ? AND not_before > ?
				    AND status NOT IN ('failed', 'cancelled')""")
			.params(mailboxId, domain.toLowerCase(Locale.ROOT), Timestamp.from(since))
			.query(Integer.class)
			.single();
	}

	/** A campaign's messages, newest first, a page at a time. */
	public CursorPage<Send> sends(Tenant tenant, UUID campaignId, String cursor, int limit) {
		tenant.require(WorkspaceRole.VIEWER, "campaigns:read");
		int size = CursorPage.limit(limit, 200);
		CursorPage.Position after = CursorPage.Position.parse(cursor);
		record Row(Send send, Instant createdAt) {
		}
		List<Row> rows = jdbc.sql("""
				SELECT id, step, variant, to_address, subject, status, attempts, coalesce(smtp_reply, note), message_id,
				    not_before, sent_at, created_at
				FROM outbox WHERE workspace_id = ? AND campaign_id = ?
				    AND (?::timestamptz IS NULL OR (created_at, id) < (?::timestamptz, ?::uuid))
				ORDER BY created_at DESC, id DESC LIMIT ?""")
			.params(tenant.workspaceId(), campaignId, after == null ? null : Timestamp.from(after.at()),
					after == null ? null : Timestamp.from(after.at()), after == null ? null : after.id(), size + 1)
			.query((rs, i) -> new Row(
					new Send(rs.getObject(1, UUID.class), rs.getInt(2), rs.getInt(3), rs.getString(4), rs.getString(5),
							rs.getString(6), rs.getInt(7), rs.getString(8), rs.getString(9),
							rs.getTimestamp(10).toInstant(),
							rs.getTimestamp(11) == null ? null : rs.getTimestamp(11).toInstant()),
					rs.getTimestamp(12).toInstant()))
			.list();
		CursorPage<Row> page = CursorPage.of(rows, size,
				row -> new CursorPage.Position(row.createdAt(), row.send().id()));
		return new CursorPage<>(page.data().stream().map(Row::send).toList(), page.nextCursor());
	}

	/** Messages of one step of a campaign, by status. */
	public record StepCount(int step, long queued, long sent, long failed) {
	}

	/** A campaign's messages per step: waiting (queued, deferred, held), sent, failed. */
	public List<StepCount> stepCounts(Tenant tenant, UUID campaignId) {
		tenant.require(WorkspaceRole.VIEWER, "campaigns:read");
		return jdbc.sql("""
				SELECT step, count(*) FILTER (WHERE status IN ('queued', 'sending', 'deferred', 'held')),
				    count(*) FILTER (WHERE status = 'sent'), count(*) FILTER (WHERE status = 'failed')
				FROM outbox WHERE workspace_id = ? AND campaign_id = ? GROUP BY step ORDER BY step""")
			.params(tenant.workspaceId(), campaignId)
			.query((rs, i) -> new StepCount(rs.getInt(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
			.list();
	}

	/** Messages sent per step and variant of a campaign: step → variant → count. */
	public Map<Integer, Map<Integer, Long>> sentByVariant(UUID campaignId) {
		return byVariant(campaignId, "status = 'sent'");
	}

	/**
	 * Messages queued or sent (not failed or cancelled) per step and variant of a
	 * campaign: the even split of variants.
	 */
	public Map<Integer, Map<Integer, Long>> queuedByVariant(UUID campaignId) {
		return byVariant(campaignId, "status NOT IN ('failed', 'cancelled')");
	}

	/** Step → variant → messages of a campaign whose status meets {@code condition}. */
	private Map<Integer, Map<Integer, Long>> byVariant(UUID campaignId, String condition) {
		Map<Integer, Map<Integer, Long>> counts = new HashMap<>();
		jdbc.sql("SELECT step, variant, count(*) FROM outbox WHERE campaign_id = ? AND " + condition
				+ " GROUP BY step, variant")
			.param(campaignId)
			.query(rs -> {
				counts.computeIfAbsent(rs.getInt(1), step -> new HashMap<>()).put(rs.getInt(2), rs.getLong(3));
			});
		return counts;
	}

	/**
	 * Who a message went to, and from which campaign step: tracking and inbound.
	 *
	 * @param sentAt when the message was handed to the recipient's server, or null when
	 * it has not been (yet)
	 */
	public record Recipient(UUID outboxId, UUID workspaceId, UUID campaignId, UUID enrolmentId, int step, int variant,
			UUID contactId, String address, Instant sentAt) {

		/**
		 * Whether the recipient's data was erased (a GDPR request): nothing more to keep.
		 */
		public boolean erased() {
			return address.equals("erased@invalid");
		}

	}

	private static final String RECIPIENT = """
			SELECT id, workspace_id, campaign_id, enrolment_id, step, variant, contact_id, to_address, sent_at
			FROM outbox""";

	/**
	 * Who the message of an enrolment's step went to, in one query (the tracking links
	 * name a message by enrolment and step).
	 */
	public Optional<Recipient> recipient(UUID enrolmentId, int step) {
		return jdbc.sql(RECIPIENT + " WHERE enrolment_id = ? AND step = ?")
			.params(enrolmentId, step)
			.query((rs, i) -> recipient(rs))
			.optional();
	}

	public Optional<Recipient> recipient(UUID outboxId) {
		return jdbc.sql(RECIPIENT + " WHERE id = ?").param(outboxId).query((rs, i) -> recipient(rs)).optional();
	}

	private static Recipient recipient(java.sql.ResultSet rs) throws java.sql.SQLException {
		Timestamp sentAt = rs.getTimestamp("sent_at");
		return new Recipient(rs.getObject("id", UUID.class), rs.getObject("workspace_id", UUID.class),
				rs.getObject("campaign_id", UUID.class), rs.getObject("enrolment_id", UUID.class), rs.getInt("step"),
				rs.getInt("variant"), rs.getObject("contact_id", UUID.class), rs.getString("to_address"),
				sentAt == null ? null : sentAt.toInstant());
	}

	/**
	 * A message of ours as inbound mail refers to it: who it went to, from which mailbox
	 * and campaign step, with its subject and Message-ID (replies, bounces, complaints).
	 */
	public record Sent(Recipient recipient, UUID mailboxId, String subject, String messageId) {
	}

	private static final String SENT = """
			SELECT id, workspace_id, campaign_id, enrolment_id, step, variant, contact_id, to_address, mailbox_id,
			    subject, message_id, sent_at
			FROM outbox""";

	/** The message we sent with this id, in the workspace. */
	public Optional<Sent> sent(UUID workspaceId, UUID outboxId) {
		return jdbc.sql(SENT + " WHERE workspace_id = ? AND id = ?")
			.params(workspaceId, outboxId)
			.query(Outbox::sent)
			.optional();
	}

	/**
	 * The messages we sent with these Message-IDs (angle brackets included, as in the
	 * headers), in the workspace.
	 */
	public List<Sent> sentWithMessageIds(UUID workspaceId, Collection<String> messageIds) {
		if (messageIds.isEmpty()) {
			return List.of();
		}
		return jdbc.sql(SENT + " WHERE workspace_id = ? AND message_id = ANY (?)")
			.params(workspaceId, messageIds.toArray(String[]::new))
			.query(Outbox::sent)
			.list();
	}

	/** What a mailbox sent to an address, newest first (at most {@code limit}). */
	public List<Sent> sentTo(UUID workspaceId, UUID mailboxId, String address, int limit) {
		return jdbc.sql(SENT + """
				 WHERE workspace_id = ? AND mailbox_id = ? AND lower(to_address) = lower(?) AND sent_at IS NOT NULL
				ORDER BY sent_at DESC LIMIT ?""")
			.params(workspaceId, mailboxId, address, limit)
			.query(Outbox::sent)
			.list();
	}

	/** A message we sent, as a conversation shows it. */
	public record Written(UUID id, int step, UUID mailboxId, String to, String subject, String text, String messageId,
			String references, Instant sentAt) {
	}

	/**
	 * What was sent in one conversation, oldest first: the enrolment's steps (or the one
	 * message, when {@code threadId} names an outbox row).
	 */
	public List<Written> conversation(UUID workspaceId, UUID threadId) {
		return jdbc.sql("""
				SELECT id, step, mailbox_id, to_address, subject, text, message_id, references_ids, sent_at FROM outbox
				WHERE workspace_id = ? AND (enrolment_id = ? OR id = ?) AND sent_at IS NOT NULL ORDER BY sent_at""")
			.params(workspaceId, threadId, threadId)
			.query((rs, i) -> new Written(rs.getObject(1, UUID.class), rs.getInt(2), rs.getObject(3, UUID.class),
					rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
					rs.getTimestamp(9).toInstant()))
			.list();
	}

	/**
	 * What the receiving servers answered, per step and variant: accepted (2xx), or
	 * refused for good at SMTP time, by kind (hard: no such address; soft: mailbox full,
	 * or still deferred after the last retry; block: policy; other). Messages never
	 * attempted (suppressed, mailbox removed) are not counted.
	 */
	public record Outcome(int step, int variant, long accepted, long rejectedHard, long rejectedSoft,
			long rejectedBlock, long rejectedOther) {
	}

	public List<Outcome> outcomes(UUID workspaceId, UUID campaignId) {
		return jdbc.sql("""
				SELECT step, variant, count(*) FILTER (WHERE status = 'sent'),
				    count(*) FILTER (WHERE status = 'failed' AND failure = 'hard_bounce'),
				    count(*) FILTER (WHERE status = 'failed' AND failure IN ('mailbox_full', 'retries_exhausted')),
				    count(*) FILTER (WHERE status = 'failed' AND failure = 'policy'),
				    count(*) FILTER (WHERE status = 'failed' AND failure NOT IN ('hard_bounce', 'mailbox_full',
				        'retries_exhausted', 'policy', 'suppressed', 'mailbox_removed'))
				FROM outbox WHERE workspace_id = ? AND campaign_id = ? AND status IN ('sent', 'failed')
				GROUP BY step, variant ORDER BY step, variant""")
			.params(workspaceId, campaignId)
			.query((rs, i) -> new Outcome(rs.getInt(1), rs.getInt(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
					rs.getLong(6), rs.getLong(7)))
			.list();
	}

	/** Messages of a campaign accepted per day (UTC), oldest first. */
	public Map<Instant, Long> sentPerDay(UUID workspaceId, UUID campaignId) {
		Map<Instant, Long> days = new java.util.TreeMap<>();
		jdbc.sql("""
				SELECT date_trunc('day', sent_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', count(*) FROM outbox
				WHERE workspace_id = ? AND campaign_id = ? AND status = 'sent' GROUP BY 1""")
			.params(workspaceId, campaignId)
			.query(rs -> {
				days.put(rs.getTimestamp(1).toInstant(), rs.getLong(2));
			});
		return days;
	}

	/** How many messages a mailbox has sent since the instant (complaint rates). */
	public long sentBy(UUID workspaceId, UUID mailboxId, Instant since) {
		return jdbc.sql("SELECT count(*) FROM outbox WHERE workspace_id = ? AND mailbox_id = ? AND sent_at >= ?")
			.params(workspaceId, mailboxId, Timestamp.from(since))
			.query(Long.class)
			.single();
	}

	private static Sent sent(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new Sent(recipient(rs), rs.getObject("mailbox_id", UUID.class), rs.getString("subject"),
				rs.getString("message_id"));
	}

}
