package com.penguinmails.reputation;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.penguinmails.domains.BlocklistResult;
import com.penguinmails.domains.Domains;
import com.penguinmails.reputation.internal.timeline.ListingRepository;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;

/**
 * The blocklist delisting workflow: every listing of the workspace's domains and sending
 * IPs since the timeline landed (open ones first), each with the list's removal page, a
 * checklist (find the cause, fix it, request removal, wait, re-check) and a re-check on
 * demand through domains' own blocklist check.
 */
@Service
public class BlocklistDelisting {

	private final ListingRepository listings;

	private final Domains domains;

	private final Clock clock;

	BlocklistDelisting(ListingRepository listings, Domains domains, Clock clock) {
		this.listings = listings;
		this.domains = domains;
		this.clock = clock;
	}

	/** Every listing, open ones first, then the most recent (at most 500). */
	public List<BlocklistListing> listings(Tenant tenant) {
		tenant.require(WorkspaceRole.VIEWER, "reputation:read");
		return listings.listings(tenant.workspaceId());
	}

	/**
	 * @throws NotFoundProblem when the listing is not the workspace's
	 */
	public BlocklistListing get(Tenant tenant, UUID id) {
		tenant.require(WorkspaceRole.VIEWER, "reputation:read");
		return listings.find(tenant.workspaceId(), id).orElseThrow(() -> new NotFoundProblem("Listing"));
	}

	/** Marks a checklist step done (or not done again); members and up. */
	@Transactional
	public BlocklistListing step(Tenant tenant, UUID id, ChecklistStep step, boolean done) {
		tenant.require(WorkspaceRole.MEMBER, "reputation:write");
		get(tenant, id);
		listings.step(tenant.workspaceId(), id, step, done);
		return get(tenant, id);
	}

	/**
	 * Looks the listing's domain and its sending IPs up in every blocklist now (domains'
	 * check, which also needs the domains:write scope for an API key), records the
	 * answers in the history (closing the listing when the list answers clean) and ticks
	 * "Re-check". Members and up.
	 * @return the listing as it stands after the check
	 */
	@Transactional
	public BlocklistListing recheck(Tenant tenant, UUID id) {
		tenant.require(WorkspaceRole.MEMBER, "reputation:write");
		BlocklistListing listing = get(tenant, id);
		List<BlocklistResult> results = domains.checkBlocklists(tenant, listing.domainId());
		// The same answers come again through BlocklistsChecked: recording them again
		// changes nothing.
		listings.record(tenant.workspaceId(), listing.domainId(), listing.domain(), results, clock.instant());
		listings.step(tenant.workspaceId(), id, ChecklistStep.RECHECK, true);
		return get(tenant, id);
	}

	/**
	 * The workspace's last blocklist check, for an empty page to say what was looked at.
	 *
	 * @param at when the last check ran (UTC), or null when none ran since the history
	 * began
	 * @param lists how many blocklists (DNS zones) the domains' last answers came from
	 * @param targets how many domains and IPs they looked up
	 */
	public record LastCheck(Instant at, int lists, int targets) {
	}

	/** What the workspace's last blocklist checks asked (domains' last answers). */
	public LastCheck lastCheck(Tenant tenant) {
		tenant.require(WorkspaceRole.VIEWER, "reputation:read");
		java.util.Set<String> zones = new java.util.HashSet<>();
		java.util.Set<String> targets = new java.util.HashSet<>();
		Tenant system = Tenant.system(tenant.workspaceId());
		for (var domain : domains.list(system)) {
			for (BlocklistResult result : domains.lastBlocklists(system, domain.id())) {
				zones.add(result.zone());
				targets.add(result.target());
			}
		}
		return new LastCheck(listings.lastCheck(tenant.workspaceId()).orElse(null), zones.size(), targets.size());
	}

}
