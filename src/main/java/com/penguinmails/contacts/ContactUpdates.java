package com.penguinmails.contacts;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Publishes {@link ContactUpdated} for changes made to many contacts at once (list
 * membership, a bulk job's tags): one small record per contact that changed, in the
 * caller's transaction.
 */
@Component
class ContactUpdates {

	private final ApplicationEventPublisher events;

	private final Clock clock;

	ContactUpdates(ApplicationEventPublisher events, Clock clock) {
		this.events = events;
		this.clock = clock;
	}

	/** Each of {@code contactIds} changed {@code fields}; by a member, or null. */
	void updated(UUID workspaceId, Collection<UUID> contactIds, List<String> fields, UUID by) {
		var now = clock.instant();
		for (UUID contactId : contactIds) {
			events.publishEvent(new ContactUpdated(workspaceId, contactId, fields, by, now));
		}
	}

}
