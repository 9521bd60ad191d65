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

	/**
	 * An email channel's failing addresses: per address, the latest notification with an
	 * outcome (sent, or an error), when that outcome is an error.
	 */
	private static final String FAILING = """
			ARRAY(SELECT f.email FROM (
			    SELECT DISTINCT ON (n.email) n.email, n.status FROM alert_notifications n
			    WHERE n.workspace_id = c.workspace_id AND n.channel_id = c.id AND n.email IS NOT NULL
			        AND (n.status = 'sent' OR n.last_error IS NOT NULL)
			    ORDER BY n.email, n.created_at DESC, n.id DESC) f
			WHERE f.status <> 'sent' ORDER BY f.email)""";

	private final JdbcClient jdbc;

	ChannelRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public List<AlertChannel> channels(UUID workspaceId) {
		return jdbc
			.sql("SELECT c.*, " + FAILING + " AS failing_addresses FROM alert_channels c "
					+ "WHERE c.workspace_id = ? ORDER BY c.created_at, c.id")
			.param(workspaceId)
			.query((rs, i) -> channel(rs))
			.list();
	}

	public Optional<AlertChannel> channel(UUID workspaceId, UUID id) {
		return jdbc
			.sql("SELECT c.*, " + FAILING + " AS failing_addresses FROM alert_channels c "
					+ "WHERE c.workspace_id = ? AND c.id = ?")
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

	/**
	 * Renames a channel and sets its addresses; a non-null {@code encryptedUrl} (with its
	 * hint) replaces the stored URL. {@code moved}: the destination changed, so the last
	 * error (about the old one) goes.
	 */
	public boolean update(UUID workspaceId, UUID id, String name, String addresses, byte[] encryptedUrl, String urlHint,
			boolean moved) {
		String url = encryptedUrl == null ? "" : ", encrypted_url = ?, url_hint = ?";
		String error = moved ? ", last_error = NULL, last_error_at = NULL" : "";
		List<Object> params = new java.util.ArrayList<>(List.of(name, addresses));
		if (encryptedUrl != null) {
			params.add(encryptedUrl);
			params.add(urlHint);
		}
		params.add(workspaceId);
		params.add(id);
		return jdbc
			.sql("UPDATE alert_channels SET name = ?, addresses = ?" + url + error
					+ " WHERE workspace_id = ? AND id = ?")
			.params(params)
			.update() == 1;
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

	/**
	 * Records a delivery; the last error stays while another address of the channel is
	 * failing.
	 */
	void delivered(UUID workspaceId, UUID id, Instant now) {
		jdbc.sql("UPDATE alert_channels c SET last_delivered_at = ?, last_error = CASE WHEN cardinality(" + FAILING
				+ ") > 0 THEN c.last_error END WHERE c.workspace_id = ? AND c.id = ?")
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
		String addresses = rs.getString("addresses");
		List<String> failing = List.of((String[]) rs.getArray("failing_addresses").getArray());
		if (!addresses.isBlank()) {
			// An address taken off the channel is no longer its concern.
			List<String> listed = List.of(addresses.toLowerCase(java.util.Locale.ROOT).split("\\s*,\\s*"));
			failing = failing.stream().filter(a -> listed.contains(a.toLowerCase(java.util.Locale.ROOT))).toList();
		}
		return new AlertChannel(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("kind"), addresses,
				rs.getString("url_hint"), rs.getString("quiet_zone"), from == null ? null : from.toLocalTime(),
				to == null ? null : to.toLocalTime(), rs.getBoolean("critical_bypasses_quiet"),
				rs.getString("last_error"), AlertRepository.instant(rs, "last_error_at"),
				AlertRepository.instant(rs, "last_delivered_at"), failing);
	}

}
