package com.penguinmails.crm.internal;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.penguinmails.crm.HubSpotPush;
import com.penguinmails.crm.SalesforcePush;

/**
 * Sends the CRM push queue every {@code penguinmails.crm.push-every} (default 5 s; off
 * with {@code penguinmails.crm.push-enabled=false}). Pushes are claimed with
 * {@code FOR UPDATE SKIP LOCKED}, so every node may run it.
 */
@Component
@ConditionalOnProperty(name = "penguinmails.crm.push-enabled", havingValue = "true", matchIfMissing = true)
class PushWorker {

	private final HubSpotPush hubspot;

	private final SalesforcePush salesforce;

	PushWorker(HubSpotPush hubspot, SalesforcePush salesforce) {
		this.hubspot = hubspot;
		this.salesforce = salesforce;
	}

	@Scheduled(initialDelayString = "PT10S", fixedDelayString = "${penguinmails.crm.push-every:PT5S}")
	void pushDue() {
		hubspot.pushDue();
		salesforce.pushDue();
	}

}
