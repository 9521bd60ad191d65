package com.penguinmails.shared;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One page of a list in the API. {@code nextCursor} is opaque to clients: pass it back as
 * {@code ?cursor=} for the next page; it is null on the last page.
 */
public record CursorPage<T>(List<T> data, String nextCursor) {

	public static <T> CursorPage<T> of(List<T> data) {
		return new CursorPage<>(data, null);
	}

	/**
	 * A position in a list ordered by (time, id) descending: the last row a page showed.
	 * Its text form is {@code <instant>_<uuid>}.
	 */
	public record Position(Instant at, UUID id) {

		/**
		 * The position a cursor names; null for the first page; a problem for a bad
		 * cursor.
		 */
		public static Position parse(String cursor) {
			if (cursor == null || cursor.isBlank()) {
				return null;
			}
			try {
				String[] parts = cursor.split("_", 2);
				return new Position(Instant.parse(parts[0]), UUID.fromString(parts[1]));
			}
			catch (RuntimeException ex) {
				throw new InvalidInputProblem("invalid-cursor", "The cursor is not valid.");
			}
		}

		@Override
		public String toString() {
			return at + "_" + id;
		}

	}

	/** Checks a page size between 1 and {@code max}. */
	public static int limit(int limit, int max) {
		if (limit < 1 || limit > max) {
			throw new InvalidInputProblem("invalid-limit", "limit must be between 1 and " + max + ".");
		}
		return limit;
	}

	/**
	 * The page of {@code rows} (fetched with one extra row) and the cursor of the next
	 * one.
	 */
	public static <T> CursorPage<T> of(List<T> rows, int limit, java.util.function.Function<T, Position> position) {
		if (rows.size() > limit) {
			return new CursorPage<>(List.copyOf(rows.subList(0, limit)),
					position.apply(rows.get(limit - 1)).toString());
		}
		return of(rows);
	}

}
