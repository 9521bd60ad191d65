package com.penguinmails.tracking;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;

import com.penguinmails.tracking.internal.CampaignEngagementQueries;

/**
 * A campaign's opens and clicks by person (enrolment: one contact in one campaign) for
 * its figures and who-did-what lists, and per bucket of time with machines' clicks too.
 * "Human" leaves out every event flagged as a machine's (mail proxies, scanners, link
 * scans, prefetches). Callers check the caller's access; every query is confined to the
 * workspace.
 */
@Service
public class CampaignEngagement {

	/** People with at least one open or click: every one ({@code all}) and people's. */
	public record People(long openedAll, long openedHuman, long clickedAll, long clickedHuman) {
	}

	/** Opens and clicks from {@code start} to the next bucket's start. */
	public record Bucket(Instant start, long humanOpens, long machineOpens, long humanClicks, long machineClicks) {
	}

	/**
	 * A person's first open or click.
	 *
	 * @param detail the clicked URL, or the client that opened (may be null)
	 * @param machine whether that event was a machine's
	 */
	public record First(UUID enrolmentId, UUID outboxId, Instant at, String detail, boolean machine) {
	}

	private final CampaignEngagementQueries queries;

	CampaignEngagement(CampaignEngagementQueries queries) {
		this.queries = queries;
	}

	/** People who opened and clicked; one aggregate query. */
	public People people(UUID workspaceId, UUID campaignId) {
		return queries.people(workspaceId, campaignId);
	}

	/**
	 * Opens and clicks per bucket (aligned on the Unix epoch, so a day's bucket starts at
	 * midnight UTC), oldest first; empty buckets are left out.
	 * @param bucket whole seconds, at least one
	 * @throws IllegalArgumentException for a bucket of less than a second or not whole
	 */
	public List<Bucket> overTime(UUID workspaceId, UUID campaignId, Duration bucket) {
		if (bucket.getSeconds() < 1 || bucket.getNano() != 0) {
			throw new IllegalArgumentException("A bucket is a whole number of seconds, at least one");
		}
		return queries.overTime(workspaceId, campaignId, bucket);
	}

	/**
	 * Each person's first open ({@code click} false) or click, people's only when
	 * {@code human}, in the order of ({@code at}, enrolment id) after the given key.
	 * @param afterAt with {@code afterEnrolment}: the previous page's last row, or both
	 * null
	 */
	public List<First> first(UUID workspaceId, UUID campaignId, boolean click, boolean human, Instant afterAt,
			UUID afterEnrolment, int limit) {
		return queries.first(workspaceId, campaignId, click, human, afterAt, afterEnrolment, limit);
	}

}
