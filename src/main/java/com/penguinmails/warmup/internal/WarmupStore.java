package com.penguinmails.warmup.internal;

import java.sql.Date;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.shared.StoredValue;
import com.penguinmails.warmup.WarmupSchedule;
import com.penguinmails.warmup.WarmupSchedule.Preset;
import com.penguinmails.warmup.WarmupSettings;

/**
 * SQL of the warmup settings: {@code warmup_workspaces} and {@code warmup_mailboxes}.
 * Every tenant query takes the workspace first.
 */
@Repository
public class WarmupStore {

	private static final String COLUMNS = """
			mailbox_id, workspace_id, enabled, preset, start_per_day, increase_per_day, max_per_day,
			reply_rate_percent, weekdays_only, random_times, window_start, window_end, time_zone, started_on,
			ramp_percent, holding_since, maintenance_per_day, campaign_start_per_day, campaign_increase_per_day,
			campaigns_started_on, health_score, health_measured_at, disabled_on""";

	private final JdbcClient jdbc;

	WarmupStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The workspace's settings, or the defaults when never saved. */
	public WarmupSettings settings(UUID workspaceId) {
		return jdbc.sql("""
				SELECT shared_pool, enable_new_mailboxes, default_preset, spam_threshold_percent
				FROM warmup_workspaces WHERE workspace_id = ?""")
			.param(workspaceId)
			.query((rs, n) -> new WarmupSettings(rs.getBoolean(1), rs.getBoolean(2),
					StoredValue.of(Preset.class, rs.getString(3)), rs.getInt(4)))
			.optional()
			.orElse(WarmupSettings.DEFAULTS);
	}

	public void saveSettings(UUID workspaceId, WarmupSettings settings) {
		jdbc.sql("""
				INSERT INTO warmup_workspaces (workspace_id, shared_pool, enable_new_mailboxes, default_preset,
				    spam_threshold_percent)
				VALUES (?, ?, ?, ?, ?)
				ON CONFLICT (workspace_id) DO UPDATE SET shared_pool = EXCLUDED.shared_pool,
				    enable_new_mailboxes = EXCLUDED.enable_new_mailboxes, default_preset = EXCLUDED.default_preset,
				    spam_threshold_percent = EXCLUDED.spam_threshold_percent""")
			.params(workspaceId, settings.sharedPool(), settings.enableNewMailboxes(), settings.defaultPreset().value(),
					settings.spamThresholdPercent())
			.update();
	}

