package com.penguinmails.delivery.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.StatementCreatorUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.delivery.Outbox.HourlyOutcome;
import com.penguinmails.delivery.Outbox.Outcome;
import com.penguinmails.delivery.Outbox.Pacing;
import com.penguinmails.delivery.Outbox.Queued;
import com.penguinmails.delivery.Outbox.Recipient;
import com.penguinmails.delivery.Outbox.Send;
import com.penguinmails.delivery.Outbox.Sent;
import com.penguinmails.delivery.Outbox.StepCount;
import com.penguinmails.delivery.Outbox.Written;
import com.penguinmails.delivery.OutboxStatus;
import com.penguinmails.delivery.OutgoingMessage;
import com.penguinmails.shared.CursorPage;

/**
 * The SQL of {@link com.penguinmails.delivery.Outbox}: queueing and what the other
 * features read of the outbox table (the dispatcher's side is {@link OutboxStore}).
 * Messages that count towards a pace are those not failed or cancelled.
 */
@Repository
public class OutboxRepository {

	/** A row to insert: the message, its id and Message-ID, and when it is due. */
	public record NewRow(UUID id, String messageId, OutgoingMessage message, String toDomain, Instant notBefore) {
	}

	private static final String COUNTED = "status NOT IN ('failed', 'cancelled')";

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	OutboxRepository(JdbcClient jdbc, JdbcTemplate template) {
		this.jdbc = jdbc;
		this.template = template;
	}

	/**
	 * Inserts the rows in one round trip; per row, whether it was inserted (false when
	 * its enrolment's step was queued before, or the driver could not say). Each row's
	 * keys go to {@code outbox_keys} in the same statement (V94): the outbox is
	 * partitioned by {@code created_at}, so its "never twice" guarantees (one row per
	 * enrolment step, one per Message-ID) are that table's unique indexes. A step queued
	 * before conflicts there and queues nothing.
	 */
	public List<Boolean> insertAll(List<NewRow> rows, Instant createdAt) {
		Timestamp created = Timestamp.from(createdAt);
		int[][] counts = template.batchUpdate("""
				WITH queued AS (SELECT ?::uuid AS id, ?::uuid AS workspace_id, ?::uuid AS campaign_id,
				        ?::uuid AS enrolment_id, ?::int AS step, ?::int AS variant, ?::uuid AS mailbox_id,
				        ?::uuid AS contact_id, ?::text AS to_address, ?::text AS to_domain, ?::text AS to_name,
				        ?::text AS subject, ?::text AS html, ?::text AS text, ?::text AS message_id,
				        ?::text AS in_reply_to, ?::text AS references_ids, ?::timestamptz AS not_before,
				        ?::timestamptz AS created_at),
				kept AS (INSERT INTO outbox_keys (id, workspace_id, enrolment_id, step, message_id)
				        SELECT id, workspace_id, enrolment_id, step, message_id FROM queued
				        ON CONFLICT (enrolment_id, step) DO NOTHING RETURNING id)
				INSERT INTO outbox (id, workspace_id, campaign_id, enrolment_id, step, variant, mailbox_id, contact_id,
				    to_address, to_domain, to_name, subject, html, text, message_id, in_reply_to, references_ids,
				    not_before, created_at)
				SELECT queued.* FROM queued JOIN kept USING (id)""", rows, rows.size(), (ps, row) -> {
			OutgoingMessage message = row.message();
			List<Object> values = Arrays.asList(row.id(), message.workspaceId(), message.campaignId(),
					message.enrolmentId(), message.step(), message.variant(), message.mailboxId(), message.contactId(),
					message.toAddress(), row.toDomain(), message.toName() == null ? "" : message.toName(),
					message.subject(), message.html(), message.text(), row.messageId(), message.inReplyTo(),
					message.references(), Timestamp.from(row.notBefore()), created);
			for (int i = 0; i < values.size(); i++) {
				StatementCreatorUtils.setParameterValue(ps, i + 1, SqlTypeValue.TYPE_UNKNOWN, values.get(i));
			}
		});
		List<Boolean> inserted = new ArrayList<>(rows.size());
		for (int[] batch : counts) {
			for (int count : batch) {
				// 1: inserted; 0: queued before; anything else (a driver that cannot
				// tell): ask later.
				inserted.add(count == 1);
			}
		}
		return inserted;
	}

