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

	private final JdbcClient jdbc;

	private final ContactRepository contacts;

	ContactPageRepository(JdbcClient jdbc, ContactRepository contacts) {
		this.jdbc = jdbc;
		this.contacts = contacts;
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
	 */
	public List<Row> page(Compiled where, ContactOrder order, boolean descending, ContactCursor cursor, int limit,
			boolean few) {
		boolean backwards = cursor != null && cursor.backwards();
		boolean ascendingScan = descending == backwards;
		String op = ascendingScan ? ">" : "<";
		String direction = ascendingScan ? " ASC" : " DESC";
		List<Object> params = new ArrayList<>(where.params());
		StringBuilder sql = new StringBuilder(few ? "WITH matching AS MATERIALIZED (SELECT c.* FROM contacts c WHERE "
				: "SELECT c.*, (" + order.expression() + ")::text AS sort_value FROM contacts c WHERE ")
			.append(where.sql());
		if (cursor != null) {
			sql.append(" AND ").append(keyset(order, op, backwards, cursor, params));
		}
		if (few) {
			sql.append(") SELECT c.*, (").append(order.expression()).append(")::text AS sort_value FROM matching c");
		}
		sql.append(" ORDER BY ").append(order.expression()).append(direction);
		if (order.nullable()) {
			// Contacts without a value come last in the sort's order (first when read
			// backwards).
			sql.append(backwards ? " NULLS FIRST" : " NULLS LAST");
		}
		sql.append(", c.id").append(direction).append(" LIMIT ?");
		params.add(limit);
		return jdbc.sql(sql.toString())
			.params(params)
			.query((rs, i) -> new Row(contacts.read(rs), rs.getString("sort_value")))
			.list();
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
