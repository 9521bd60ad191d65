package com.penguinmails.reputation.internal.throttle;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.reputation.PathState;
import com.penguinmails.reputation.RecipientProvider;
import com.penguinmails.reputation.internal.throttle.PathPolicy.Path;
import com.penguinmails.shared.StoredValue;

/**
 * The SQL of throttling's paths, signals and recipient domains' providers. Every query of
 * workspace data takes the workspace id first; the providers of recipient domains are
 * public DNS facts, shared.
 */
@Repository
class ThrottleRepository {

	/** A path of a mailbox as stored, with its keys. */
	record StoredPath(UUID workspaceId, UUID mailboxId, String path, RecipientProvider provider, Path state) {
	}

	/** A recipient domain's provider as cached. */
	record CachedProvider(RecipientProvider provider, String mxHosts, Instant checkedAt) {
	}

	private final JdbcClient jdbc;

	ThrottleRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<CachedProvider> provider(String domain) {
		return jdbc.sql("SELECT provider, mx_hosts, checked_at FROM throttle_recipient_domains WHERE domain = ?")
			.param(domain)
			.query((rs, i) -> new CachedProvider(StoredValue.of(RecipientProvider.class, rs.getString(1)),
					rs.getString(2), rs.getTimestamp(3).toInstant()))
			.optional();
	}

	void saveProvider(String domain, RecipientProvider provider, String mxHosts, Instant now) {
		jdbc.sql("""
				INSERT INTO throttle_recipient_domains (domain, provider, mx_hosts, checked_at) VALUES (?, ?, ?, ?)
				ON CONFLICT (domain) DO UPDATE SET provider = excluded.provider, mx_hosts = excluded.mx_hosts,
				    checked_at = excluded.checked_at""")
			.params(domain, provider.value(), cut(mxHosts, 1000), Timestamp.from(now))
			.update();
	}

