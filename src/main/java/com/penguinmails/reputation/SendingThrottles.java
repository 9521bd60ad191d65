package com.penguinmails.reputation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;

import com.penguinmails.reputation.internal.throttle.ThrottleEngine;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;

/**
 * The throttling of sending paths (one mailbox to one recipient provider) as people see
 * and override it: the paths in force, the decisions with their evidence, and the three
 * overrides (resume now, keep suspended until a time, a custom rate). Reads need
 * {@code reputation:read} (viewers), overrides {@code reputation:write} (members).
 */
@Service
public class SendingThrottles {

	/** The longest a person may keep a path suspended or set at a custom rate. */
	public static final Duration MAX_HOLD = Duration.ofDays(30);

	/**
	 * A path that is limited now, or changed lately.
	 *
	 * @param path the recipient side: a provider's value, or another receiver's domain
	 * @param perHour the most messages an hour (0 while suspended)
	 * @param minGapSeconds the least time between two messages, seconds
	 * @param suspendedUntil when the suspension ends, or null
	 * @param reviewAt when the next recovery step is considered, or null
	 * @param manual set by a person (signals do not change it)
	 * @param changedAt when its state last changed
	 */
	public record PathView(UUID mailboxId, String email, RecipientProvider provider, String path, PathState state,
			int perHour, int minGapSeconds, Instant suspendedUntil, Instant reviewAt, boolean manual,
			Instant changedAt) {
	}

	/**
	 * A decision with its evidence.
	 *
	 * @param senderDomain the domain of the mailbox's address
	 * @param signals provider signals counted for it in the window
	 * @param windowSeconds the window they were counted in, seconds
	 * @param evidence the receivers' replies, latest first
	 * @param decidedBy the user who overrode, or null when automatic
	 */
	public record Decision(UUID id, UUID mailboxId, String senderDomain, RecipientProvider provider, String path,
			ThrottleAction action, PathState state, int perHour, int minGapSeconds, Instant suspendedUntil,
			String reason, int signals, long windowSeconds, List<String> evidence, UUID decidedBy, Instant decidedAt) {
	}

	/**
	 * An override of a path.
	 *
	 * @param action {@code resume}, {@code keep_suspended} or {@code custom_rate}
	 * @param until for keep_suspended: when the suspension ends (within 30 days)
	 * @param perHour for custom_rate: messages an hour, 1–10000
	 * @param minGapSeconds for custom_rate: seconds between messages, 0–86400 (0 if null)
	 */
	public record Override(String action, Instant until, Integer perHour, Integer minGapSeconds) {
	}

	private final ThrottleEngine engine;

	private final Clock clock;

	SendingThrottles(ThrottleEngine engine, Clock clock) {
		this.engine = engine;
		this.clock = clock;
	}

	/** The workspace's limited paths, and the ones changed in the last 7 days. */
	public List<PathView> paths(Tenant tenant) {
		tenant.require(WorkspaceRole.VIEWER, "reputation:read");
		return engine.paths(tenant.workspaceId(), clock.instant().minus(Duration.ofDays(7)));
	}

	/** The workspace's latest decisions (at most {@code max}, 1–500), newest first. */
	public List<Decision> decisions(Tenant tenant, int max) {
		tenant.require(WorkspaceRole.VIEWER, "reputation:read");
		if (max < 1 || max > 500) {
			throw new InvalidInputProblem("invalid-limit", "limit must be between 1 and 500");
		}
		return engine.decisions(tenant.workspaceId(), max);
	}

	/**
	 * Overrides the path from {@code mailboxId} to {@code path}; the decision is stored,
	 * published and returned.
	 * @throws InvalidInputProblem for an unknown action or values out of range
	 * @throws com.penguinmails.shared.NotFoundProblem for a mailbox not in the workspace
	 */
	public Decision override(Tenant tenant, UUID mailboxId, String path, Override override) {
		tenant.require(WorkspaceRole.MEMBER, "reputation:write");
		Instant now = clock.instant();
		ThrottleAction action = action(override.action());
		// RFC 1035 §2.3.4: a domain name is at most 253 characters of letters, digits,
		// hyphens and dots (an IDN as its A-labels).
		if (path == null || path.length() > 253
				|| !path.strip().toLowerCase(java.util.Locale.ROOT).matches("[a-z0-9.-]+")) {
			throw new InvalidInputProblem("invalid-path", "path must be a provider or a recipient domain");
		}
		if (action == ThrottleAction.KEEP_SUSPENDED && (override.until() == null || !override.until().isAfter(now)
				|| override.until().isAfter(now.plus(MAX_HOLD)))) {
			throw new InvalidInputProblem("invalid-until", "until must be in the next 30 days");
		}
		if (action == ThrottleAction.CUSTOM_RATE && (override.perHour() == null || override.perHour() < 1
				|| override.perHour() > 10000 || override.minGapSeconds() != null
						&& (override.minGapSeconds() < 0 || override.minGapSeconds() > 86400))) {
			throw new InvalidInputProblem("invalid-rate",
					"perHour must be 1–10000 and minGapSeconds 0–86400 for a custom rate");
		}
		return engine.override(tenant.workspaceId(), tenant.userId(), mailboxId, path.strip(), action, override, now);
	}

	private static ThrottleAction action(String value) {
		for (ThrottleAction action : ThrottleAction.values()) {
			if (action.manual() && action.value().equals(value)) {
				return action;
			}
		}
		throw new InvalidInputProblem("invalid-action", "action must be resume, keep_suspended or custom_rate");
	}

}
