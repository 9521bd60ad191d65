package com.penguinmails.shared;

import java.sql.Timestamp;
import java.time.Instant;

/**
 * Where the next page of a list ordered newest first (by time, then id descending)
 * starts, for lists merged from several sources (a contact's timeline): rows strictly
 * before {@code at}, and rows at exactly {@code at} only when {@code sameTime}, then only
 * those whose id is below {@code idBelow} (all of them when it is null). {@code at} null:
 * the first page.
 *
 * @param at the time of the last row shown, or null
 * @param sameTime whether rows at exactly {@code at} may still come
 * @param idBelow the id of the last row shown when it came from the same source (text of
 * a UUID or of a whole number), or null
 */
public record Keyset(Instant at, boolean sameTime, String idBelow) {

	/** The first page. */
	public static final Keyset FIRST = new Keyset(null, false, null);

	/**
	 * The SQL condition for a time column and a UUID id column; bind {@link #params()} in
	 * place of its question marks.
	 */
	public static String whereUuid(String timeColumn, String idColumn) {
		return where(timeColumn, idColumn, "uuid");
	}

	/** The SQL condition for a time column and a {@code BIGINT} id column. */
	public static String whereBigint(String timeColumn, String idColumn) {
		return where(timeColumn, idColumn, "bigint");
	}

	private static String where(String time, String id, String idType) {
		return "(?::timestamptz IS NULL OR " + time + " < ? OR (" + time + " = ? AND ? AND (?::" + idType
				+ " IS NULL OR " + id + " < ?::" + idType + ")))";
	}

	/** The six parameters of the condition, in order. */
	public Object[] params() {
		Timestamp time = at == null ? null : Timestamp.from(at);
		return new Object[] { time, time, time, sameTime, idBelow, idBelow };
	}

}
