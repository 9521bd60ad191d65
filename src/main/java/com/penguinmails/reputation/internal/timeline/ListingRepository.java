package com.penguinmails.reputation.internal.timeline;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.domains.BlocklistResult;
import com.penguinmails.reputation.BlocklistListing;
import com.penguinmails.reputation.ChecklistStep;

/**
 * The blocklist history: {@code reputation_listings} and
 * {@code reputation_blocklist_checks}.
 */
@Repository
public class ListingRepository {

	private final JdbcClient jdbc;

	ListingRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Records one check of a domain: a listing opens at the first listed answer, stays
	 * open while listed, and closes at a clean answer; an unknown answer changes nothing.
	 * Recording the same check twice changes nothing more.
	 */
	public void record(UUID workspaceId, UUID domainId, String domain, List<BlocklistResult> results,
			Instant checkedAt) {
		Timestamp at = Timestamp.from(checkedAt);
		// Only a target some list answered about (listed or clean) was checked: answers
		// that are all unknown (refusals, a resolver that answers nothing) say nothing,
		// so they neither start the blocklist figures nor count as "no listing".
		String[] targets = results.stream()
			.filter(r -> r.listed() || "clean".equals(r.status()))
			.map(BlocklistResult::target)
			.distinct()
			.toArray(String[]::new);
		if (targets.length == 0) {
			return;
		}
		int inserted = jdbc.sql("""
				INSERT INTO reputation_blocklist_checks (workspace_id, domain_id, checked_at, targets, listed)
				VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
			.params(workspaceId, domainId, at, targets, (int) results.stream().filter(BlocklistResult::listed).count())
			.update();
		if (inserted == 0) {
			return;
		}
		for (BlocklistResult result : results) {
			if (result.listed()) {
				int seen = jdbc.sql("""
						UPDATE reputation_listings SET last_seen_at = ?, code = ?, meaning = ?, delist_url = ?
						WHERE workspace_id = ? AND domain_id = ? AND target = ? AND zone = ? AND cleared_at IS NULL""")
					.params(at, cut(result.code(), 64), cut(result.meaning(), 500), cut(result.delistUrl(), 1000),
							workspaceId, domainId, result.target(), result.zone())
					.update();
				if (seen == 0) {
					jdbc.sql(
							"""
									INSERT INTO reputation_listings (id, workspace_id, domain_id, domain, target, zone, list_name,
									    code, meaning, delist_url, listed_at, last_seen_at)
									VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
						.params(UUID.randomUUID(), workspaceId, domainId, domain, result.target(), result.zone(),
								cut(result.name(), 200), cut(result.code(), 64), cut(result.meaning(), 500),
								cut(result.delistUrl(), 1000), at, at)
						.update();
				}
			}
			else if ("clean".equals(result.status())) {
				jdbc.sql("""
						UPDATE reputation_listings SET cleared_at = ?
						WHERE workspace_id = ? AND domain_id = ? AND target = ? AND zone = ? AND cleared_at IS NULL""")
					.params(at, workspaceId, domainId, result.target(), result.zone())
					.update();
			}
		}
	}

	/** Every listing of the workspace: open ones first, then the most recent. */
	public List<BlocklistListing> listings(UUID workspaceId) {
		return jdbc.sql("""
				SELECT * FROM reputation_listings WHERE workspace_id = ?
				ORDER BY cleared_at IS NOT NULL, listed_at DESC LIMIT 500""")
			.param(workspaceId)
			.query((rs, i) -> listing(rs))
			.list();
	}

	public Optional<BlocklistListing> find(UUID workspaceId, UUID id) {
		return jdbc.sql("SELECT * FROM reputation_listings WHERE workspace_id = ? AND id = ?")
			.params(workspaceId, id)
			.query((rs, i) -> listing(rs))
			.optional();
	}

	/** Marks a checklist step done or not done. */
	public void step(UUID workspaceId, UUID id, ChecklistStep step, boolean done) {
		String steps = done ? "array_append(array_remove(steps_done, ?), ?)" : "array_remove(steps_done, ?)";
		List<Object> params = new java.util.ArrayList<>(List.of(step.value()));
		if (done) {
			params.add(step.value());
		}
		params.addAll(List.of(workspaceId, id));
		jdbc.sql("UPDATE reputation_listings SET steps_done = " + steps + " WHERE workspace_id = ? AND id = ?")
			.params(params)
			.update();
	}

	/** Listings of any of {@code targets} open at some time between the two days. */
	public List<BlocklistListing> overlapping(UUID workspaceId, Collection<String> targets, LocalDate from,
			LocalDate to) {
		return jdbc.sql("""
				SELECT * FROM reputation_listings WHERE workspace_id = ? AND target = ANY (?)
				  AND listed_at < ? AND (cleared_at IS NULL OR cleared_at >= ?)""")
			.params(workspaceId, targets.toArray(String[]::new), start(to.plusDays(1)), start(from))
			.query((rs, i) -> listing(rs))
			.list();
	}

	/** The first check that looked any of {@code targets} up, empty when none did. */
	public Optional<Instant> firstCheck(UUID workspaceId, Collection<String> targets) {
		// min() over no row is one row holding NULL: read it as a list, not as a required
		// single value.
		return jdbc
			.sql("""
					SELECT min(checked_at) FROM reputation_blocklist_checks WHERE workspace_id = ? AND targets && ?::text[]""")
			.params(workspaceId, targets.toArray(String[]::new))
			.query((rs, i) -> rs.getTimestamp(1))
			.list()
			.stream()
			.filter(java.util.Objects::nonNull)
			.map(Timestamp::toInstant)
			.findFirst();
	}

	/**
	 * When the workspace's last blocklist check ran, empty when none ran since this
	 * landed.
	 */
	public Optional<Instant> lastCheck(UUID workspaceId) {
		return jdbc.sql("SELECT max(checked_at) FROM reputation_blocklist_checks WHERE workspace_id = ?")
			.param(workspaceId)
			.query((rs, i) -> rs.getTimestamp(1))
			.list()
			.stream()
			.filter(java.util.Objects::nonNull)
			.map(Timestamp::toInstant)
			.findFirst();
	}

	/** Every target (domain or IP) ever looked up in the workspace. */
	public List<String> targets(UUID workspaceId) {
		return jdbc.sql("""
				SELECT DISTINCT unnest(targets) FROM reputation_blocklist_checks WHERE workspace_id = ?""")
			.param(workspaceId)
			.query(String.class)
			.list();
	}

	private static BlocklistListing listing(ResultSet rs) throws SQLException {
		Set<ChecklistStep> done = EnumSet.noneOf(ChecklistStep.class);
		Array steps = rs.getArray("steps_done");
		for (Object step : (Object[]) steps.getArray()) {
			done.add(ChecklistStep.of((String) step));
		}
		Timestamp cleared = rs.getTimestamp("cleared_at");
		return new BlocklistListing(rs.getObject("id", UUID.class), rs.getObject("domain_id", UUID.class),
				rs.getString("domain"), rs.getString("target"), rs.getString("zone"), rs.getString("list_name"),
				rs.getString("code"), rs.getString("meaning"), rs.getString("delist_url"),
				rs.getTimestamp("listed_at").toInstant(), rs.getTimestamp("last_seen_at").toInstant(),
				cleared == null ? null : cleared.toInstant(), done);
	}

	private static Timestamp start(LocalDate day) {
		return Timestamp.from(day.atStartOfDay().toInstant(ZoneOffset.UTC));
	}

	private static String cut(String text, int max) {
		return text == null || text.length() <= max ? text : text.substring(0, max);
	}

}
