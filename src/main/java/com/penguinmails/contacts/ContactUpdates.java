package com.penguinmails.contacts;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Publishes {@link ContactsChanged} for changes made to many contacts at once (list
 * membership, a bulk job's tags or lists, an import's end): one record per
 * {@link ContactsChanged#MAX} contacts, in the caller's transaction.
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
	void updated(UUID workspaceId, List<UUID> contactIds, List<String> fields, UUID by) {
		changed(workspaceId, List.of(), contactIds, fields, by, null);
	}

	/** An import's contacts: added and updated ({@code fields}, the file's columns). */
	void changed(UUID workspaceId, List<UUID> created, List<UUID> updated, List<String> fields, UUID by,
			UUID importId) {
		Instant now = clock.instant();
		for (int from = 0; from < created.size(); from += ContactsChanged.MAX) {
			List<UUID> chunk = created.subList(from, Math.min(created.size(), from + ContactsChanged.MAX));
			events.publishEvent(new ContactsChanged(workspaceId, chunk, List.of(), fields, by, importId, now));
		}
		if (fields.isEmpty()) {
			return;
		}
		for (int from = 0; from < updated.size(); from += ContactsChanged.MAX) {
			List<UUID> chunk = updated.subList(from, Math.min(updated.size(), from + ContactsChanged.MAX));
			events.publishEvent(new ContactsChanged(workspaceId, List.of(), chunk, fields, by, importId, now));
		}
	}

}
