package com.penguinmails.reputation.internal.postmaster;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import static com.penguinmails.reputation.internal.postmaster.ConnectionStore.instant;
import static com.penguinmails.reputation.internal.postmaster.ConnectionStore.ts;

/**
 * What the pulls brought: {@code postmaster_traffic_stats} (per domain and day),
 * {@code snds_ip_days} (per IP and day) and {@code snds_ip_status}. A day pulled again
 * replaces the stored one (providers revise recent days). Every query takes the workspace
 * first.
 */
@Repository
public class StatsStore {

	private final JdbcClient jdbc;

	private final ObjectMapper json;

	StatsStore(JdbcClient jdbc, ObjectMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	public void saveTraffic(UUID workspaceId, TrafficStat s, Instant now) {
		jdbc.sql("""
				INSERT INTO postmaster_traffic_stats (workspace_id, domain, day, domain_reputation,
				    user_reported_spam_ratio, spam_ratio_lower_bound, spam_ratio_upper_bound, spf_success_ratio,
				    dkim_success_ratio, dmarc_success_ratio, inbound_encryption_ratio, outbound_encryption_ratio,
				    ip_reputations, delivery_errors, spammy_feedback_loops, pulled_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?)
				ON CONFLICT (workspace_id, domain, day) DO UPDATE SET domain_reputation = excluded.domain_reputation,
				    user_reported_spam_ratio = excluded.user_reported_spam_ratio,
				    spam_ratio_lower_bound = excluded.spam_ratio_lower_bound,
				    spam_ratio_upper_bound = excluded.spam_ratio_upper_bound,
				    spf_success_ratio = excluded.spf_success_ratio, dkim_success_ratio = excluded.dkim_success_ratio,
				    dmarc_success_ratio = excluded.dmarc_success_ratio,
				    inbound_encryption_ratio = excluded.inbound_encryption_ratio,
				    outbound_encryption_ratio = excluded.outbound_encryption_ratio,
				    ip_reputations = excluded.ip_reputations, delivery_errors = excluded.delivery_errors,
				    spammy_feedback_loops = excluded.spammy_feedback_loops, pulled_at = excluded.pulled_at""")
			.params(workspaceId, s.domain(), s.day(), s.domainReputation(), s.userReportedSpamRatio(),
					s.spamRatioLowerBound(), s.spamRatioUpperBound(), s.spfSuccessRatio(), s.dkimSuccessRatio(),
					s.dmarcSuccessRatio(), s.inboundEncryptionRatio(), s.outboundEncryptionRatio(),
					write(s.ipReputations()), write(s.deliveryErrors()), write(s.spammyFeedbackLoops()), ts(now))
			.update();
	}

	public void saveSnds(UUID workspaceId, SndsDay d, Instant now) {
		jdbc.sql("""
				INSERT INTO snds_ip_days (workspace_id, ip, day, activity_start, activity_end, rcpt_commands,
				    data_commands, message_recipients, filter_result, complaint_rate, complaint_text,
				    trap_message_start, trap_message_end, trap_hits, sample_helo, sample_mail_from, comments, pulled_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT (workspace_id, ip, day) DO UPDATE SET activity_start = excluded.activity_start,
				    activity_end = excluded.activity_end, rcpt_commands = excluded.rcpt_commands,
				    data_commands = excluded.data_commands, message_recipients = excluded.message_recipients,
				    filter_result = excluded.filter_result, complaint_rate = excluded.complaint_rate,
				    complaint_text = excluded.complaint_text, trap_message_start = excluded.trap_message_start,
				    trap_message_end = excluded.trap_message_end, trap_hits = excluded.trap_hits,
				    sample_helo = excluded.sample_helo, sample_mail_from = excluded.sample_mail_from,
				    comments = excluded.comments, pulled_at = excluded.pulled_at""")
			.params(workspaceId, d.ip(), d.day(), ts(d.activityStart()), ts(d.activityEnd()), d.rcptCommands(),
					d.dataCommands(), d.messageRecipients(), d.filterResult(), d.complaintRate(), d.complaintText(),
					ts(d.trapMessageStart()), ts(d.trapMessageEnd()), d.trapHits(), d.sampleHelo(), d.sampleMailFrom(),
					d.comments(), ts(now))
			.update();
	}

	/** Replaces the workspace's IP status rows with what the feed says now. */
	@Transactional
	public void replaceIpStatus(UUID workspaceId, List<SndsIpStatus> statuses, Instant now) {
		jdbc.sql("DELETE FROM snds_ip_status WHERE workspace_id = ?").param(workspaceId).update();
		for (SndsIpStatus s : statuses) {
			jdbc.sql("""
					INSERT INTO snds_ip_status (workspace_id, first_ip, last_ip, blocked, details, pulled_at)
					VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
				.params(workspaceId, s.firstIp(), s.lastIp(), s.blocked(), s.details(), ts(now))
				.update();
		}
	}

	/**
	 * Traffic stats from {@code from} to {@code to}, newest day first, then by domain.
	 */
	public List<TrafficStat> traffic(UUID workspaceId, String domain, LocalDate from, LocalDate to) {
		return jdbc.sql("""
				SELECT * FROM postmaster_traffic_stats WHERE workspace_id = ? AND (?::text IS NULL OR domain = ?)
				    AND day BETWEEN ? AND ? ORDER BY day DESC, domain""")
			.params(workspaceId, domain, domain, from, to)
			.query(this::traffic)
			.list();
	}

	/** SNDS days from {@code from} to {@code to}, newest day first, then by IP. */
	public List<SndsDay> snds(UUID workspaceId, String ip, LocalDate from, LocalDate to) {
		return jdbc.sql("""
				SELECT * FROM snds_ip_days WHERE workspace_id = ? AND (?::text IS NULL OR ip = ?)
				    AND day BETWEEN ? AND ? ORDER BY day DESC, ip""")
			.params(workspaceId, ip, ip, from, to)
			.query(StatsStore::snds)
			.list();
	}

	public List<SndsIpStatus> ipStatus(UUID workspaceId) {
		return jdbc.sql("SELECT * FROM snds_ip_status WHERE workspace_id = ? ORDER BY first_ip")
			.param(workspaceId)
			.query((rs, i) -> new SndsIpStatus(rs.getString("first_ip"), rs.getString("last_ip"),
					rs.getBoolean("blocked"), rs.getString("details")))
			.list();
	}

	/** The domains Postmaster Tools reported on. */
	public List<String> domains(UUID workspaceId) {
		return jdbc.sql("SELECT DISTINCT domain FROM postmaster_traffic_stats WHERE workspace_id = ? ORDER BY domain")
			.param(workspaceId)
			.query(String.class)
			.list();
	}

	/** The IPs SNDS reported on. */
	public List<String> ips(UUID workspaceId) {
		return jdbc.sql("SELECT DISTINCT ip FROM snds_ip_days WHERE workspace_id = ? ORDER BY ip")
			.param(workspaceId)
			.query(String.class)
			.list();
	}

	/** Forgets what a provider brought (on disconnect). */
	public void forget(UUID workspaceId, Provider provider) {
		if (provider == Provider.GOOGLE) {
			jdbc.sql("DELETE FROM postmaster_traffic_stats WHERE workspace_id = ?").param(workspaceId).update();
		}
		else {
			jdbc.sql("DELETE FROM snds_ip_days WHERE workspace_id = ?").param(workspaceId).update();
			jdbc.sql("DELETE FROM snds_ip_status WHERE workspace_id = ?").param(workspaceId).update();
		}
	}

	private TrafficStat traffic(ResultSet rs, int row) throws SQLException {
		return new TrafficStat(rs.getString("domain"), rs.getObject("day", LocalDate.class),
				rs.getString("domain_reputation"), number(rs, "user_reported_spam_ratio"),
				number(rs, "spam_ratio_lower_bound"), number(rs, "spam_ratio_upper_bound"),
				number(rs, "spf_success_ratio"), number(rs, "dkim_success_ratio"), number(rs, "dmarc_success_ratio"),
				number(rs, "inbound_encryption_ratio"), number(rs, "outbound_encryption_ratio"),
				read(rs.getString("ip_reputations"), new TypeReference<List<TrafficStat.IpReputation>>() {
				}), read(rs.getString("delivery_errors"), new TypeReference<List<TrafficStat.DeliveryError>>() {
				}), read(rs.getString("spammy_feedback_loops"), new TypeReference<List<TrafficStat.FeedbackLoop>>() {
				}));
	}

	private static SndsDay snds(ResultSet rs, int row) throws SQLException {
		return new SndsDay(rs.getString("ip"), rs.getObject("day", LocalDate.class), instant(rs, "activity_start"),
				instant(rs, "activity_end"), longOrNull(rs, "rcpt_commands"), longOrNull(rs, "data_commands"),
				longOrNull(rs, "message_recipients"), rs.getString("filter_result"), number(rs, "complaint_rate"),
				rs.getString("complaint_text"), instant(rs, "trap_message_start"), instant(rs, "trap_message_end"),
				longOrNull(rs, "trap_hits"), rs.getString("sample_helo"), rs.getString("sample_mail_from"),
				rs.getString("comments"));
	}

	private static Double number(ResultSet rs, String column) throws SQLException {
		double value = rs.getDouble(column);
		return rs.wasNull() ? null : value;
	}

	private static Long longOrNull(ResultSet rs, String column) throws SQLException {
		long value = rs.getLong(column);
		return rs.wasNull() ? null : value;
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

}
