package com.penguinmails.crm.internal;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.penguinmails.crm.HubSpotSync;
import com.penguinmails.crm.SalesforceSync;

/**
 * Runs the scheduled HubSpot and Salesforce imports that are due, every five minutes (off
 * with {@code penguinmails.crm.scheduler-enabled=false}). Each import claims its
 * connection with a lease, so two nodes never import one workspace at once.
 */
@Component
@ConditionalOnProperty(name = "penguinmails.crm.scheduler-enabled", havingValue = "true", matchIfMissing = true)
class CrmScheduler {

	private final HubSpotSync hubspot;

	private final SalesforceSync salesforce;

	CrmScheduler(HubSpotSync hubspot, SalesforceSync salesforce) {
		this.hubspot = hubspot;
		this.salesforce = salesforce;
	}

	@Scheduled(initialDelayString = "PT2M", fixedDelayString = "PT5M")
	void importDue() {
		hubspot.importDue();
		salesforce.importDue();
	}

}