	public Optional<MailboxRow> find(UUID workspaceId, UUID mailboxId) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM warmup_mailboxes WHERE workspace_id = ? AND mailbox_id = ?")
			.params(workspaceId, mailboxId)
			.query((rs, n) -> MailboxRow.read(rs))
			.optional();
	}

	/** For graduation, where only the mailbox is known (its id is unique everywhere). */
	public Optional<MailboxRow> find(UUID mailboxId) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM warmup_mailboxes WHERE mailbox_id = ?")
			.param(mailboxId)
			.query((rs, n) -> MailboxRow.read(rs))
			.optional();
	}

	/** The rows of these mailboxes, in one query (graduation of a campaign's pool). */
	public List<MailboxRow> find(java.util.Collection<UUID> mailboxIds) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM warmup_mailboxes WHERE mailbox_id = ANY (?)")
			.param(mailboxIds.toArray(UUID[]::new))
			.query((rs, n) -> MailboxRow.read(rs))
			.list();
	}

	public List<MailboxRow> list(UUID workspaceId) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM warmup_mailboxes WHERE workspace_id = ?")
			.param(workspaceId)
			.query((rs, n) -> MailboxRow.read(rs))
			.list();
	}

	/** Every enabled row of every workspace, for the closed loop. */
	public List<MailboxRow> enabled() {
		return jdbc.sql("SELECT " + COLUMNS + " FROM warmup_mailboxes WHERE enabled ORDER BY mailbox_id")
			.query((rs, n) -> MailboxRow.read(rs))
			.list();
	}

	/** Inserts or replaces the row's settings (not the health columns). */
	public void save(MailboxRow row, Instant now) {
		WarmupSchedule s = row.schedule();
		jdbc.sql(
				"""
						INSERT INTO warmup_mailboxes (mailbox_id, workspace_id, enabled, preset, start_per_day, increase_per_day,
						    max_per_day, reply_rate_percent, weekdays_only, random_times, window_start, window_end, time_zone,
						    started_on, ramp_percent, holding_since, maintenance_per_day, campaign_start_per_day,
						    campaign_increase_per_day, campaigns_started_on, disabled_on, updated_at)
						VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
						ON CONFLICT (mailbox_id) DO UPDATE SET enabled = EXCLUDED.enabled, preset = EXCLUDED.preset,
						    start_per_day = EXCLUDED.start_per_day, increase_per_day = EXCLUDED.increase_per_day,
						    max_per_day = EXCLUDED.max_per_day, reply_rate_percent = EXCLUDED.reply_rate_percent,
						    weekdays_only = EXCLUDED.weekdays_only, random_times = EXCLUDED.random_times,
						    window_start = EXCLUDED.window_start, window_end = EXCLUDED.window_end,
						    time_zone = EXCLUDED.time_zone, started_on = EXCLUDED.started_on,
						    ramp_percent = EXCLUDED.ramp_percent, holding_since = EXCLUDED.holding_since,
						    maintenance_per_day = EXCLUDED.maintenance_per_day,
						    campaign_start_per_day = EXCLUDED.campaign_start_per_day,
						    campaign_increase_per_day = EXCLUDED.campaign_increase_per_day,
						    campaigns_started_on = EXCLUDED.campaigns_started_on, disabled_on = EXCLUDED.disabled_on,
						    updated_at = EXCLUDED.updated_at
						WHERE warmup_mailboxes.workspace_id = EXCLUDED.workspace_id""")
			.params(row.mailboxId(), row.workspaceId(), row.enabled(), s.preset().value(), s.startPerDay(),
					s.increasePerDay(), s.maxPerDay(), s.replyRatePercent(), s.weekdaysOnly(), s.randomTimes(),
					Time.valueOf(row.windowStart()), Time.valueOf(row.windowEnd()), row.timeZone(),
					date(row.startedOn()), row.rampPercent(), date(row.holdingSince()), row.maintenancePerDay(),
					row.campaignStartPerDay(), row.campaignIncreasePerDay(), date(row.campaignsStartedOn()),
					date(row.disabledOn()), Timestamp.from(now))
			.update();
	}

	/** The closed loop's new ramp percentage and hold. */
	public void setRamp(UUID mailboxId, int rampPercent, LocalDate holdingSince, Instant now) {
		jdbc.sql("""
				UPDATE warmup_mailboxes SET ramp_percent = ?, holding_since = ?, updated_at = ?
				WHERE mailbox_id = ?""")
			.params(rampPercent, date(holdingSince), Timestamp.from(now), mailboxId)
			.update();
	}

	/**
	 * Graduation: the first campaign day of an enabled mailbox, set once (later calls
	 * change nothing). True when it was set now.
	 */
	public boolean campaignsStarted(UUID workspaceId, UUID mailboxId, Instant sentAt) {
		return jdbc.sql("""
				UPDATE warmup_mailboxes
				SET campaigns_started_on = (CAST(? AS timestamptz) AT TIME ZONE time_zone)::date
				WHERE workspace_id = ? AND mailbox_id = ? AND enabled AND campaigns_started_on IS NULL""")
			.params(Timestamp.from(sentAt), workspaceId, mailboxId)
			.update() == 1;
	}

	private static Date date(LocalDate day) {
		return day == null ? null : Date.valueOf(day);
	}

}
