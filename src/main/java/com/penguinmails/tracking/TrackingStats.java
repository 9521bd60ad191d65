package com.penguinmails.tracking;

import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;

import com.penguinmails.tracking.internal.TrackingStatsQueries;

/**
 * A campaign's opens and clicks as figures, for analytics: people's and machines' apart,
 * per step and variant and per device (over time: {@link CampaignEngagement#overTime}).
 * Callers check the caller's access; every query is confined to the given workspace.
 */
@Service
public class TrackingStats {

	/**
	 * One step and variant's opens and clicks: every event ({@code total}), people's
	 * ({@code human}), and messages with at least one ({@code unique}).
	 */
	public record Counts(int step, int variant, long opensTotal, long opensHuman, long uniqueOpens,
			long uniqueHumanOpens, long clicksTotal, long clicksHuman, long uniqueClicks, long uniqueHumanClicks) {
	}

	/**
	 * People's opens and clicks from one kind of device, client and operating system
	 * ({@code Unknown} where the User-Agent was not analysed).
	 */
	public record Breakdown(String deviceClass, String client, String os, long opens, long clicks) {
	}

	private final TrackingStatsQueries queries;

	TrackingStats(TrackingStatsQueries queries) {
		this.queries = queries;
	}

	/** Per step and variant, in that order; only those with an event. */
	public List<Counts> counts(UUID workspaceId, UUID campaignId) {
		return queries.counts(workspaceId, campaignId);
	}

	/** People's opens and clicks by device, client and system: the 20 most frequent. */
	public List<Breakdown> devices(UUID workspaceId, UUID campaignId) {
		return queries.devices(workspaceId, campaignId);
	}

}
