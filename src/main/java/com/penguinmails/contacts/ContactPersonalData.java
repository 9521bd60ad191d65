package com.penguinmails.contacts;

import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.penguinmails.shared.PersonalData;

/** The contact itself, its lists and suppression entries, for GDPR requests. */
@Component
class ContactPersonalData implements PersonalData {

	private final Contacts contacts;

	ContactPersonalData(Contacts contacts) {
		this.contacts = contacts;
	}

	@Override
	public String section() {
		return "contacts";
	}

	@Override
	public Map<String, Object> export(UUID workspaceId, UUID contactId) {
		return contacts.export(workspaceId, contactId);
	}

	@Override
	public void erase(UUID workspaceId, UUID contactId) {
		contacts.erase(workspaceId, contactId);
	}

	@Override
	public int order() {
		return Integer.MAX_VALUE;
	}

}
