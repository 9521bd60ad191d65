package com.penguinmails.secrets.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;

import com.penguinmails.shared.Secrets;

/**
 * Goes through every ciphertext of one registered column, in primary-key order, in
 * batches: counts how each stands against the configured keys and, when asked, re-wraps
 * those wrapped by an earlier key with the current one. Each re-wrap is its own
 * {@code UPDATE ... WHERE <key> AND <column> = <the ciphertext read>}, so a value another
 * node rewrote meanwhile is left alone (and counted), and the sweep can run while the
 * application serves, be stopped, and be run again: values already current are only
 * counted.
 */
public final class SecretsSweep {

	private final JdbcClient jdbc;

	private final Secrets secrets;

	/**
	 * @param jdbc the database holding the registered columns
	 * @param secrets the keys to count against and re-wrap with
	 */
	public SecretsSweep(JdbcClient jdbc, Secrets secrets) {
		this.jdbc = jdbc;
		this.secrets = secrets;
	}

	/**
	 * Sweeps one column.
	 * @param rewrap whether to re-wrap (else only count)
	 * @param batch rows read per query, at least 1
	 * @param limit at most this many rows looked at (a sample for the status check)
	 */
	public Counts sweep(SecretColumns.Column column, boolean rewrap, int batch, long limit) {
		Counts counts = new Counts(column.name());
		List<Object> after = null;
		while (counts.seen() < limit) {
			List<Row> rows = page(column, after, (int) Math.min(batch, limit - counts.seen()));
			for (Row row : rows) {
				visit(column, row, rewrap, counts);
			}
			if (rows.size() < batch) {
				return counts;
			}
			after = rows.get(rows.size() - 1).keys();
		}
		return counts;
	}

	private void visit(SecretColumns.Column column, Row row, boolean rewrap, Counts counts) {
		if (rewrap) {
			rewrap(column, row, counts);
			return;
		}
		Secrets.Wrapping wrapping = secrets.wrapping(row.ciphertext());
		if (wrapping == Secrets.Wrapping.CURRENT) {
			counts.current++;
		}
		else if (wrapping == Secrets.Wrapping.UNREADABLE) {
			counts.unreadable++;
		}
		else {
			counts.previous++;
		}
	}

	/**
	 * Re-wraps without asking first whether a key unwraps it: the re-wrap itself tells
	 * (one round trip to Vault per secret instead of two, none to decrypt when Vault's
	 * own {@code rewrap} moves it); {@link Secrets#rewrap} returns the same array when
	 * the current key wrapped it already.
	 */
	private void rewrap(SecretColumns.Column column, Row row, Counts counts) {
		byte[] rewrapped;
		try {
			rewrapped = secrets.rewrap(row.ciphertext());
		}
		catch (IllegalStateException ex) {
			counts.unreadable++;
			return;
		}
		if (rewrapped == row.ciphertext()) {
			counts.current++;
		}
		else if (update(column, row, rewrapped) == 1) {
			counts.rewrapped++;
		}
		else {
			counts.changedMeanwhile++;
		}
	}

	private List<Row> page(SecretColumns.Column column, List<Object> after, int size) {
		String keys = String.join(", ", column.keys());
		String placeholders = column.keys().stream().map(key -> "?").collect(Collectors.joining(", "));
		// Names come from the registry only, never from input.
		String sql = "SELECT " + keys + ", " + column.column() + " FROM " + column.table() + " WHERE " + column.column()
				+ " IS NOT NULL" + (after == null ? "" : " AND (" + keys + ") > (" + placeholders + ")") + " ORDER BY "
				+ keys + " LIMIT " + size;
		int width = column.keys().size();
		return jdbc.sql(sql).params(after == null ? List.of() : after).query((rs, n) -> {
			List<Object> key = new ArrayList<>(width);
			for (int i = 1; i <= width; i++) {
				key.add(rs.getObject(i));
			}
			return new Row(key, rs.getBytes(width + 1));
		}).list();
	}

	private int update(SecretColumns.Column column, Row row, byte[] rewrapped) {
		String where = column.keys().stream().map(key -> key + " = ?").collect(Collectors.joining(" AND "));
		List<Object> params = new ArrayList<>();
		params.add(rewrapped);
		params.addAll(row.keys());
		params.add(row.ciphertext());
		return jdbc
			.sql("UPDATE " + column.table() + " SET " + column.column() + " = ? WHERE " + where + " AND "
					+ column.column() + " = ?")
			.params(params)
			.update();
	}

	/** Whether the first ciphertext of the column decrypts its data key for real. */
	public boolean firstUnwraps(SecretColumns.Column column) {
		List<Row> first = page(column, null, 1);
		return first.isEmpty() || secrets.unwraps(first.get(0).ciphertext());
	}

	private record Row(List<Object> keys, byte[] ciphertext) {
	}

	/** What a sweep of one column found (and did). */
	public static final class Counts {

		private final String column;

		long current;

		long previous;

		long rewrapped;

		long unreadable;

		long changedMeanwhile;

		Counts(String column) {
			this.column = column;
		}

		/** {@code table.column}. */
		public String column() {
			return column;
		}

		/** Already wrapped by the current key. */
		public long current() {
			return current;
		}

		/** Wrapped by an earlier key (counted without re-wrapping). */
		public long previous() {
			return previous;
		}

		/** Re-wrapped by this sweep. */
		public long rewrapped() {
			return rewrapped;
		}

		/** Wrapped by no configured key. */
		public long unreadable() {
			return unreadable;
		}

		/** Rewritten by someone else between the read and the update: left alone. */
		public long changedMeanwhile() {
			return changedMeanwhile;
		}

		long seen() {
			return current + previous + rewrapped + unreadable + changedMeanwhile;
		}

	}

}
