package com.penguinmails.reputation;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * One listing of a domain or sending IP on one blocklist, from the check that first saw
 * it to the check that saw it clean (history kept since the timeline landed).
 *
 * @param target the domain or IP address listed
 * @param zone the blocklist's DNS zone
 * @param name the blocklist's name
 * @param code the A record the list answered, e.g. {@code 127.0.0.2}, or null
 * @param meaning what the list says the code means, or null
 * @param delistUrl the list's removal page, or null when the list has none
 * @param listedAt the first check that found it listed
 * @param lastSeenAt the last check that found it listed
 * @param clearedAt the check that found it clean again, or null while listed
 * @param done the delisting checklist's steps done
 */
public record BlocklistListing(UUID id, UUID domainId, String domain, String target, String zone, String name,
		String code, String meaning, String delistUrl, Instant listedAt, Instant lastSeenAt, Instant clearedAt,
		Set<ChecklistStep> done) {

	/**
	 * Whether the list still lists the target (as of the last check); JSON {@code open}.
	 */
	@com.fasterxml.jackson.annotation.JsonProperty("open")
	public boolean open() {
		return clearedAt == null;
	}

	/** The checklist in order, each step with whether it is done. */
	public List<Step> checklist() {
		return java.util.Arrays.stream(ChecklistStep.values()).map(s -> new Step(s, done.contains(s))).toList();
	}

	/** One step of the checklist. */
	public record Step(ChecklistStep step, boolean done) {
	}

}
