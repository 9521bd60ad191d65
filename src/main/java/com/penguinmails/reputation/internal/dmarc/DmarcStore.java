package com.penguinmails.reputation.internal.dmarc;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.reputation.DmarcFileEntry;
import com.penguinmails.shared.CursorPage;

/** The SQL of the DMARC tables (V55): the file log, the reports and their rows. */
@Repository
public class DmarcStore {

	/** The bytes of a malformed file kept for the log, at most. */
	public static final int KEPT_BYTES = 64 * 1024;

	private final JdbcClient jdbc;

	DmarcStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A file log entry to write. */
	public record NewFile(UUID id, UUID workspaceId, String name, DmarcFileEntry.Origin origin, UUID inboundId,
			DmarcFileEntry.Status status, String reason, String orgName, String reportId, long size, byte[] content,
			Instant receivedAt) {
	}

	public void insertFile(NewFile f) {
		byte[] content = f.content() == null || f.content().length <= KEPT_BYTES ? f.content()
				: java.util.Arrays.copyOf(f.content(), KEPT_BYTES);
		jdbc.sql("""
				INSERT INTO dmarc_files (id, workspace_id, name, origin, inbound_id, status, reason, org_name,
				    report_id, size_bytes, content, received_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(f.id(), f.workspaceId(), clip(f.name(), 255), f.origin().value(), f.inboundId(), f.status().value(),
					clip(f.reason(), 1000), clip(f.orgName(), 255), clip(f.reportId(), 255), f.size(), content,
					Timestamp.from(f.receivedAt()))
			.update();
	}

	/** Marks a logged file as the duplicate of a report stored before. */
	public void duplicate(UUID workspaceId, UUID fileId) {
		jdbc.sql("UPDATE dmarc_files SET status = 'duplicate' WHERE workspace_id = ? AND id = ?")
			.params(workspaceId, fileId)
			.update();
	}

	/**
	 * Stores the report and its rows unless the workspace has it already (same org and
	 * report id); false then.
	 */
	public boolean insertReport(UUID workspaceId, UUID fileId, AggregateReport report, Instant now) {
		UUID id = UUID.randomUUID();
		AggregateReport.PolicyPublished policy = report.policy();
		String domain = domain(policy.domain());
		Optional<UUID> inserted = jdbc.sql("""
				INSERT INTO dmarc_reports (id, workspace_id, org_name, report_id, email, begin_at, end_at,
				    policy_domain, p, sp, pct, adkim, aspf, file_id, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT (workspace_id, org_name, report_id) DO NOTHING RETURNING id""")
			.params(id, workspaceId, clip(report.orgName(), 255), clip(report.reportId(), 255),
					clip(report.email(), 320), Timestamp.from(report.begin()), Timestamp.from(report.end()), domain,
					clip(policy.p(), 10), clip(policy.sp(), 10), policy.pct(), clip(policy.adkim(), 1),
					clip(policy.aspf(), 1), fileId, Timestamp.from(now))
			.query(UUID.class)
			.optional();
		if (inserted.isEmpty()) {
			return false;
		}
		LocalDate day = day(report);
		for (AggregateReport.Row row : report.rows()) {
			if (row.sourceIp() == null || row.count() <= 0) {
				continue;
			}
			jdbc.sql("""
					INSERT INTO dmarc_rows (workspace_id, report_id, day, policy_domain, header_from, envelope_from,
					    source_ip, reporter, message_count, disposition, dkim_aligned, spf_aligned, dkim_results,
					    spf_results, reasons, passed)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
				.params(workspaceId, id, Date.valueOf(day), domain, clip(lower(row.headerFrom()), 255),
						clip(lower(row.envelopeFrom()), 255), clip(row.sourceIp(), 45), clip(report.orgName(), 255),
						row.count(), clip(row.disposition(), 10), clip(row.dkim(), 10), clip(row.spf(), 10),
						clip(results(row.dkimResults()), 1000), clip(results(row.spfResults()), 1000),
						clip(String.join(" ", row.reasons()), 255), row.passed())
				.update();
		}
		return true;
	}

	/** The UTC day of the middle of the report's range: the day a daily report covers. */
	static LocalDate day(AggregateReport report) {
		Instant middle = report.begin().plus(Duration.between(report.begin(), report.end()).dividedBy(2));
		return LocalDate.ofInstant(middle, ZoneOffset.UTC);
	}

	private static String results(List<AggregateReport.AuthResult> results) {
		return results.stream()
			.map(r -> (r.domain() == null ? "?" : r.domain().toLowerCase(Locale.ROOT)) + "="
					+ (r.result() == null ? "none" : r.result()))
			.collect(Collectors.joining(" "));
	}

	/**
	 * A page of the file log, newest first (by received time, then id): the entries after
	 * {@code after} (or the newest without it), at most {@code limit}.
	 */
	public List<DmarcFileEntry> files(UUID workspaceId, CursorPage.Position after, int limit) {
		return jdbc.sql("""
				SELECT id, name, origin, status, reason, org_name, report_id, size_bytes, received_at
				FROM dmarc_files WHERE workspace_id = ?
				    AND (CAST(? AS timestamptz) IS NULL OR (received_at, id) < (CAST(? AS timestamptz), ?))
				ORDER BY received_at DESC, id DESC LIMIT ?""")
			.params(workspaceId, after == null ? null : Timestamp.from(after.at()),
					after == null ? null : Timestamp.from(after.at()), after == null ? null : after.id(), limit)
			.query((rs, i) -> new DmarcFileEntry(rs.getObject(1, UUID.class), rs.getString(2),
					com.penguinmails.shared.StoredValue.of(DmarcFileEntry.Origin.class, rs.getString(3)),
					com.penguinmails.shared.StoredValue.of(DmarcFileEntry.Status.class, rs.getString(4)),
					rs.getString(5), rs.getString(6), rs.getString(7), rs.getLong(8), rs.getTimestamp(9).toInstant()))
			.list();
	}

	/** Entries of the workspace's file log. */
	public long fileCount(UUID workspaceId) {
		return jdbc.sql("SELECT count(*) FROM dmarc_files WHERE workspace_id = ?")
			.param(workspaceId)
			.query(Long.class)
			.single();
	}

	/** The kept bytes of a malformed file of the workspace. */
	public Optional<byte[]> content(UUID workspaceId, UUID fileId) {
		return jdbc.sql("SELECT content FROM dmarc_files WHERE workspace_id = ? AND id = ? AND content IS NOT NULL")
			.params(workspaceId, fileId)
			.query(byte[].class)
			.optional();
	}

	/** One summed row: a source IP's messages of one day for one domain. */
	public record Source(LocalDate day, String ip, String reporter, long messages, long passed, long dkimAligned,
			long spfAligned, long forwarded, String dkimResults, String spfResults, String envelopeFrom) {
	}

	/** The domain's rows from {@code from} on, summed per day, source IP and reporter. */
	public List<Source> sources(UUID workspaceId, String domain, LocalDate from) {
		return jdbc.sql("""
				SELECT day, source_ip, reporter, sum(message_count), sum(message_count) FILTER (WHERE passed),
				    sum(message_count) FILTER (WHERE dkim_aligned = 'pass'),
				    sum(message_count) FILTER (WHERE spf_aligned = 'pass'),
				    sum(message_count) FILTER (WHERE reasons ~ '(forwarded|trusted_forwarder|mailing_list)'),
				    max(dkim_results), max(spf_results), max(envelope_from)
				FROM dmarc_rows WHERE workspace_id = ? AND policy_domain = ? AND day >= ?
				GROUP BY day, source_ip, reporter""")
			.params(workspaceId, domain(domain), Date.valueOf(from))
			.query((rs, i) -> new Source(rs.getDate(1).toLocalDate(), rs.getString(2), rs.getString(3), rs.getLong(4),
					rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getString(9), rs.getString(10),
					rs.getString(11)))
			.list();
	}

	/** A policy domain's reports, summed. */
	public record DomainTotals(String domain, long reports, long messages, long passed, LocalDate lastDay,
			String policy) {
	}

	/** Every policy domain of the workspace's reports with rows from {@code from} on. */
	public List<DomainTotals> domains(UUID workspaceId, LocalDate from) {
		return jdbc.sql("""
				SELECT r.policy_domain, count(DISTINCT r.id),
				    coalesce(sum(w.message_count) FILTER (WHERE w.day >= ?), 0),
				    coalesce(sum(w.message_count) FILTER (WHERE w.day >= ? AND w.passed), 0), max(w.day),
				    (SELECT p FROM dmarc_reports l WHERE l.workspace_id = r.workspace_id
				        AND l.policy_domain = r.policy_domain ORDER BY l.end_at DESC LIMIT 1)
				FROM dmarc_reports r LEFT JOIN dmarc_rows w ON w.report_id = r.id
				WHERE r.workspace_id = ? GROUP BY r.workspace_id, r.policy_domain ORDER BY r.policy_domain""")
			.params(Date.valueOf(from), Date.valueOf(from), workspaceId)
			.query((rs, i) -> new DomainTotals(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
					rs.getDate(5) == null ? null : rs.getDate(5).toLocalDate(), rs.getString(6)))
			.list();
	}

	/**
	 * The policy ({@code p}) of each day's reports for the domain from {@code from} on.
	 */
	public List<Object[]> policyDays(UUID workspaceId, String domain, LocalDate from) {
		return jdbc.sql("""
				SELECT DISTINCT w.day, r.p FROM dmarc_rows w JOIN dmarc_reports r ON r.id = w.report_id
				WHERE w.workspace_id = ? AND w.policy_domain = ? AND w.day >= ?""")
			.params(workspaceId, domain(domain), Date.valueOf(from))
			.query((rs, i) -> new Object[] { rs.getDate(1).toLocalDate(), rs.getString(2) })
			.list();
	}

	/** Per day: messages and passed, for a domain ({@code byIp} false) or a source IP. */
	public List<long[]> daily(UUID workspaceId, boolean byIp, String key, LocalDate from, LocalDate to) {
		String column = byIp ? "source_ip" : "policy_domain";
		return jdbc.sql("SELECT day, sum(message_count), sum(message_count) FILTER (WHERE passed) FROM dmarc_rows"
				+ " WHERE workspace_id = ? AND " + column + " = ? AND day BETWEEN ? AND ? GROUP BY day ORDER BY day")
			.params(workspaceId, byIp ? key : domain(key), Date.valueOf(from), Date.valueOf(to))
			.query((rs, i) -> new long[] { rs.getDate(1).toLocalDate().toEpochDay(), rs.getLong(2), rs.getLong(3) })
			.list();
	}

	/** The source IPs of the workspace's rows (at most {@code limit}, busiest first). */
	public List<String> sourceIps(UUID workspaceId, int limit) {
		return jdbc.sql("""
				SELECT source_ip FROM dmarc_rows WHERE workspace_id = ? GROUP BY source_ip
				ORDER BY sum(message_count) DESC LIMIT ?""").params(workspaceId, limit).query(String.class).list();
	}

	/**
	 * The source IPs of the workspace's rows with the policy domain they sent for,
	 * busiest first: {@code {policy domain, source IP}} pairs.
	 */
	public List<String[]> domainSources(UUID workspaceId) {
		return jdbc.sql("""
				SELECT policy_domain, source_ip FROM dmarc_rows WHERE workspace_id = ?
				GROUP BY policy_domain, source_ip ORDER BY sum(message_count) DESC, source_ip""")
			.param(workspaceId)
			.query((rs, i) -> new String[] { rs.getString(1), rs.getString(2) })
			.list();
	}

	/** The distinct policy domains of the workspace's reports. */
	public List<String> policyDomains(UUID workspaceId) {
		return jdbc.sql("SELECT DISTINCT policy_domain FROM dmarc_reports WHERE workspace_id = ? ORDER BY 1")
			.param(workspaceId)
			.query(String.class)
			.list();
	}

	/** Known reverse names of {@code ips} (absent: never looked up; empty: none). */
	public java.util.Map<String, Optional<String>> names(java.util.Collection<String> ips) {
		java.util.Map<String, Optional<String>> names = new java.util.HashMap<>();
		if (ips.isEmpty()) {
			return names;
		}
		jdbc.sql("SELECT source_ip, name FROM dmarc_source_names WHERE source_ip = ANY (?)")
			.param(ips.toArray(String[]::new))
			.query(rs -> {
				names.put(rs.getString(1), Optional.ofNullable(rs.getString(2)));
			});
		return names;
	}

	public void saveName(String ip, String name, Instant now) {
		jdbc.sql("""
				INSERT INTO dmarc_source_names (source_ip, name, looked_up_at) VALUES (?, ?, ?)
				ON CONFLICT (source_ip) DO UPDATE SET name = EXCLUDED.name, looked_up_at = EXCLUDED.looked_up_at""")
			.params(ip, clip(name, 255), Timestamp.from(now))
			.update();
	}

	private static String domain(String name) {
		String value = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
		return value.endsWith(".") ? value.substring(0, value.length() - 1) : value;
	}

	private static String lower(String value) {
		return value == null ? null : value.strip().toLowerCase(Locale.ROOT);
	}

	private static String clip(String value, int max) {
		return value == null || value.length() <= max ? value : value.substring(0, max);
	}

}
