package com.penguinmails.campaigns.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.campaigns.Campaign;
import com.penguinmails.campaigns.Campaigns.Recipients;
import com.penguinmails.campaigns.Engagement;
import com.penguinmails.campaigns.Enrolments.EngagementRecord;
import com.penguinmails.campaigns.internal.SendPlanner.Advance;
import com.penguinmails.campaigns.internal.SendPlanner.Due;
import com.penguinmails.campaigns.internal.SendPlanner.Move;
import com.penguinmails.campaigns.internal.SendPlanner.Stop;

/**
 * The SQL of enrolments (contact × campaign) and of {@code campaign_engagements} (what
 * each message's recipient did, for A/B decisions).
 */
@Repository
public class EnrolmentRepository {

	/**
	 * An enrolment with what its stop conditions need: its contact and its campaign's.
	 */
	public record Stoppable(UUID campaignId, UUID contactId, Campaign.Stops stops) {
	}

	/** An enrolment that just stopped or completed, for its event. */
	public record Ended(UUID enrolmentId, UUID campaignId, UUID contactId) {
	}

	/** Rows per JDBC batch when a planned batch is written. */
	private static final int BATCH = 500;

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	EnrolmentRepository(JdbcClient jdbc, JdbcTemplate template) {
		this.jdbc = jdbc;
		this.template = template;
	}

	/**
	 * Enrols contacts (ids already known to be the workspace's), due at {@code due}
	 * (null: at launch); those already enrolled are left out. Returns how many joined.
	 */
	public int enrol(UUID workspaceId, UUID campaignId, Collection<UUID> contactIds, Instant due, Instant now) {
		return jdbc.sql("""
				INSERT INTO enrolments (id, workspace_id, campaign_id, contact_id, next_send_at, created_at, updated_at)
				SELECT gen_random_uuid(), ?, ?, t.contact_id, ?, ?, ?
				FROM unnest(?::uuid[]) AS t (contact_id)
				ON CONFLICT (campaign_id, contact_id) DO NOTHING""")
			.params(workspaceId, campaignId, due == null ? null : Timestamp.from(due), Timestamp.from(now),
					Timestamp.from(now), contactIds.toArray(UUID[]::new))
			.update();
	}

