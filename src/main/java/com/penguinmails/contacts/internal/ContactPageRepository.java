package com.penguinmails.contacts.internal;

import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.contacts.Contact;
import com.penguinmails.contacts.internal.SegmentCompiler.Compiled;

/**
 * Keyset pages of the contacts a {@link ContactWhere} condition selects, in a
 * {@link ContactOrder} then by id: never OFFSET, so a deep page costs what the first does
 * when an index serves the order.
 */
@Repository
public class ContactPageRepository {

	/** A contact and its sort value as text (null when it has none). */
	public record Row(Contact contact, String sortValue) {
	}

	/**
	 * A page read together with how many contacts match.
	 *
	 * @param rows the page's rows
	 * @param matched how many contacts match the condition (without the cursor), counted
	 * up to the limit asked for
	 */
	public record Counted(List<Row> rows, long matched) {
	}

	private final JdbcClient jdbc;

	private final ContactRepository contacts;

	ContactPageRepository(JdbcClient jdbc, ContactRepository contacts) {
		this.jdbc = jdbc;
		this.contacts = contacts;
	}

	/**
	 * Plans this transaction's queries for their values (PostgreSQL's
	 * {@code plan_cache_mode}): a generic plan of a filter's statement, chosen after five
	 * runs, reads the tags index alone for "tag=vip and status=bounced" (100,000 rows
	 * rather than the 1,031 both indexes give). Needs a transaction; ends with it.
	 */
	public void planForValues() {
		jdbc.sql("SET LOCAL plan_cache_mode = force_custom_plan").update();
	}

	/**
	 * At most {@code limit} rows next to {@code cursor} (from the start when null): after
	 * it in the sort's order, or before it (then nearest first) for a backwards cursor.
	 * @param descending the sort's direction
	 * @param few true when at most a few thousand contacts match (a counted
	 * {@link com.penguinmails.contacts.ContactCount} under its limit): they are read
	 * first by the filter's own indexes (a MATERIALIZED CTE, so the trigram or tags index
	 * runs rather than a walk of the whole sort index checking every row), then sorted;
	 * false for a broad filter, where walking the sort's index stops after a few rows
	 * (or, for an order no index serves, every matching contact is sorted by id and key
	 * alone)
	 */
	public List<Row> page(Compiled where, ContactOrder order, boolean descending, ContactCursor cursor, int limit,
			boolean few) {
		boolean backwards = cursor != null && cursor.backwards();
		boolean ascendingScan = descending == backwards;
		String op = ascendingScan ? ">" : "<";
		// Contacts without a value come last in the sort's order (first when read
		// backwards).
		String direction = ascendingScan ? " ASC" : " DESC";
		String nulls = !order.nullable() ? "" : backwards ? " NULLS FIRST" : " NULLS LAST";
		List<Object> params = new ArrayList<>(where.params());
		StringBuilder matching = new StringBuilder(where.sql());
		if (cursor != null) {
			matching.append(" AND ").append(keyset(order, op, backwards, cursor, params));
		}
		String sql;
		if (few) {
			sql = "WITH matching AS MATERIALIZED (SELECT c.* FROM contacts c WHERE " + matching + ") SELECT c.*, ("
					+ order.expression() + ")::text AS sort_value FROM matching c ORDER BY " + order.expression()
					+ direction + nulls + ", c.id" + direction + " LIMIT ?";
		}
		else if (order.indexed()) {
			sql = "SELECT c.*, (" + order.expression() + ")::text AS sort_value FROM contacts c WHERE " + matching
					+ " ORDER BY " + order.expression() + direction + nulls + ", c.id" + direction + " LIMIT ?";
		}
		else {
			// No index serves the order, so every matching contact is sorted: the sort
			// keeps only ids and keys (a top-N heap of a few kB), and the page's rows are
			// read after, by id.
			sql = "WITH top AS (SELECT c.id, (" + order.expression() + ") AS sort_key FROM contacts c WHERE " + matching
					+ " ORDER BY sort_key" + direction + nulls + ", c.id" + direction
					+ " LIMIT ?) SELECT c.*, top.sort_key::text AS sort_value FROM top JOIN contacts c ON c.id = top.id"
					+ " ORDER BY top.sort_key" + direction + nulls + ", c.id" + direction;
		}
		params.add(limit);
		return jdbc.sql(sql)
			.params(params)
			.query((rs, i) -> new Row(contacts.read(rs), rs.getString("sort_value")))
			.list();
	}

