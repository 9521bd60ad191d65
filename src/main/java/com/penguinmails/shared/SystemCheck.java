package com.penguinmails.shared;

import java.util.Map;

/**
 * One check of the installation's health, as the system status page and
 * {@code GET /api/v1/system/status} show it: a feature contributes a bean of this type
 * (backups fresh, certificates far from expiry, port 25 reachable, ...) and the status
 * page runs every such bean. A check reads the whole installation, not one workspace;
 * only installation admins see its result.
 */
public interface SystemCheck {

	/** A stable machine name, dotted, e.g. {@code backups.fresh}. */
	String key();

	/** What it checks, for people, e.g. "Backups are fresh". */
	String title();

	/**
	 * Runs the check now. Never throws: a check that cannot tell says
	 * {@link Status#UNKNOWN} with why.
	 */
	Result run();

	/** How a check came out, worst last. */
	enum Status {

		/** All is well. */
		OK,
		/** Works, but needs attention soon (a certificate expiring in 10 days). */
		WARNING,
		/** Broken now: what to do says how to fix it. */
		FAILING,
		/** Could not be told (the check itself failed, or nothing to check yet). */
		UNKNOWN;

		/** The lower-case name used in JSON ({@code ok}, {@code warning}, ...). */
		public String value() {
			return name().toLowerCase();
		}

	}

	/**
	 * What one run found.
	 *
	 * @param status how it came out
	 * @param summary one sentence for people, e.g. "Last backup 3 hours ago, verified"
	 * @param whatToDo what to do about it when not {@link Status#OK}; empty when OK
	 * @param figures the measured values behind the summary, by name (numbers, strings or
	 * instants in ISO-8601), e.g. {@code {"age_hours": 3}}
	 */
	record Result(Status status, String summary, String whatToDo, Map<String, Object> figures) {

		/** All is well. */
		public static Result ok(String summary, Map<String, Object> figures) {
			return new Result(Status.OK, summary, "", figures);
		}

		/** Needs attention soon. */
		public static Result warning(String summary, String whatToDo, Map<String, Object> figures) {
			return new Result(Status.WARNING, summary, whatToDo, figures);
		}

		/** Broken now. */
		public static Result failing(String summary, String whatToDo, Map<String, Object> figures) {
			return new Result(Status.FAILING, summary, whatToDo, figures);
		}

		/** Could not be told. */
		public static Result unknown(String summary, String whatToDo) {
			return new Result(Status.UNKNOWN, summary, whatToDo, Map.of());
		}

	}

}
