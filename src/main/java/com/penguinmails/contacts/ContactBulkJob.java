package com.penguinmails.contacts;

import java.text.NumberFormat;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A bulk action's job as the API and the progress page show it.
 *
 * @param action what it does
 * @param value the tag, list id, campaign id or status value ("" for export and delete)
 * @param valueLabel the value in words: the tag, the list's or campaign's name, the
 * status's label
 * @param scope {@code selected} (the ids given) or {@code filter} (every contact matching
 * {@code filter} as the walk reaches it)
 * @param filter the filter of scope {@code filter}, else null
 * @param selection the selection in words ("3 selected contacts", "contacts matching
 * tag=lead")
 * @param total how many contacts the selection had when the job was created
 * @param done contacts the action was applied to (or exported, or deleted)
 * @param skipped contacts it did not change (already tagged, already enrolled,
 * suppressed)
 * @param failed contacts it could not be applied to
 * @param error why the job failed, or null
 * @param downloadable whether an export's CSV can be downloaded
 */
public record ContactBulkJob(UUID id, BulkAction action, String value, String valueLabel, String scope,
		ContactFilter filter, String selection, long total, long done, long skipped, long failed, BulkJobStatus status,
		String error, boolean downloadable, Instant createdAt, Instant startedAt, Instant finishedAt) {

	/** Contacts handled so far (applied, skipped or failed). */
	public long processed() {
		return done + skipped + failed;
	}

	/** Percent handled, 0 to 100 (100 once the job is over). */
	public int percent() {
		if (!status.open()) {
			return 100;
		}
		return total == 0 ? 0 : (int) Math.min(100, processed() * 100 / total);
	}

	/** The progress in words: "Tagging 12,000 of 48,210 contacts…", or what was done. */
	@JsonIgnore
	public String progressText() {
		String what = action.doing() + (valueLabel.isEmpty() ? "" : " “" + valueLabel + "”");
		return switch (status) {
			case QUEUED -> what + ": waiting to start (" + number(total) + " contacts)…";
			case RUNNING -> what + ": " + number(processed()) + " of " + number(total) + " contacts…";
			default -> number(done) + " " + action.done() + (skipped > 0 ? ", " + number(skipped) + " skipped" : "")
					+ (failed > 0 ? ", " + number(failed) + " failed" : "") + ".";
		};
	}

	/** The query string of the contacts page showing the job's filter ("" for all). */
	@JsonIgnore
	public String filterQuery() {
		return filterQuery(filter);
	}

	/** The query string of the contacts page showing {@code filter} ("" for none). */
	public static String filterQuery(ContactFilter filter) {
		if (filter == null) {
			return "";
		}
		StringBuilder query = new StringBuilder();
		List<String[]> parts = List.of(new String[] { "q", filter.q() },
				new String[] { "list", filter.listId() == null ? null : filter.listId().toString() },
				new String[] { "tag", filter.tag() },
				new String[] { "status", filter.status() == null ? null : filter.status().value() },
				new String[] { "segment", filter.segmentId() == null ? null : filter.segmentId().toString() });
		for (String[] part : parts) {
			if (part[1] != null && !part[1].isBlank()) {
				query.append(query.isEmpty() ? "?" : "&")
					.append(part[0])
					.append('=')
					.append(java.net.URLEncoder.encode(part[1], java.nio.charset.StandardCharsets.UTF_8));
			}
		}
		return query.toString();
	}

	static String number(long value) {
		return NumberFormat.getIntegerInstance(Locale.ENGLISH).format(value);
	}

}
