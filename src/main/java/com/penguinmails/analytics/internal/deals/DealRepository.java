package com.penguinmails.analytics.internal.deals;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.analytics.Deal;
import com.penguinmails.analytics.DealSource;

/**
 * All the SQL of {@code deals} (V67). Every query takes the workspace id first.
 */
@Repository
public class DealRepository {

	/** A deal to write: checked values. */
	public record Row(UUID contactId, String email, String name, BigDecimal amount, String currency, Instant closedAt,
			String externalId, DealSource source) {
	}

	/** What the attribution reads of a deal closed in a period. */
	public record Closed(UUID id, UUID contactId, BigDecimal amount, String currency, Instant closedAt) {
	}

	/** A deal written: its id and whether it was new (not an update by external id). */
	public record Written(UUID id, boolean created) {
	}

	private static final String COLUMNS = "id, contact_id, email, name, amount, currency, closed_at, external_id, "
			+ "source, created_at, updated_at";

	private final JdbcClient jdbc;

	DealRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Inserts the deal, or, when the workspace has a deal with the same external id,
	 * updates that one (one statement: two concurrent upserts of one id make one deal).
	 */
	public Written upsert(UUID workspaceId, Row row, Instant now) {
		return jdbc
			.sql("""
					INSERT INTO deals (id, workspace_id, contact_id, email, name, amount, currency, closed_at, external_id,
					    source, created_at, updated_at)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
					ON CONFLICT (workspace_id, external_id) DO UPDATE SET contact_id = excluded.contact_id,
					    email = excluded.email, name = excluded.name, amount = excluded.amount, currency = excluded.currency,
					    closed_at = excluded.closed_at, source = excluded.source, updated_at = excluded.updated_at
					RETURNING id, (xmax = 0)""")
			.params(UUID.randomUUID(), workspaceId, row.contactId(), row.email(), row.name(), row.amount(),
					row.currency(), Timestamp.from(row.closedAt()), row.externalId(), row.source().value(),
					Timestamp.from(now), Timestamp.from(now))
			.query((rs, i) -> new Written(rs.getObject(1, UUID.class), rs.getBoolean(2)))
			.single();
	}

	public Optional<Deal> find(UUID workspaceId, UUID id) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM deals WHERE workspace_id = ? AND id = ?")
			.params(workspaceId, id)
			.query(DealRepository::deal)
			.optional();
	}

	/**
	 * Newest closed first (closed_at, then id, descending), after the position given
	 * (null for the first page), at most {@code limit}.
	 */
	public List<Deal> page(UUID workspaceId, Instant afterAt, UUID afterId, int limit) {
		Timestamp at = afterAt == null ? null : Timestamp.from(afterAt);
		return jdbc.sql("SELECT " + COLUMNS + """
				 FROM deals WHERE workspace_id = ?
				AND (?::timestamptz IS NULL OR (closed_at, id) < (?::timestamptz, ?::uuid))
				ORDER BY closed_at DESC, id DESC LIMIT ?""")
			.params(workspaceId, at, at, afterId, limit)
			.query(DealRepository::deal)
			.list();
	}

	/**
	 * Deals closed in [{@code from}, {@code to}), newest first, after the position given
	 * (null for the first batch), at most {@code limit}: the attribution reads a period
	 * in batches.
	 */
	public List<Closed> closed(UUID workspaceId, Instant from, Instant to, Instant afterAt, UUID afterId, int limit) {
		Timestamp at = afterAt == null ? null : Timestamp.from(afterAt);
		return jdbc.sql("""
				SELECT id, contact_id, amount, currency, closed_at FROM deals
				WHERE workspace_id = ? AND closed_at >= ? AND closed_at < ?
				AND (?::timestamptz IS NULL OR (closed_at, id) < (?::timestamptz, ?::uuid))
				ORDER BY closed_at DESC, id DESC LIMIT ?""")
			.params(workspaceId, Timestamp.from(from), Timestamp.from(to), at, at, afterId, limit)
			.query((rs, i) -> new Closed(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getBigDecimal(3),
					rs.getString(4), rs.getTimestamp(5).toInstant()))
			.list();
	}

	public boolean delete(UUID workspaceId, UUID id) {
		return jdbc.sql("DELETE FROM deals WHERE workspace_id = ? AND id = ?").params(workspaceId, id).update() > 0;
	}

	/** A contact's deals, oldest closed first (GDPR export). */
	public List<Deal> ofContact(UUID workspaceId, UUID contactId) {
		return jdbc
			.sql("SELECT " + COLUMNS + " FROM deals WHERE workspace_id = ? AND contact_id = ? ORDER BY closed_at, id")
			.params(workspaceId, contactId)
			.query(DealRepository::deal)
			.list();
	}

	/**
	 * Anonymises a contact's deals (GDPR erasure): the address and the name go, the
	 * amount stays in the workspace's revenue (unattributed from then on).
	 */
	public int anonymise(UUID workspaceId, UUID contactId) {
		return jdbc.sql("""
				UPDATE deals SET contact_id = NULL, email = 'erased@invalid', name = ''
				WHERE workspace_id = ? AND contact_id = ?""").params(workspaceId, contactId).update();
	}

	private static Deal deal(ResultSet rs, int row) throws SQLException {
		return new Deal(rs.getObject("id", UUID.class), rs.getObject("contact_id", UUID.class), rs.getString("email"),
				rs.getString("name"), rs.getBigDecimal("amount"), rs.getString("currency"),
				rs.getTimestamp("closed_at").toInstant(), rs.getString("external_id"),
				DealSource.of(rs.getString("source")), rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("updated_at").toInstant());
	}

}
