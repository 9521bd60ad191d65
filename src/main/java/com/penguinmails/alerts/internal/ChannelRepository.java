package com.penguinmails.alerts.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.alerts.AlertChannel;
import com.penguinmails.alerts.AlertRoute;

/**
 * The {@code alert_channels} and {@code alert_routes} tables; every query takes the
 * workspace id first. The encrypted URL is read only by {@link #encryptedUrl}.
 */
@Repository
public class ChannelRepository {

	/** A new channel's stored columns. */
	public record NewChannel(String name, String kind, String addresses, byte[] encryptedUrl, String urlHint,
			String quietZone, LocalTime quietFrom, LocalTime quietTo, boolean criticalBypassesQuiet) {
	}

	private final JdbcClient jdbc;

	ChannelRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public List<AlertChannel> channels(UUID workspaceId) {
		return jdbc.sql("SELECT * FROM alert_channels WHERE workspace_id = ? ORDER BY created_at, id")
			.param(workspaceId)
			.query((rs, i) -> channel(rs))
			.list();
	}

	public Optional<AlertChannel> channel(UUID workspaceId, UUID id) {
		return jdbc.sql("SELECT * FROM alert_channels WHERE workspace_id = ? AND id = ?")
			.params(workspaceId, id)
			.query((rs, i) -> channel(rs))
			.optional();
	}

	/** Inserts a channel whose id the caller chose (its URL's encryption context). */
	public void insert(UUID workspaceId, UUID id, NewChannel channel, Instant now) {
		jdbc.sql("""
				INSERT INTO alert_channels (id, workspace_id, name, kind, addresses, encrypted_url, url_hint,
				    quiet_zone, quiet_from, quiet_to, critical_bypasses_quiet, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, workspaceId, channel.name(), channel.kind(), channel.addresses(), channel.encryptedUrl(),
					channel.urlHint(), channel.quietZone(), time(channel.quietFrom()), time(channel.quietTo()),
					channel.criticalBypassesQuiet(), Timestamp.from(now))
			.update();
	}

	/** Sets (or, with a null zone, removes) a channel's quiet hours. */
	public boolean setQuietHours(UUID workspaceId, UUID id, String zone, LocalTime from, LocalTime to,
			boolean criticalBypasses) {
		return jdbc.sql("""
				UPDATE alert_channels SET quiet_zone = ?, quiet_from = ?, quiet_to = ?, critical_bypasses_quiet = ?
				WHERE workspace_id = ? AND id = ?""")
			.params(zone, time(from), time(to), criticalBypasses, workspaceId, id)
			.update() == 1;
	}

	public boolean delete(UUID workspaceId, UUID id) {
		return jdbc.sql("DELETE FROM alert_channels WHERE workspace_id = ? AND id = ?")
			.params(workspaceId, id)
			.update() == 1;
	}

	/** The encrypted incoming-webhook URL of a Slack or Teams channel. */
	byte[] encryptedUrl(UUID workspaceId, UUID id) {
		return jdbc.sql("SELECT encrypted_url FROM alert_channels WHERE workspace_id = ? AND id = ?")
			.params(workspaceId, id)
			.query(byte[].class)
			.single();
	}

	void delivered(UUID workspaceId, UUID id, Instant now) {
		jdbc.sql("UPDATE alert_channels SET last_error = NULL, last_delivered_at = ? WHERE workspace_id = ? AND id = ?")
			.params(Timestamp.from(now), workspaceId, id)
			.update();
	}

	void failed(UUID workspaceId, UUID id, String error, Instant now) {
		jdbc.sql("UPDATE alert_channels SET last_error = ?, last_error_at = ? WHERE workspace_id = ? AND id = ?")
			.params(error, Timestamp.from(now), workspaceId, id)
			.update();
	}

	public List<AlertRoute> routes(UUID workspaceId) {
		return jdbc.sql("""
				SELECT r.id, r.match_kind, r.match_value, r.match_severity, r.channel_id, r.policy_id,
				    coalesce(c.name, p.name) AS target
				FROM alert_routes r
				LEFT JOIN alert_channels c ON c.id = r.channel_id
				LEFT JOIN alert_escalation_policies p ON p.id = r.policy_id
				WHERE r.workspace_id = ?
				ORDER BY r.match_kind DESC, r.match_value, r.match_severity NULLS FIRST, r.created_at, r.id""")
			.param(workspaceId)
			.query((rs, i) -> new AlertRoute(rs.getObject("id", UUID.class), rs.getString("match_kind"),
					rs.getString("match_value"), rs.getString("match_severity"), rs.getObject("channel_id", UUID.class),
					rs.getObject("policy_id", UUID.class), rs.getString("target")))
			.list();
	}

	/**
	 * Inserts a rule; {@code matchSeverity} is null but for a type rule at one severity.
	 */
	public UUID insertRoute(UUID workspaceId, String matchKind, String matchValue, String matchSeverity, UUID channelId,
			UUID policyId, Instant now) {
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				INSERT INTO alert_routes (id, workspace_id, match_kind, match_value, match_severity, channel_id,
				    policy_id, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, workspaceId, matchKind, matchValue, matchSeverity, channelId, policyId, Timestamp.from(now))
			.update();
		return id;
	}

	public boolean deleteRoute(UUID workspaceId, UUID id) {
		return jdbc.sql("DELETE FROM alert_routes WHERE workspace_id = ? AND id = ?")
			.params(workspaceId, id)
			.update() == 1;
	}

	private static Time time(LocalTime time) {
		return time == null ? null : Time.valueOf(time);
	}

	private static AlertChannel channel(ResultSet rs) throws SQLException {
		Time from = rs.getTime("quiet_from");
		Time to = rs.getTime("quiet_to");
		return new AlertChannel(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("kind"),
				rs.getString("addresses"), rs.getString("url_hint"), rs.getString("quiet_zone"),
				from == null ? null : from.toLocalTime(), to == null ? null : to.toLocalTime(),
				rs.getBoolean("critical_bypasses_quiet"), rs.getString("last_error"),
				AlertRepository.instant(rs, "last_error_at"), AlertRepository.instant(rs, "last_delivered_at"));
	}

}
