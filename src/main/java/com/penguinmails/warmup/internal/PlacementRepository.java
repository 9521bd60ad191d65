package com.penguinmails.warmup.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.shared.CursorPage;
import com.penguinmails.shared.StoredValue;
import com.penguinmails.warmup.Placement;
import com.penguinmails.warmup.PlacementTest;

/** The {@code placement_tests} and {@code placement_results} tables. */
@Repository
public class PlacementRepository {

	private final JdbcClient jdbc;

	PlacementRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A result row the checker works on. */
	public record Pending(UUID testId, String address, UUID seedWorkspaceId, UUID seedMailboxId, String messageId,
			Instant sentAt) {
	}

	public void create(UUID workspaceId, UUID id, UUID campaignId, int step, Integer variant, UUID mailboxId,
			String subject, Instant now) {
		jdbc.sql(
				"""
						INSERT INTO placement_tests (id, workspace_id, campaign_id, step, variant, mailbox_id, subject, created_at)
						VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, workspaceId, campaignId, step, variant, mailboxId, subject, Timestamp.from(now))
			.update();
	}

	public void addSeed(UUID testId, String address, UUID seedWorkspaceId, UUID seedMailboxId, String provider,
			String messageId) {
		jdbc.sql(
				"""
						INSERT INTO placement_results (test_id, address, seed_workspace_id, seed_mailbox_id, provider, message_id)
						VALUES (?, ?, ?, ?, ?, ?)""")
			.params(testId, address, seedWorkspaceId, seedMailboxId, provider, messageId)
			.update();
	}

	public void sent(UUID testId, String address, Instant at, String error) {
		jdbc.sql("UPDATE placement_results SET sent_at = ?, error = ? WHERE test_id = ? AND address = ?")
			.params(at == null ? null : Timestamp.from(at), error, testId, address)
			.update();
	}

	public void found(UUID testId, String address, Placement placement, String folder, Instant now) {
		jdbc.sql("""
				UPDATE placement_results SET placement = ?, found_folder = ?, found_at = ?, checked_at = ?
				WHERE test_id = ? AND address = ?""")
			.params(placement.value(), folder, placement == Placement.MISSING ? null : Timestamp.from(now),
					Timestamp.from(now), testId, address)
			.update();
	}

	public void checked(UUID testId, String address, Instant now) {
		jdbc.sql("UPDATE placement_results SET checked_at = ? WHERE test_id = ? AND address = ?")
			.params(Timestamp.from(now), testId, address)
			.update();
	}

	/** The test's seeds still looked for (sent, readable, not found yet). */
	public List<Pending> pending(UUID testId) {
		return jdbc.sql("""
				SELECT test_id, address, seed_workspace_id, seed_mailbox_id, message_id, sent_at FROM placement_results
				WHERE test_id = ? AND placement = 'pending' AND seed_mailbox_id IS NOT NULL AND sent_at IS NOT NULL
				    AND error IS NULL ORDER BY address""")
			.param(testId)
			.query((rs, i) -> new Pending(rs.getObject("test_id", UUID.class), rs.getString("address"),
					rs.getObject("seed_workspace_id", UUID.class), rs.getObject("seed_mailbox_id", UUID.class),
					rs.getString("message_id"), rs.getTimestamp("sent_at").toInstant()))
			.list();
	}

	/** Tests with a seed still looked for, of any workspace. */
	public List<UUID> testsPending() {
		return jdbc
			.sql("""
					SELECT DISTINCT test_id FROM placement_results
					WHERE placement = 'pending' AND seed_mailbox_id IS NOT NULL AND sent_at IS NOT NULL AND error IS NULL""")
			.query(UUID.class)
			.list();
	}

	/** The workspace that ran the test. */
	public Optional<UUID> workspaceOf(UUID testId) {
		return jdbc.sql("SELECT workspace_id FROM placement_tests WHERE id = ?")
			.param(testId)
			.query(UUID.class)
			.optional();
	}

	public Optional<PlacementTest> find(UUID workspaceId, UUID id) {
		return jdbc.sql("SELECT * FROM placement_tests WHERE workspace_id = ? AND id = ?")
			.params(workspaceId, id)
			.query((rs, i) -> test(rs, seeds(id)))
			.optional();
	}

	/** The workspace's tests, newest first, from the cursor's position. */
	public CursorPage<PlacementTest.Summary> list(UUID workspaceId, CursorPage.Position after, int limit) {
		List<PlacementTest.Summary> rows = jdbc.sql("""
				SELECT t.id, t.campaign_id, t.step, t.variant, t.subject, t.created_at, count(r.address) AS seeds,
				    count(*) FILTER (WHERE r.placement = 'inbox') AS inbox,
				    count(*) FILTER (WHERE r.placement = 'spam') AS spam,
				    count(*) FILTER (WHERE r.placement = 'other') AS other,
				    count(*) FILTER (WHERE r.placement = 'missing') AS missing,
				    count(*) FILTER (WHERE r.placement = 'pending' AND r.seed_mailbox_id IS NOT NULL
				        AND r.error IS NULL) AS pending
				FROM placement_tests t LEFT JOIN placement_results r ON r.test_id = t.id
				WHERE t.workspace_id = ? AND (CAST(? AS TIMESTAMPTZ) IS NULL OR (t.created_at, t.id) < (?, ?))
				GROUP BY t.id ORDER BY t.created_at DESC, t.id DESC LIMIT ?""")
			.params(workspaceId, after == null ? null : Timestamp.from(after.at()),
					after == null ? null : Timestamp.from(after.at()), after == null ? null : after.id(), limit + 1)
			.query((rs, i) -> new PlacementTest.Summary(rs.getObject("id", UUID.class),
					rs.getObject("campaign_id", UUID.class), rs.getInt("step"), (Integer) rs.getObject("variant"),
					rs.getString("subject"), rs.getTimestamp("created_at").toInstant(), rs.getInt("seeds"),
					rs.getInt("inbox"), rs.getInt("spam"), rs.getInt("other"), rs.getInt("missing"),
					rs.getInt("pending")))
			.list();
		return CursorPage.of(rows, limit, s -> new CursorPage.Position(s.createdAt(), s.id()));
	}

	/** Is a Message-ID one a placement test sent, or the header value a test's id. */
	public boolean known(String messageId, UUID testId) {
		return jdbc.sql("""
				SELECT EXISTS (SELECT 1 FROM placement_results WHERE message_id = ? OR test_id = ?)""")
			.params(messageId == null ? "" : messageId, testId)
			.query(Boolean.class)
			.single();
	}

	private List<PlacementTest.Seed> seeds(UUID testId) {
		return jdbc.sql(
				"SELECT * FROM placement_results WHERE test_id = ? ORDER BY seed_mailbox_id IS NULL, provider, address")
			.param(testId)
			.query((rs, i) -> new PlacementTest.Seed(rs.getString("address"), rs.getString("provider"),
					rs.getObject("seed_mailbox_id") != null, StoredValue.of(Placement.class, rs.getString("placement")),
					rs.getString("found_folder"), instant(rs, "sent_at"), rs.getString("error"),
					instant(rs, "checked_at")))
			.list();
	}

	private static PlacementTest test(ResultSet rs, List<PlacementTest.Seed> seeds) throws SQLException {
		return new PlacementTest(rs.getObject("id", UUID.class), rs.getObject("campaign_id", UUID.class),
				rs.getInt("step"), (Integer) rs.getObject("variant"), rs.getObject("mailbox_id", UUID.class),
				rs.getString("subject"), rs.getTimestamp("created_at").toInstant(), seeds, providers(seeds));
	}

	private static List<PlacementTest.Provider> providers(List<PlacementTest.Seed> seeds) {
		Map<String, int[]> counts = new LinkedHashMap<>();
		for (PlacementTest.Seed seed : seeds) {
			int[] c = counts.computeIfAbsent(seed.provider(), p -> new int[7]);
			c[0]++;
			if (!seed.checkable() || seed.error() != null) {
				c[6]++;
				continue;
			}
			switch (seed.placement()) {
				case INBOX -> c[1]++;
				case SPAM -> c[2]++;
				case OTHER -> c[3]++;
				case MISSING -> c[4]++;
				default -> c[5]++;
			}
		}
		List<PlacementTest.Provider> providers = new ArrayList<>();
		counts
			.forEach((p, c) -> providers.add(new PlacementTest.Provider(p, c[0], c[1], c[2], c[3], c[4], c[5], c[6])));
		return providers;
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp at = rs.getTimestamp(column);
		return at == null ? null : at.toInstant();
	}

	/** The enabled warmup mailboxes of the workspace's pool (see i15 rules). */
	public List<UUID[]> pool(UUID workspaceId) {
		return jdbc.sql("""
				SELECT m.workspace_id, m.mailbox_id FROM warmup_mailboxes m
				LEFT JOIN warmup_workspaces w ON w.workspace_id = m.workspace_id
				WHERE m.enabled AND (m.workspace_id = ? OR (coalesce(w.shared_pool, false) AND EXISTS (
				    SELECT 1 FROM warmup_workspaces o WHERE o.workspace_id = ? AND o.shared_pool)))
				ORDER BY m.workspace_id = ? DESC, m.mailbox_id""")
			.params(workspaceId, workspaceId, workspaceId)
			.query((rs, i) -> new UUID[] { rs.getObject(1, UUID.class), rs.getObject(2, UUID.class) })
			.list();
	}

}
