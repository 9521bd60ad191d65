package com.penguinmails.reputation.internal.timeline;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import com.penguinmails.domains.BlocklistsChecked;

/** Keeps the history of blocklist listings from every check domains makes. */
@Component
class BlocklistHistory {

	private final ListingRepository listings;

	BlocklistHistory(ListingRepository listings) {
		this.listings = listings;
	}

	@ApplicationModuleListener
	void on(BlocklistsChecked checked) {
		listings.record(checked.workspaceId(), checked.domainId(), checked.domain(), checked.results(),
				checked.checkedAt());
	}

}
