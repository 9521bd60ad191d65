package com.penguinmails.tracking;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;

import com.penguinmails.tracking.internal.TrackingStatsQueries;

/**
 * A campaign's opens and clicks as figures, for analytics: people's and machines' apart,
 * per step and variant, per device, over time. Callers check the caller's access; every
 * query is confined to the given workspace.
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

	/** Opens and clicks from {@code start} to the next bucket's start. */
	public record Bucket(Instant start, long humanOpens, long machineOpens, long humanClicks) {
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

	/**
	 * Opens and clicks per bucket of time, oldest first; buckets are aligned on the Unix
	 * epoch (so a day's bucket starts at midnight UTC), and those with no event are left
	 * out.
	 * @param bucket whole seconds, at least one
	 * @throws IllegalArgumentException for a bucket of less than a second or not whole
	 */
	public List<Bucket> overTime(UUID workspaceId, UUID campaignId, Duration bucket) {
		if (bucket.getSeconds() < 1 || bucket.getNano() != 0) {
			throw new IllegalArgumentException("A bucket is a whole number of seconds, at least one");
		}
		return queries.overTime(workspaceId, campaignId, bucket);
	}

}