	/**
	 * A page of a filter that may match few contacts, and how many it matches: one read
	 * of the filter's matches (by its own indexes, keeping id and sort key) for both,
	 * where counting first and then reading the page would read every match twice. When
	 * {@code matched} reaches {@code countLimit} the filter is broad and the rows are
	 * those of the first {@code countLimit} matches only: read the page again with
	 * {@link #page}.
	 * @param countLimit how many matches to count at most (and to sort the page from)
	 */
	public Counted firstMatches(Compiled where, ContactOrder order, boolean descending, ContactCursor cursor, int limit,
			long countLimit) {
		boolean backwards = cursor != null && cursor.backwards();
		boolean ascendingScan = descending == backwards;
		String direction = ascendingScan ? " ASC" : " DESC";
		String nulls = !order.nullable() ? "" : backwards ? " NULLS FIRST" : " NULLS LAST";
		List<Object> params = new ArrayList<>(where.params());
		params.add(countLimit);
		// The matches are kept as (id, sort key) only; the page's rows are read after, by
		// id.
		ContactOrder keyed = new ContactOrder("c.sort_key", order.type(), order.nullable(), order.indexed());
		String after = cursor == null ? "true" : keyset(keyed, ascendingScan ? ">" : "<", backwards, cursor, params);
		params.add(limit);
		String sorted = " ORDER BY sort_key" + direction + nulls + ", id" + direction;
		// The count comes on every row, and alone (a row without a contact) when the
		// page is empty.
		String sql = "WITH matching AS MATERIALIZED (SELECT c.id, (" + order.expression() + ") AS sort_key"
				+ " FROM contacts c WHERE " + where.sql() + " LIMIT ?), counted AS (SELECT count(*) AS matched FROM"
				+ " matching), page AS (SELECT c.id, c.sort_key FROM matching c WHERE " + after + sorted + " LIMIT ?)"
				+ " SELECT c.*, page.sort_key::text AS sort_value, counted.matched FROM counted LEFT JOIN page ON true"
				+ " LEFT JOIN contacts c ON c.id = page.id ORDER BY page.sort_key" + direction + nulls + ", page.id"
				+ direction;
		long[] matched = { 0 };
		List<Row> rows = new ArrayList<>();
		jdbc.sql(sql).params(params).query(rs -> {
			matched[0] = rs.getLong("matched");
			if (rs.getObject("id") != null) {
				rows.add(new Row(contacts.read(rs), rs.getString("sort_value")));
			}
		});
		return new Counted(rows, matched[0]);
	}

	private static String keyset(ContactOrder order, String op, boolean backwards, ContactCursor cursor,
			List<Object> params) {
		String e = order.expression();
		String value = "CAST(? AS " + order.type() + ")";
		if (!order.nullable()) {
			params.add(cursor.value());
			params.add(cursor.id());
			return "(" + e + ", c.id) " + op + " (" + value + ", ?::uuid)";
		}
		if (cursor.value() == null) {
			params.add(cursor.id());
			return backwards ? "(" + e + " IS NOT NULL OR c.id " + op + " ?::uuid)"
					: "(" + e + " IS NULL AND c.id " + op + " ?::uuid)";
		}
		params.add(cursor.value());
		params.add(cursor.value());
		params.add(cursor.id());
		String after = e + " " + op + " " + value + " OR (" + e + " = " + value + " AND c.id " + op + " ?::uuid)";
		return backwards ? "(" + after + ")" : "(" + after + " OR " + e + " IS NULL)";
	}

}
