package com.penguinmails.campaigns.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.campaigns.Campaign;
import com.penguinmails.campaigns.Campaign.Schedule;
import com.penguinmails.campaigns.Campaign.Step;
import com.penguinmails.campaigns.Campaign.Stops;
import com.penguinmails.campaigns.Campaign.Variant;
import com.penguinmails.campaigns.CampaignStatus;
import com.penguinmails.campaigns.DelayUnit;
import com.penguinmails.campaigns.StepFormat;

/**
 * The SQL of a campaign's own tables: {@code campaigns}, {@code campaign_mailboxes} and
 * {@code campaign_steps}. Every statement is scoped to a workspace except the
 * scheduler's, which runs for all of them.
 */
@Repository
public class CampaignRepository {

	/** A running campaign, as the scheduler finds it. */
	public record Running(UUID workspaceId, UUID id) {
	}

	/** A campaign the scheduler just completed, with its name for the event. */
	public record Completed(UUID workspaceId, UUID id, String name) {
	}

	private final JdbcClient jdbc;

	private final ObjectMapper json;

	CampaignRepository(JdbcClient jdbc, ObjectMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	public void insert(UUID workspaceId, UUID id, String name, Instant now) {
		jdbc.sql("INSERT INTO campaigns (id, workspace_id, name, created_at) VALUES (?, ?, ?, ?)")
			.params(id, workspaceId, name, Timestamp.from(now))
			.update();
	}

	public Optional<Campaign> find(UUID workspaceId, UUID id) {
		return jdbc.sql("SELECT * FROM campaigns WHERE workspace_id = ? AND id = ?")
			.params(workspaceId, id)
			.query((rs, i) -> map(rs, mailboxIds(id), steps(id)))
			.optional();
	}

	/** The workspace's campaigns, newest first. */
	public List<UUID> ids(UUID workspaceId) {
		return jdbc.sql("SELECT id FROM campaigns WHERE workspace_id = ? ORDER BY created_at DESC")
			.param(workspaceId)
			.query(UUID.class)
			.list();
	}

	/** The workspace's campaigns by name, newest first. */
	public List<com.penguinmails.inbound.CampaignNames.Named> names(UUID workspaceId) {
		return jdbc.sql("SELECT id, name FROM campaigns WHERE workspace_id = ? ORDER BY created_at DESC")
			.param(workspaceId)
			.query((rs, i) -> new com.penguinmails.inbound.CampaignNames.Named(rs.getObject(1, UUID.class),
					rs.getString(2)))
			.list();
	}

	public void rename(UUID workspaceId, UUID id, String name) {
		jdbc.sql("UPDATE campaigns SET name = ? WHERE workspace_id = ? AND id = ?")
			.params(name, workspaceId, id)
			.update();
	}

	public void setStatus(UUID workspaceId, UUID id, CampaignStatus status) {
		jdbc.sql("UPDATE campaigns SET status = ? WHERE workspace_id = ? AND id = ?")
			.params(status.value(), workspaceId, id)
			.update();
	}

	/**
	 * Pauses a running or scheduled campaign; false when it was neither (a concurrent
	 * pause won).
	 */
	public boolean pause(UUID workspaceId, UUID id) {
		return jdbc.sql("""
				UPDATE campaigns SET status = 'paused'
				WHERE workspace_id = ? AND id = ? AND status IN ('running', 'scheduled')""")
			.params(workspaceId, id)
			.update() == 1;
	}

	/** Launch: scheduled or running from {@code now}. */
	public void launched(UUID workspaceId, UUID id, CampaignStatus status, Instant now) {
		jdbc.sql("UPDATE campaigns SET status = ?, launched_at = ? WHERE workspace_id = ? AND id = ?")
			.params(status.value(), Timestamp.from(now), workspaceId, id)
			.update();
	}

	/** A completed campaign given new recipients runs again. */
	public void reopen(UUID workspaceId, UUID id) {
		jdbc.sql("UPDATE campaigns SET status = 'running', completed_at = NULL WHERE workspace_id = ? AND id = ?")
			.params(workspaceId, id)
			.update();
	}

	/** Scheduled campaigns whose start has come begin running. */
	public void startDue(Instant now) {
		jdbc.sql("UPDATE campaigns SET status = 'running' WHERE status = 'scheduled' AND start_at <= ?")
			.param(Timestamp.from(now))
			.update();
	}

	/**
	 * The running campaigns with at least one active enrolment due at {@code now} (one
	 * probe of {@code enrolments_due} each): the only ones a tick has work for.
	 */
	public List<Running> runningWithDue(Instant now) {
		return jdbc.sql("""
				SELECT workspace_id, id FROM campaigns c WHERE status = 'running'
				    AND EXISTS (SELECT 1 FROM enrolments e WHERE e.campaign_id = c.id AND e.state = 'active'
				        AND e.next_send_at <= ?)
				ORDER BY created_at, id""")
			.param(Timestamp.from(now))
			.query((rs, i) -> new Running(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)))
			.list();
	}

