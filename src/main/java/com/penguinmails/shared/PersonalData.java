package com.penguinmails.shared;

import java.util.Map;
import java.util.UUID;

/**
 * What a feature holds on one contact, for GDPR/CCPA requests: the audit feature's
 * privacy service collects every implementation, exports their parts as one JSON document
 * and erases them together, in one transaction.
 */
public interface PersonalData {

	/** The key of this feature's part of an export, for example {@code contacts}. */
	String section();

	/**
	 * Everything held on the contact, as JSON-ready values; empty when nothing is.
	 */
	Map<String, Object> export(UUID workspaceId, UUID contactId);

	/** Deletes (or anonymises) what is held on the contact. */
	void erase(UUID workspaceId, UUID contactId);

	/**
	 * Erasure runs from low to high; the holder of the contact itself goes last, so the
	 * others can still read it.
	 */
	default int order() {
		return 0;
	}

}
