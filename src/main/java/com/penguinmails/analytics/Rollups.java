package com.penguinmails.analytics;

import java.time.Instant;

import org.springframework.stereotype.Service;

import com.penguinmails.analytics.internal.rollup.RollupStore;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;

/**
 * The workspace's analytics rollups: their state, and a rebuild from the raw events
 * (after a change of the workspace's time zone, or to repair them). Idempotent: a rebuild
 * recounts, never adds.
 */
@Service
public class Rollups {

	/**
	 * @param pendingHours hours waiting for a recount (0: the figures are up to date)
	 * @param zone the time zone of the daily figures
	 * @param rebuiltAt the last rebuild, or null
	 */
	public record State(long pendingHours, String zone, Instant rebuiltAt) {
	}

	private final RollupStore store;

	Rollups(RollupStore store) {
		this.store = store;
	}

	/** The state; viewers may read it. */
	public State state(Tenant tenant) {
		WorkspaceAnalytics.requireReader(tenant);
		return new State(store.pending(tenant.workspaceId()), store.rollupZone(tenant.workspaceId()).getId(),
				store.rebuiltAt(tenant.workspaceId()));
	}

	/** Marks every hour for a recount (admins, {@code analytics:write}). */
	public State rebuild(Tenant tenant) {
		tenant.require(WorkspaceRole.ADMIN, "analytics:write");
		store.markAll(tenant.workspaceId());
		return state(tenant);
	}

}
