package com.penguinmails.analytics.internal.deals;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.penguinmails.analytics.Deal;
import com.penguinmails.shared.PersonalData;

/**
 * A contact's deals, for GDPR requests: the export lists them; erasure removes the
 * address and the deal's name and unlinks the contact, and keeps the amount in the
 * workspace's revenue (unattributed from then on).
 */
@Component
class DealsPersonalData implements PersonalData {

	private final DealRepository deals;

	DealsPersonalData(DealRepository deals) {
		this.deals = deals;
	}

	@Override
	public String section() {
		return "deals";
	}

	@Override
	public Map<String, Object> export(UUID workspaceId, UUID contactId) {
		List<Deal> found = deals.ofContact(workspaceId, contactId);
		return found.isEmpty() ? Map.of() : Map.of("deals", found);
	}

	@Override
	public void erase(UUID workspaceId, UUID contactId) {
		deals.anonymise(workspaceId, contactId);
	}

}