	public Map<UUID, Pacing> pacing(Collection<UUID> mailboxIds, Instant now) {
		Map<UUID, Pacing> pacing = new HashMap<>();
		jdbc.sql("""
				SELECT mailbox_id, count(*) FILTER (WHERE not_before > ?), max(not_before) FROM outbox
				WHERE mailbox_id = ANY (?) AND not_before > ? AND %s
				GROUP BY mailbox_id""".formatted(COUNTED))
			.params(Timestamp.from(now.minus(Duration.ofDays(1))), mailboxIds.toArray(UUID[]::new),
					Timestamp.from(now.minus(Duration.ofDays(2))))
			.query(rs -> {
				pacing.put(rs.getObject(1, UUID.class), new Pacing(rs.getInt(2), rs.getTimestamp(3).toInstant()));
			});
		return pacing;
	}

	public Map<UUID, Map<String, Integer>> toDomainsSince(Collection<UUID> mailboxIds, Collection<String> domains,
			Instant since) {
		Map<UUID, Map<String, Integer>> counts = new HashMap<>();
		jdbc.sql("""
				SELECT mailbox_id, to_domain, count(*) FROM outbox
				WHERE mailbox_id = ANY (?) AND to_domain = ANY (?) AND not_before > ? AND %s
				GROUP BY mailbox_id, to_domain""".formatted(COUNTED))
			.params(mailboxIds.toArray(UUID[]::new), domains.toArray(String[]::new), Timestamp.from(since))
			.query(rs -> {
				counts.computeIfAbsent(rs.getObject(1, UUID.class), id -> new HashMap<>())
					.put(rs.getString(2), rs.getInt(3));
			});
		return counts;
	}

	/** Messages sent per mailbox and recipient domain since {@code since}. */
	public Map<UUID, Map<String, Integer>> sentToDomains(UUID workspaceId, Collection<UUID> mailboxIds, Instant since) {
		Map<UUID, Map<String, Integer>> counts = new HashMap<>();
		jdbc.sql("""
				SELECT mailbox_id, to_domain, count(*) FROM outbox
				WHERE workspace_id = ? AND mailbox_id = ANY (?) AND not_before > ? AND status = 'sent' AND sent_at >= ?
				GROUP BY mailbox_id, to_domain""")
			.params(workspaceId, mailboxIds.toArray(UUID[]::new), Timestamp.from(since.minus(Duration.ofDays(1))),
					Timestamp.from(since))
			.query(rs -> {
				counts.computeIfAbsent(rs.getObject(1, UUID.class), id -> new HashMap<>())
					.put(rs.getString(2), rs.getInt(3));
			});
		return counts;
	}

	public Optional<Queued> find(UUID enrolmentId, int step) {
		return jdbc.sql("SELECT id, message_id FROM outbox WHERE enrolment_id = ? AND step = ?")
			.params(enrolmentId, step)
			.query((rs, i) -> new Queued(rs.getObject(1, UUID.class), rs.getString(2)))
			.optional();
	}

	public int campaignSince(UUID campaignId, Instant since) {
		return jdbc.sql("SELECT count(*) FROM outbox WHERE campaign_id = ? AND not_before > ? AND " + COUNTED)
			.params(campaignId, Timestamp.from(since))
			.query(Integer.class)
			.single();
	}

	/**
	 * @param domain lower case
	 */
	public int toDomainSince(UUID mailboxId, String domain, Instant since) {
		return jdbc
			.sql("SELECT count(*) FROM outbox WHERE mailbox_id = ? AND to_domain = ? AND not_before > ? AND " + COUNTED)
			.params(mailboxId, domain, Timestamp.from(since))
			.query(Integer.class)
			.single();
	}

	/** A send and its creation time (the cursor's position). */
	public record SendRow(Send send, Instant createdAt) {
	}

