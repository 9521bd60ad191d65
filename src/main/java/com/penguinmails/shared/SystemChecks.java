package com.penguinmails.shared;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.penguinmails.shared.SystemCheck.Result;

/**
 * The common judgements of {@link SystemCheck}s that features contribute, so every queue
 * and every count of broken things reads and grades alike on the status page.
 */
public final class SystemChecks {

	/** The oldest due item of a queue waiting longer than this is a warning. */
	public static final Duration QUEUE_WARN_AFTER = Duration.ofMinutes(15);

	/** ... and longer than this, failing. */
	public static final Duration QUEUE_FAIL_AFTER = Duration.ofHours(1);

	private SystemChecks() {
	}

	/**
	 * A queue: ok while nothing due has waited over 15 minutes, warning up to an hour,
	 * failing beyond.
	 * @param due items due now and not yet taken
	 * @param oldestDue when the oldest of them became due, or null when none is
	 * @param now the instant of the reading
	 * @param one the item's name, e.g. "message"
	 * @param many its plural, e.g. "messages"
	 * @param whatToDo what to do when the queue lags
	 * @param extra further figures (e.g. held items), added after due and age
	 */
	public static Result queue(long due, Instant oldestDue, Instant now, String one, String many, String whatToDo,
			Map<String, Object> extra) {
		Duration age = oldestDue == null ? Duration.ZERO : Duration.between(oldestDue, now);
		Map<String, Object> figures = new LinkedHashMap<>();
		figures.put("due", due);
		if (oldestDue != null) {
			figures.put("oldest_due_at", oldestDue.toString());
			figures.put("oldest_age_seconds", age.toSeconds());
		}
		figures.putAll(extra);
		if (due == 0) {
			return Result.ok("Nothing waiting past its time.", figures);
		}
		String summary = count(due, one, many) + " due, the oldest waiting " + duration(age) + ".";
		if (age.compareTo(QUEUE_FAIL_AFTER) > 0) {
			return Result.failing(summary, whatToDo, figures);
		}
		if (age.compareTo(QUEUE_WARN_AFTER) > 0) {
			return Result.warning(summary, whatToDo, figures);
		}
		return Result.ok(summary, figures);
	}

	/**
	 * Things found broken across the workspaces: ok when none, else a warning saying how
	 * many and in how many workspaces (their members fix them on their own pages).
	 * @param count how many are broken
	 * @param workspaces in how many workspaces
	 * @param one the thing's name, e.g. "domain"
	 * @param many its plural
	 * @param problem what is wrong with them, e.g. "failing DNS verification"
	 * @param whatToDo what to do
	 */
	public static Result broken(long count, long workspaces, String one, String many, String problem, String whatToDo) {
		Map<String, Object> figures = new LinkedHashMap<>();
		figures.put("count", count);
		figures.put("workspaces", workspaces);
		if (count == 0) {
			return Result.ok("No " + many + " " + problem + ".", figures);
		}
		return Result.warning(
				count(count, one, many) + " " + problem + ", in " + count(workspaces, "workspace", "workspaces") + ".",
				whatToDo, figures);
	}

	/** "1 mailbox", "3 mailboxes". */
	public static String count(long n, String one, String many) {
		return n + " " + (n == 1 ? one : many);
	}

	/** A duration as people say it: "45 s", "12 min", "3 h 5 min", "2 days". */
	public static String duration(Duration duration) {
		long seconds = Math.max(0, duration.toSeconds());
		if (seconds < 90) {
			return seconds + " s";
		}
		if (seconds < 90 * 60) {
			return Math.round(seconds / 60.0) + " min";
		}
		if (seconds < 48 * 3600) {
			long hours = seconds / 3600;
			long minutes = (seconds % 3600) / 60;
			return hours + " h" + (minutes == 0 ? "" : " " + minutes + " min");
		}
		return seconds / 86_400 + " days";
	}

}
