package com.penguinmails.crm.internal;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.penguinmails.crm.HubSpotSync;

/**
 * Runs the scheduled HubSpot imports that are due, every five minutes (off with
 * {@code penguinmails.crm.scheduler-enabled=false}). Each import claims its connection
 * with a lease, so two nodes never import one workspace at once.
 */
@Component
@ConditionalOnProperty(name = "penguinmails.crm.scheduler-enabled", havingValue = "true", matchIfMissing = true)
class CrmScheduler {

	private final HubSpotSync hubspot;

	CrmScheduler(HubSpotSync hubspot) {
		this.hubspot = hubspot;
	}

	@Scheduled(initialDelayString = "PT2M", fixedDelayString = "PT5M")
	void importDue() {
		hubspot.importDue();
	}

}
