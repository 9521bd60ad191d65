package com.penguinmails.domains;

import java.time.Instant;
import java.util.List;

/**
 * The records as several public resolvers see them right now: one row per record, one
 * cell per resolver, with the TTL left on what it has cached.
 */
public record Propagation(List<String> resolvers, List<Row> rows, Instant checkedAt) {

	public record Row(String purpose, String type, String host, String expected, List<Cell> cells) {

		/** The purpose as people name it (SPF, DKIM...). */
		public String purposeLabel() {
			return RecordCheck.purposeLabel(purpose);
		}

		public long propagated() {
			return cells.stream().filter(c -> "ok".equals(c.status())).count();
		}

	}

	/**
	 * @param status ok (the expected value), different (something else), missing, or
	 * unknown (no answer in time)
	 * @param ttl seconds left before the resolver asks again, when it answered with
	 * records
	 */
	public record Cell(String resolver, String status, List<String> observed, Long ttl) {

		/** The status in words for a page. */
		public String statusLabel() {
			return switch (status) {
				case "ok" -> "up to date";
				case "different" -> "old value";
				case "missing" -> "not there yet";
				default -> "no answer";
			};
		}

	}

	public boolean complete() {
		return rows.stream().allMatch(r -> r.propagated() == r.cells().size());
	}

}