	/** Up to {@code limit} of a campaign's messages after {@code after}, newest first. */
	public List<SendRow> sends(UUID workspaceId, UUID campaignId, CursorPage.Position after, int limit) {
		Timestamp at = after == null ? null : Timestamp.from(after.at());
		return jdbc.sql("""
				SELECT id, step, variant, to_address, subject, status, attempts, coalesce(smtp_reply, note), message_id,
				    not_before, sent_at, created_at
				FROM outbox WHERE workspace_id = ? AND campaign_id = ?
				    AND (?::timestamptz IS NULL OR (created_at, id) < (?::timestamptz, ?::uuid))
				ORDER BY created_at DESC, id DESC LIMIT ?""")
			.params(workspaceId, campaignId, at, at, after == null ? null : after.id(), limit)
			.query((rs, i) -> new SendRow(
					new Send(rs.getObject(1, UUID.class), rs.getInt(2), rs.getInt(3), rs.getString(4), rs.getString(5),
							OutboxStatus.of(rs.getString(6)), rs.getInt(7), rs.getString(8), rs.getString(9),
							rs.getTimestamp(10).toInstant(), instant(rs.getTimestamp(11))),
					rs.getTimestamp(12).toInstant()))
			.list();
	}

	public List<StepCount> stepCounts(UUID workspaceId, UUID campaignId) {
		return jdbc.sql("""
				SELECT step, count(*) FILTER (WHERE status IN ('queued', 'sending', 'deferred', 'held')),
				    count(*) FILTER (WHERE status = 'sent'), count(*) FILTER (WHERE status = 'failed')
				FROM outbox WHERE workspace_id = ? AND campaign_id = ? GROUP BY step ORDER BY step""")
			.params(workspaceId, campaignId)
			.query((rs, i) -> new StepCount(rs.getInt(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
			.list();
	}

	/**
	 * Step → variant → messages sent ({@code counted}: or queued, not failed or
	 * cancelled).
	 */
	public Map<Integer, Map<Integer, Long>> byVariant(UUID campaignId, boolean counted) {
		Map<Integer, Map<Integer, Long>> counts = new HashMap<>();
		jdbc.sql("SELECT step, variant, count(*) FROM outbox WHERE campaign_id = ? AND "
				+ (counted ? COUNTED : "status = 'sent'") + " GROUP BY step, variant")
			.param(campaignId)
			.query(rs -> {
				counts.computeIfAbsent(rs.getInt(1), step -> new HashMap<>()).put(rs.getInt(2), rs.getLong(3));
			});
		return counts;
	}

	private static final String RECIPIENT = """
			SELECT id, workspace_id, campaign_id, enrolment_id, step, variant, contact_id, to_address, sent_at
			FROM outbox""";

	public Optional<Recipient> recipient(UUID enrolmentId, int step) {
		return jdbc.sql(RECIPIENT + " WHERE enrolment_id = ? AND step = ?")
			.params(enrolmentId, step)
			.query((rs, i) -> recipient(rs))
			.optional();
	}

	public Optional<Recipient> recipient(UUID outboxId) {
		return jdbc.sql(RECIPIENT + " WHERE id = ?").param(outboxId).query((rs, i) -> recipient(rs)).optional();
	}

	private static final String SENT = """
			SELECT id, workspace_id, campaign_id, enrolment_id, step, variant, contact_id, to_address, mailbox_id,
			    subject, message_id, sent_at
			FROM outbox""";

	public Optional<Sent> sent(UUID workspaceId, UUID outboxId) {
		return jdbc.sql(SENT + " WHERE workspace_id = ? AND id = ?")
			.params(workspaceId, outboxId)
			.query(OutboxRepository::sent)
			.optional();
	}

	public List<Sent> sentWithMessageIds(UUID workspaceId, Collection<String> messageIds) {
		return jdbc.sql(SENT + " WHERE workspace_id = ? AND message_id = ANY (?)")
			.params(workspaceId, messageIds.toArray(String[]::new))
			.query(OutboxRepository::sent)
			.list();
	}

	public Optional<Sent> sentWithQueueId(UUID workspaceId, String queueId) {
		return jdbc.sql(SENT + " WHERE workspace_id = ? AND queue_id = ? ORDER BY sent_at DESC LIMIT 1")
			.params(workspaceId, queueId)
			.query(OutboxRepository::sent)
			.optional();
	}

	public List<Sent> sentTo(UUID workspaceId, UUID mailboxId, String address, int limit) {
		return jdbc.sql(SENT + """
				 WHERE workspace_id = ? AND mailbox_id = ? AND lower(to_address) = lower(?) AND sent_at IS NOT NULL
				ORDER BY sent_at DESC LIMIT ?""")
			.params(workspaceId, mailboxId, address, limit)
			.query(OutboxRepository::sent)
			.list();
	}

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

	public List<HourlyOutcome> outcomesPerHour(UUID workspaceId, UUID campaignId) {
		// One read of the campaign's messages for both its outcomes per step and variant
		// and its sends per hour (the chart): the groups are few, the caller sums them.
		return jdbc.sql("""
				SELECT step, variant, date_bin(INTERVAL '1 hour', sent_at, TIMESTAMPTZ '1970-01-01 00:00:00+00'),
				    count(*) FILTER (WHERE status = 'sent'),
				    count(*) FILTER (WHERE status = 'failed' AND failure = 'hard_bounce'),
				    count(*) FILTER (WHERE status = 'failed' AND failure IN ('mailbox_full', 'retries_exhausted')),
				    count(*) FILTER (WHERE status = 'failed' AND failure = 'policy'),
				    count(*) FILTER (WHERE status = 'failed' AND failure NOT IN ('hard_bounce', 'mailbox_full',
				        'retries_exhausted', 'policy', 'suppressed', 'mailbox_removed'))
				FROM outbox WHERE workspace_id = ? AND campaign_id = ? AND status IN ('sent', 'failed')
				GROUP BY 1, 2, 3""").params(workspaceId, campaignId).query((rs, i) -> {
			Timestamp hour = rs.getTimestamp(3);
			return new HourlyOutcome(hour == null ? null : hour.toInstant(), new Outcome(rs.getInt(1), rs.getInt(2),
					rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8)));
		}).list();
	}

	public Map<Instant, Long> sentPerDay(UUID workspaceId, UUID campaignId) {
		Map<Instant, Long> days = new TreeMap<>();
		jdbc.sql("""
				SELECT date_trunc('day', sent_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', count(*) FROM outbox
				WHERE workspace_id = ? AND campaign_id = ? AND status = 'sent' GROUP BY 1""")
			.params(workspaceId, campaignId)
			.query(rs -> {
				days.put(rs.getTimestamp(1).toInstant(), rs.getLong(2));
			});
		return days;
	}

	public List<UUID> messagesTo(UUID workspaceId, UUID contactId) {
		return jdbc.sql("SELECT id FROM outbox WHERE workspace_id = ? AND contact_id = ?")
			.params(workspaceId, contactId)
			.query(UUID.class)
			.list();
	}

	public long sentBy(UUID workspaceId, UUID mailboxId, Instant since) {
		return jdbc.sql("SELECT count(*) FROM outbox WHERE workspace_id = ? AND mailbox_id = ? AND sent_at >= ?")
			.params(workspaceId, mailboxId, Timestamp.from(since))
			.query(Long.class)
			.single();
	}

	private static Recipient recipient(ResultSet rs) throws SQLException {
		return new Recipient(rs.getObject("id", UUID.class), rs.getObject("workspace_id", UUID.class),
				rs.getObject("campaign_id", UUID.class), rs.getObject("enrolment_id", UUID.class), rs.getInt("step"),
				rs.getInt("variant"), rs.getObject("contact_id", UUID.class), rs.getString("to_address"),
				instant(rs.getTimestamp("sent_at")));
	}

	private static Sent sent(ResultSet rs, int row) throws SQLException {
		return new Sent(recipient(rs), rs.getObject("mailbox_id", UUID.class), rs.getString("subject"),
				rs.getString("message_id"));
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

	/** Cancels a message still waiting (queued, held or deferred); false otherwise. */
	public boolean cancelQueued(UUID workspaceId, UUID id) {
		return jdbc.sql("""
				UPDATE outbox SET status = 'cancelled', note = 'Cancelled in the inbox', lease_until = NULL
				WHERE workspace_id = ? AND id = ? AND status IN ('queued', 'held', 'deferred')""")
			.params(workspaceId, id)
			.update() == 1;
	}

}