	/** The running campaigns with an A/B step still waiting for its winner. */
	public List<UUID> runningWithOpenAbTests() {
		return jdbc.sql("""
				SELECT DISTINCT s.campaign_id FROM campaign_steps s JOIN campaigns c ON c.id = s.campaign_id
				WHERE c.status = 'running' AND s.winner_metric IS NOT NULL AND s.decision IS NULL""")
			.query(UUID.class)
			.list();
	}

	/** The mailbox pool of each campaign, in one query. */
	public Map<UUID, List<UUID>> pools(Collection<UUID> campaignIds) {
		Map<UUID, List<UUID>> pools = new HashMap<>();
		jdbc.sql("SELECT campaign_id, mailbox_id FROM campaign_mailboxes WHERE campaign_id = ANY (?)")
			.param(campaignIds.toArray(UUID[]::new))
			.query(rs -> {
				pools.computeIfAbsent(rs.getObject(1, UUID.class), id -> new ArrayList<>())
					.add(rs.getObject(2, UUID.class));
			});
		return pools;
	}

	/**
	 * Completes every running campaign with no active enrolment left, in one statement;
	 * returns those this call completed (another node's call completes none of them
	 * again: the row lock makes it see them completed).
	 */
	public List<Completed> completeAllDone(Instant now) {
		return jdbc
			.sql("""
					UPDATE campaigns SET status = 'completed', completed_at = ?
					WHERE status = 'running'
					    AND NOT EXISTS (SELECT 1 FROM enrolments e WHERE e.campaign_id = campaigns.id AND e.state = 'active')
					RETURNING workspace_id, id, name""")
			.param(Timestamp.from(now))
			.query((rs, i) -> new Completed(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3)))
			.list();
	}

	public void writeTracking(UUID workspaceId, UUID id, Campaign.Tracking tracking) {
		jdbc.sql("UPDATE campaigns SET track_opens = ?, track_clicks = ? WHERE workspace_id = ? AND id = ?")
			.params(tracking.opens(), tracking.clicks(), workspaceId, id)
			.update();
	}

	public void writeSchedule(UUID workspaceId, UUID id, Schedule schedule, Stops stops) {
		jdbc.sql("""
				UPDATE campaigns SET time_zone = ?, contact_time_zone = ?, send_days = ?, window_start = ?,
				    window_end = ?, start_at = ?, daily_limit = ?, domain_pace_per_hour = ?, stop_on_reply = ?,
				    stop_on_click = ?, stop_on_bounce = ?, stop_on_unsubscribe = ?, stop_on_complaint = ?,
				    stop_company_on_reply = ?, stop_on_auto_reply = ?
				WHERE workspace_id = ? AND id = ?""")
			.params(schedule.timeZone(), schedule.contactTimeZone(),
					schedule.days().stream().map(Integer::shortValue).toArray(Short[]::new),
					Time.valueOf(schedule.windowStart()), Time.valueOf(schedule.windowEnd()),
					schedule.startAt() == null ? null : Timestamp.from(schedule.startAt()), schedule.dailyLimit(),
					schedule.domainPacePerHour(), stops.onReply(), stops.onClick(), stops.onBounce(),
					stops.onUnsubscribe(), stops.onComplaint(), stops.companyOnReply(), stops.onAutoReply(),
					workspaceId, id)
			.update();
	}

	/** Replaces the pool (ids already checked to be the workspace's). */
	public void writeMailboxes(UUID workspaceId, UUID id, List<UUID> mailboxIds) {
		jdbc.sql("DELETE FROM campaign_mailboxes WHERE workspace_id = ? AND campaign_id = ?")
			.params(workspaceId, id)
			.update();
		for (UUID mailboxId : new LinkedHashSet<>(mailboxIds)) {
			jdbc.sql("INSERT INTO campaign_mailboxes (campaign_id, mailbox_id, workspace_id) VALUES (?, ?, ?)")
				.params(id, mailboxId, workspaceId)
				.update();
		}
	}

	/**
	 * Replaces the sequence (steps already checked and normalized), with each step's
	 * draft and A/B decision as the steps carry them.
	 */
	public void writeSteps(UUID workspaceId, UUID id, List<Step> steps) {
		jdbc.sql("DELETE FROM campaign_steps WHERE workspace_id = ? AND campaign_id = ?")
			.params(workspaceId, id)
			.update();
		for (int i = 0; i < steps.size(); i++) {
			Step step = steps.get(i);
			jdbc.sql("""
					INSERT INTO campaign_steps (campaign_id, workspace_id, position, delay_minutes, delay_unit, format,
					    new_thread, variants, winner_metric, min_sample, winner, decision, draft)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?::jsonb, ?::jsonb)""")
				.params(id, workspaceId, i, step.delayMinutes(), step.delayUnit().value(),
						step.formatOrDefault().value(), i == 0 || step.newThread(), write(step.variants()),
						step.variants().size() > 1 ? step.winnerMetric() : null,
						step.minSample() == null ? 100 : step.minSample(),
						step.winner() == null ? null : step.winner().variant(),
						step.winner() == null ? null : write(step.winner()),
						step.draft() == null ? null : write(step.draft()))
				.update();
		}
	}

	/**
	 * Stores (or, with null, discards) the autosaved draft of the step at
	 * {@code position}.
	 */
	public void writeDraft(UUID workspaceId, UUID id, int position, Campaign.StepDraft draft) {
		jdbc.sql(
				"UPDATE campaign_steps SET draft = ?::jsonb WHERE workspace_id = ? AND campaign_id = ? AND position = ?")
			.params(draft == null ? null : write(draft), workspaceId, id, position)
			.update();
	}

	/** Records a step's A/B decision once (a decision already made stays). */
	public void writeWinner(UUID campaignId, int position, Campaign.Winner winner) {
		jdbc.sql("""
				UPDATE campaign_steps SET winner = ?, decision = ?::jsonb
				WHERE campaign_id = ? AND position = ? AND winner IS NULL""")
			.params(winner.variant(), write(winner), campaignId, position)
			.update();
	}

	public List<Step> steps(UUID id) {
		return jdbc.sql("""
				SELECT delay_minutes, delay_unit, format, new_thread, variants::text, winner_metric, min_sample,
				    decision::text, draft::text
				FROM campaign_steps WHERE campaign_id = ? ORDER BY position""").param(id).query((rs, i) -> {
			int minutes = rs.getInt(1);
			DelayUnit unit = DelayUnit.of(rs.getString(2));
			String decision = rs.getString(8);
			String draft = rs.getString(9);
			return new Step(minutes, unit, minutes / unit.minutes(), rs.getBoolean(4), StepFormat.of(rs.getString(3)),
					read(rs.getString(5), new TypeReference<List<Variant>>() {
					}), rs.getString(6), rs.getInt(7),
					decision == null ? null : read(decision, new TypeReference<Campaign.Winner>() {
					}), draft == null ? null : read(draft, new TypeReference<Campaign.StepDraft>() {
					}));
		}).list();
	}

	private List<UUID> mailboxIds(UUID id) {
		return jdbc.sql("SELECT mailbox_id FROM campaign_mailboxes WHERE campaign_id = ? ORDER BY mailbox_id")
			.param(id)
			.query(UUID.class)
			.list();
	}

	private String write(Object value) {
		try {
			return json.writeValueAsString(value);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private <T> T read(String text, TypeReference<T> type) {
		try {
			return json.readValue(text, type);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Campaign map(ResultSet rs, List<UUID> mailboxIds, List<Step> steps) throws SQLException {
		Array days = rs.getArray("send_days");
		List<Integer> dayList = new ArrayList<>();
		for (Number day : (Number[]) days.getArray()) {
			dayList.add(day.intValue());
		}
		Timestamp startAt = rs.getTimestamp("start_at");
		Timestamp launchedAt = rs.getTimestamp("launched_at");
		Integer dailyLimit = (Integer) rs.getObject("daily_limit");
		Schedule schedule = new Schedule(rs.getString("time_zone"), rs.getBoolean("contact_time_zone"), dayList,
				rs.getTime("window_start").toLocalTime(), rs.getTime("window_end").toLocalTime(),
				startAt == null ? null : startAt.toInstant(), dailyLimit, rs.getInt("domain_pace_per_hour"));
		Stops stops = new Stops(rs.getBoolean("stop_on_reply"), rs.getBoolean("stop_on_click"),
				rs.getBoolean("stop_on_bounce"), rs.getBoolean("stop_on_unsubscribe"),
				rs.getBoolean("stop_on_complaint"), rs.getBoolean("stop_company_on_reply"),
				rs.getBoolean("stop_on_auto_reply"));
		return new Campaign(rs.getObject("id", UUID.class), rs.getString("name"),
				CampaignStatus.of(rs.getString("status")), schedule, stops,
				new Campaign.Tracking(rs.getBoolean("track_opens"), rs.getBoolean("track_clicks")), mailboxIds, steps,
				rs.getTimestamp("created_at").toInstant(), launchedAt == null ? null : launchedAt.toInstant());
	}

}