	void addSignal(UUID workspaceId, UUID mailboxId, String path, RecipientProvider provider, String domain,
			ProviderSignal signal, String source, String reply, UUID outboxId, Instant at) {
		jdbc.sql("""
				INSERT INTO throttle_signals (id, workspace_id, mailbox_id, path, provider, recipient_domain, signal,
				    counted, source, reply, outbox_id, seen_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(UUID.randomUUID(), workspaceId, mailboxId, path, provider.value(), domain, signal.value(),
					signal.response() != ProviderSignal.Response.NONE, source, cut(reply, 1000), outboxId,
					Timestamp.from(at))
			.update();
	}

	/** Counted signals on the path since {@code since}, per signal. */
	Map<ProviderSignal, Long> counted(UUID workspaceId, UUID mailboxId, String path, Instant since) {
		Map<ProviderSignal, Long> counts = new HashMap<>();
		jdbc.sql("""
				SELECT signal, count(*) FROM throttle_signals
				WHERE workspace_id = ? AND mailbox_id = ? AND path = ? AND counted AND seen_at >= ?
				GROUP BY signal""").params(workspaceId, mailboxId, path, Timestamp.from(since)).query(rs -> {
			counts.put(StoredValue.of(ProviderSignal.class, rs.getString(1)), rs.getLong(2));
		});
		return counts;
	}

	/** Signals of one kind on the path from these mailboxes since {@code since}. */
	long count(UUID workspaceId, Collection<UUID> mailboxIds, String path, ProviderSignal signal, Instant since) {
		return jdbc.sql("""
				SELECT count(*) FROM throttle_signals
				WHERE workspace_id = ? AND mailbox_id = ANY (?) AND path = ? AND signal = ? AND seen_at >= ?""")
			.params(workspaceId, mailboxIds.toArray(UUID[]::new), path, signal.value(), Timestamp.from(since))
			.query(Long.class)
			.single();
	}

	/** The latest counted replies on the path since {@code since}, distinct. */
	List<String> evidence(UUID workspaceId, UUID mailboxId, String path, Instant since, int max) {
		return jdbc.sql("""
				SELECT reply FROM throttle_signals
				WHERE workspace_id = ? AND mailbox_id = ? AND path = ? AND counted AND seen_at >= ?
				GROUP BY reply ORDER BY max(seen_at) DESC LIMIT ?""")
			.params(workspaceId, mailboxId, path, Timestamp.from(since), max)
			.query(String.class)
			.list();
	}

	/**
	 * The path, locked for this transaction; a new one is normal and "changed" at the
	 * epoch (it never changed, so every signal in the window counts).
	 */
	StoredPath lock(UUID workspaceId, UUID mailboxId, String path, RecipientProvider provider) {
		jdbc.sql("""
				INSERT INTO throttle_paths (workspace_id, mailbox_id, path, provider, state, per_hour, min_gap_seconds,
				    changed_at)
				VALUES (?, ?, ?, ?, 'normal', 0, 0, ?) ON CONFLICT DO NOTHING""")
			.params(workspaceId, mailboxId, path, provider.value(), Timestamp.from(Instant.EPOCH))
			.update();
		return find(workspaceId, mailboxId, path, true).orElseThrow();
	}

	Optional<StoredPath> find(UUID workspaceId, UUID mailboxId, String path, boolean forUpdate) {
		return jdbc
			.sql("SELECT * FROM throttle_paths WHERE workspace_id = ? AND mailbox_id = ? AND path = ?"
					+ (forUpdate ? " FOR UPDATE" : ""))
			.params(workspaceId, mailboxId, path)
			.query(ThrottleRepository::path)
			.optional();
	}

	void save(StoredPath path) {
		Path p = path.state();
		jdbc.sql("""
				UPDATE throttle_paths SET state = ?, per_hour = ?, min_gap_seconds = ?, suspended_until = ?,
				    review_at = ?, suspensions = ?, manual = ?, changed_at = ?
				WHERE workspace_id = ? AND mailbox_id = ? AND path = ?""")
			.params(p.state().value(), p.perHour(), p.minGapSeconds(), ts(p.suspendedUntil()), ts(p.reviewAt()),
					p.suspensions(), p.manual(), Timestamp.from(p.changedAt()), path.workspaceId(), path.mailboxId(),
					path.path())
			.update();
	}

	/** Paths whose recovery step is due, locked (other nodes skip them). */
	List<StoredPath> claimReviews(Instant now, int max) {
		return jdbc.sql("""
				SELECT * FROM throttle_paths WHERE review_at <= ? ORDER BY review_at LIMIT ?
				FOR UPDATE SKIP LOCKED""").params(Timestamp.from(now), max).query(ThrottleRepository::path).list();
	}

	/** Paths of these mailboxes that are not normal. */
	List<StoredPath> limited(UUID workspaceId, Collection<UUID> mailboxIds) {
		return jdbc.sql("""
				SELECT * FROM throttle_paths
				WHERE workspace_id = ? AND mailbox_id = ANY (?) AND state <> 'normal'""")
			.params(workspaceId, mailboxIds.toArray(UUID[]::new))
			.query(ThrottleRepository::path)
			.list();
	}

	/** Every path of the workspace that is not normal, or changed since {@code since}. */
	List<StoredPath> paths(UUID workspaceId, Instant since) {
		return jdbc.sql("""
				SELECT * FROM throttle_paths WHERE workspace_id = ? AND (state <> 'normal' OR changed_at >= ?)
				ORDER BY changed_at DESC""")
			.params(workspaceId, Timestamp.from(since))
			.query(ThrottleRepository::path)
			.list();
	}

	private static StoredPath path(ResultSet rs, int row) throws SQLException {
		return new StoredPath(rs.getObject("workspace_id", UUID.class), rs.getObject("mailbox_id", UUID.class),
				rs.getString("path"), StoredValue.of(RecipientProvider.class, rs.getString("provider")),
				new Path(StoredValue.of(PathState.class, rs.getString("state")), rs.getInt("per_hour"),
						rs.getInt("min_gap_seconds"), instant(rs.getTimestamp("suspended_until")),
						instant(rs.getTimestamp("review_at")), rs.getInt("suspensions"), rs.getBoolean("manual"),
						rs.getTimestamp("changed_at").toInstant()));
	}

	static Timestamp ts(Instant instant) {
		return instant == null ? null : Timestamp.from(instant);
	}

	static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

	static String cut(String value, int max) {
		return value == null || value.length() <= max ? value : value.substring(0, max);
	}

	/**
	 * Deletes the signals older than {@code before}, at most {@code limit} of them (the
	 * housekeeping deletes in bounded batches); returns how many.
	 */
	int forgetBefore(Instant before, int limit) {
		return jdbc.sql("""
				DELETE FROM throttle_signals WHERE id IN (SELECT id FROM throttle_signals WHERE seen_at < ? LIMIT ?)""")
			.params(Timestamp.from(before), limit)
			.update();
	}

}