	public Recipients recipients(UUID workspaceId, UUID campaignId) {
		return jdbc.sql("""
				SELECT count(*) FILTER (WHERE state = 'active'), count(*) FILTER (WHERE state = 'completed'),
				    count(*) FILTER (WHERE state = 'stopped')
				FROM enrolments WHERE workspace_id = ? AND campaign_id = ?""")
			.params(workspaceId, campaignId)
			.query((rs, i) -> new Recipients(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
			.single();
	}

	/**
	 * Active recipients due at {@code now}, and the earliest next step of any active one
	 * (null when none).
	 */
	public record DueNow(long due, Instant next) {
	}

	/** How many active recipients are due at {@code now}, and the earliest next step. */
	public DueNow dueNow(UUID workspaceId, UUID campaignId, Instant now) {
		return jdbc.sql("""
				SELECT count(*) FILTER (WHERE next_send_at <= ?), min(next_send_at) FROM enrolments
				WHERE workspace_id = ? AND campaign_id = ? AND state = 'active'""")
			.params(Timestamp.from(now), workspaceId, campaignId)
			.query((rs, i) -> new DueNow(rs.getLong(1),
					rs.getTimestamp(2) == null ? null : rs.getTimestamp(2).toInstant()))
			.single();
	}

	/**
	 * A campaign's recipients in figures.
	 *
	 * @param contacted recipients sent at least one step
	 * @param repliers recipients who replied (people, not auto-replies)
	 * @param bounced recipients whose address bounced
	 * @param lastActivity the latest change of any recipient, or null
	 */
	public record Figures(long active, long completed, long stopped, long contacted, long repliers, long bounced,
			Instant lastActivity) {
	}

	/** Every campaign of the workspace in figures, by campaign id. */
	public Map<UUID, Figures> figures(UUID workspaceId) {
		Map<UUID, Figures> figures = new HashMap<>();
		jdbc.sql(
				"""
						SELECT campaign_id, count(*) FILTER (WHERE state = 'active'), count(*) FILTER (WHERE state = 'completed'),
						    count(*) FILTER (WHERE state = 'stopped'), count(*) FILTER (WHERE next_step > 0),
						    count(*) FILTER (WHERE replied_at IS NOT NULL), count(*) FILTER (WHERE bounced_at IS NOT NULL),
						    max(updated_at)
						FROM enrolments WHERE workspace_id = ? GROUP BY campaign_id""")
			.param(workspaceId)
			.query(rs -> {
				figures.put(rs.getObject(1, UUID.class),
						new Figures(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
								rs.getLong(7), rs.getTimestamp(8) == null ? null : rs.getTimestamp(8).toInstant()));
			});
		return figures;
	}

	/**
	 * Notes a recipient's first reply or bounce ({@code column}: replied_at, bounced_at).
	 */
	public void note(UUID workspaceId, UUID enrolmentId, boolean replied, Instant at) {
		String column = replied ? "replied_at" : "bounced_at";
		jdbc.sql("UPDATE enrolments SET " + column + " = coalesce(" + column + ", ?) WHERE workspace_id = ? AND id = ?")
			.params(Timestamp.from(at), workspaceId, enrolmentId)
			.update();
	}

	/** The contacts of the first {@code limit} recipients due at {@code now}. */
	public List<UUID> dueContacts(UUID workspaceId, UUID campaignId, Instant now, int limit) {
		return jdbc.sql("""
				SELECT contact_id FROM enrolments WHERE workspace_id = ? AND campaign_id = ? AND state = 'active'
				    AND next_send_at <= ? ORDER BY next_send_at LIMIT ?""")
			.params(workspaceId, campaignId, Timestamp.from(now), limit)
			.query(UUID.class)
			.list();
	}

	/** The first {@code limit} active recipients (launch checks render for them). */
	public List<UUID> sample(UUID workspaceId, UUID campaignId, int limit) {
		return jdbc.sql("""
				SELECT contact_id FROM enrolments WHERE workspace_id = ? AND campaign_id = ? AND state = 'active'
				ORDER BY created_at LIMIT ?""").params(workspaceId, campaignId, limit).query(UUID.class).list();
	}

	/** At launch: every active enrolment not yet due becomes due at {@code start}. */
	public void scheduleAll(UUID workspaceId, UUID campaignId, Instant start, Instant now) {
		jdbc.sql("""
				UPDATE enrolments SET next_send_at = ?, updated_at = ?
				WHERE workspace_id = ? AND campaign_id = ? AND state = 'active' AND next_send_at IS NULL""")
			.params(Timestamp.from(start), Timestamp.from(now), workspaceId, campaignId)
			.update();
	}

	/**
	 * Stops every active enrolment of a campaign (archived); returns those it stopped.
	 */
	public List<Ended> stopAll(UUID workspaceId, UUID campaignId, String reason, Instant now) {
		return jdbc.sql("""
				UPDATE enrolments SET state = 'stopped', stop_reason = ?, updated_at = ?
				WHERE workspace_id = ? AND campaign_id = ? AND state = 'active'
				RETURNING id, campaign_id, contact_id""")
			.params(reason, Timestamp.from(now), workspaceId, campaignId)
			.query(EnrolmentRepository::ended)
			.list();
	}

	/** Stops one active enrolment; empty when it was not active. */
	public Optional<Ended> stop(UUID workspaceId, UUID enrolmentId, String reason, Instant now) {
		return jdbc.sql("""
				UPDATE enrolments SET state = 'stopped', stop_reason = ?, updated_at = ?
				WHERE workspace_id = ? AND id = ? AND state = 'active'
				RETURNING id, campaign_id, contact_id""")
			.params(reason, Timestamp.from(now), workspaceId, enrolmentId)
			.query(EnrolmentRepository::ended)
			.optional();
	}

	/**
	 * The enrolment when {@code step} (1-based) was its last: it is completed and its
	 * next step is the one after it. Empty otherwise (still active, stopped, or an
	 * earlier step).
	 */
	public Optional<Ended> completedAfter(UUID workspaceId, UUID enrolmentId, int step) {
		return jdbc.sql("""
				SELECT id, campaign_id, contact_id FROM enrolments
				WHERE workspace_id = ? AND id = ? AND state = 'completed' AND next_step = ?""")
			.params(workspaceId, enrolmentId, step + 1)
			.query(EnrolmentRepository::ended)
			.optional();
	}

	private static Ended ended(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new Ended(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class));
	}

	public Optional<Stoppable> stoppable(UUID workspaceId, UUID enrolmentId) {
		return jdbc.sql("""
				SELECT e.campaign_id, e.contact_id, k.stop_on_reply, k.stop_on_click, k.stop_on_bounce,
				    k.stop_on_unsubscribe, k.stop_on_complaint, k.stop_company_on_reply, k.stop_on_auto_reply
				FROM enrolments e JOIN campaigns k ON k.id = e.campaign_id
				WHERE e.workspace_id = ? AND e.id = ?""")
			.params(workspaceId, enrolmentId)
			.query((rs, i) -> new Stoppable(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
					new Campaign.Stops(rs.getBoolean(3), rs.getBoolean(4), rs.getBoolean(5), rs.getBoolean(6),
							rs.getBoolean(7), rs.getBoolean(8), rs.getBoolean(9))))
			.optional();
	}

	/**
	 * Stops the campaign's other active enrolments of these contacts; returns those it
	 * stopped.
	 */
	public List<Ended> stopContacts(UUID workspaceId, UUID campaignId, UUID except, Collection<UUID> contactIds,
			String reason, Instant now) {
		return jdbc.sql("""
				UPDATE enrolments SET state = 'stopped', stop_reason = ?, updated_at = ?
				WHERE workspace_id = ? AND campaign_id = ? AND state = 'active' AND id <> ?
				    AND contact_id = ANY (?)
				RETURNING id, campaign_id, contact_id""")
			.params(reason, Timestamp.from(now), workspaceId, campaignId, except, contactIds.toArray(UUID[]::new))
			.query(EnrolmentRepository::ended)
			.list();
	}

	/** Records engagements, one statement per kind; each counts once per message. */
	public void recordEngagements(List<EngagementRecord> engagements, Instant now) {
		for (Engagement kind : Engagement.values()) {
			List<EngagementRecord> ofKind = engagements.stream().filter(e -> e.kind() == kind).toList();
			if (ofKind.isEmpty()) {
				continue;
			}
			jdbc.sql("INSERT INTO campaign_engagements (outbox_id, workspace_id, campaign_id, step, variant, "
					+ kind.column() + ", updated_at) SELECT DISTINCT ON (o) o, w, c, s, v, true, ? "
					+ "FROM unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::int[], ?::int[]) AS t (o, w, c, s, v) "
					+ "ON CONFLICT (outbox_id) DO UPDATE SET " + kind.column()
					+ " = true, updated_at = EXCLUDED.updated_at")
				.params(Timestamp.from(now), ofKind.stream().map(EngagementRecord::outboxId).toArray(UUID[]::new),
						ofKind.stream().map(EngagementRecord::workspaceId).toArray(UUID[]::new),
						ofKind.stream().map(EngagementRecord::campaignId).toArray(UUID[]::new),
						ofKind.stream().map(EngagementRecord::step).toArray(Integer[]::new),
						ofKind.stream().map(EngagementRecord::variant).toArray(Integer[]::new))
				.update();
		}
	}

	/** Messages of one step whose recipients engaged as {@code kind}, per variant. */
	public Map<Integer, Long> engaged(UUID campaignId, int step, Engagement kind) {
		Map<Integer, Long> engaged = new HashMap<>();
		jdbc.sql("SELECT variant, count(*) FROM campaign_engagements WHERE campaign_id = ? AND step = ? AND "
				+ kind.column() + " GROUP BY variant")
			.params(campaignId, step)
			.query(rs -> {
				engaged.put(rs.getInt(1), rs.getLong(2));
			});
		return engaged;
	}

	/**
	 * Claims up to {@code limit} due enrolments of a campaign for this transaction
	 * ({@code SKIP LOCKED}: nodes share the work).
	 */
	public List<Due> claimDue(UUID campaignId, Instant now, int limit) {
		return jdbc.sql("""
				SELECT id, contact_id, next_step, mailbox_id, thread_ids, thread_subject FROM enrolments
				WHERE campaign_id = ? AND state = 'active' AND next_send_at <= ?
				ORDER BY next_send_at LIMIT ? FOR UPDATE SKIP LOCKED""")
			.params(campaignId, Timestamp.from(now), limit)
			.query((rs, i) -> new Due(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getInt(3),
					rs.getObject(4, UUID.class), rs.getString(5), rs.getString(6)))
			.list();
	}

	/**
	 * Writes a planned batch: sent steps, waits, stops and finished sequences. Returns
	 * the stops that stopped an active enrolment (the others had ended meanwhile).
	 */
	public List<Stop> apply(List<Advance> advances, List<Move> moves, List<Stop> stops, List<UUID> finished,
			Instant now) {
		Timestamp at = Timestamp.from(now);
		// One statement per kind of write, the rows as arrays (unnest): one execution
		// instead of one per enrolment.
		if (!advances.isEmpty()) {
			jdbc.sql("""
					UPDATE enrolments e SET next_step = v.next_step, mailbox_id = v.mailbox_id,
					    thread_ids = v.thread_ids, thread_subject = v.thread_subject,
					    next_send_at = v.next_send_at::timestamptz, state = v.state, updated_at = ?
					FROM unnest(?::uuid[], ?::int[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[])
					    AS v(id, next_step, mailbox_id, thread_ids, thread_subject, next_send_at, state)
					WHERE e.id = v.id""")
				.params(at, advances.stream().map(Advance::enrolmentId).toArray(UUID[]::new),
						advances.stream().map(Advance::nextStep).toArray(Integer[]::new),
						advances.stream().map(Advance::mailboxId).toArray(UUID[]::new),
						advances.stream().map(Advance::threadIds).toArray(String[]::new),
						advances.stream().map(Advance::threadSubject).toArray(String[]::new),
						advances.stream()
							.map(a -> a.nextSendAt() == null ? null : a.nextSendAt().toString())
							.toArray(String[]::new),
						advances.stream().map(a -> a.state().value()).toArray(String[]::new))
				.update();
		}
		if (!moves.isEmpty()) {
			jdbc.sql("""
					UPDATE enrolments e SET next_send_at = v.at::timestamptz, updated_at = ?
					FROM unnest(?::uuid[], ?::text[]) AS v(id, at) WHERE e.id = v.id""")
				.params(at, moves.stream().map(Move::enrolmentId).toArray(UUID[]::new),
						moves.stream().map(m -> m.at().toString()).toArray(String[]::new))
				.update();
		}
		int[][] stopped = template.batchUpdate("""
				UPDATE enrolments SET state = 'stopped', stop_reason = ?, updated_at = ?
				WHERE id = ? AND state = 'active'""", stops, BATCH, (ps, stop) -> {
			ps.setString(1, stop.reason());
			ps.setTimestamp(2, at);
			ps.setObject(3, stop.enrolmentId());
		});
		template.batchUpdate(
				"UPDATE enrolments SET state = 'completed', next_send_at = NULL, updated_at = ? WHERE id = ?", finished,
				BATCH, (ps, id) -> {
					ps.setTimestamp(1, at);
					ps.setObject(2, id);
				});
		List<Stop> applied = new java.util.ArrayList<>();
		int index = 0;
		for (int[] batch : stopped) {
			for (int count : batch) {
				// A driver that cannot tell says SUCCESS_NO_INFO (-2): the row was
				// claimed
				// active in this transaction, so it stopped.
				if (count != 0) {
					applied.add(stops.get(index));
				}
				index++;
			}
		}
		return applied;
	}

}
