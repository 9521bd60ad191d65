package com.penguinmails.crm.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import com.penguinmails.contacts.Contact;
import com.penguinmails.contacts.ContactUpdated;
import com.penguinmails.contacts.Contacts;
import com.penguinmails.shared.Tenant;

/**
 * Sends PenguinMails' edits of a linked contact's synced fields to the CRM within the
 * push worker's period (5 s by default). On {@link ContactUpdated} (after commit,
 * durable), for each CRM link with a baseline: the fields the event names whose value now
 * differs from the baseline get their local edit time (the event's time; the "newest
 * wins" policy compares it), and those whose policy is not "CRM wins" are queued as one
 * {@code properties} push ({@code kind = 'field'}, dedupe key
 * {@code field:<contact>:<event time>}) under the CRM's names, the baseline moved to them
 * ({@link FieldSync#queue}).
 * <p>
 * An import's own update does not come back: the import writes the new baseline in the
 * transaction that updates the contact, so by the time this runs the values equal the
 * baseline. A link without a baseline (no import since two-way sync) is left alone.
 */
@Component
class FieldSyncListener {

	private final FieldSyncRepository repository;

	private final CrmRepository connections;

	private final FieldSync sync;

	private final Contacts contacts;

	FieldSyncListener(FieldSyncRepository repository, CrmRepository connections, FieldSync sync, Contacts contacts) {
		this.repository = repository;
		this.connections = connections;
		this.sync = sync;
		this.contacts = contacts;
	}

	@ApplicationModuleListener
	void on(ContactUpdated event) {
		List<String> named = event.fields()
			.stream()
			.filter(f -> FieldSync.STANDARD.contains(f) || f.startsWith("custom."))
			.toList();
		if (named.isEmpty()) {
			return;
		}
		List<FieldSyncRepository.Link> links = repository.links(event.workspaceId(), event.contactId())
			.stream()
			.filter(link -> link.synced() != null)
			.toList();
		if (links.isEmpty()) {
			return;
		}
		Contact contact = contacts.byIds(Tenant.system(event.workspaceId()), List.of(event.contactId()))
			.get(event.contactId());
		if (contact == null) {
			return;
		}
		for (FieldSyncRepository.Link link : links) {
			Optional<CrmRepository.ConnectionRow> row = connections.connection(event.workspaceId(), link.crm());
			if (row.isPresent()) {
				edited(event, contact, link, sync.fields(event.workspaceId(), link.crm(), row.get().fieldMap()), named);
			}
		}
	}

	private void edited(ContactUpdated event, Contact contact, FieldSyncRepository.Link link, FieldSync.Fields fields,
			List<String> named) {
		Map<String, String> ours = FieldSync.values(contact, fields.tracked());
		Map<String, Instant> edits = new LinkedHashMap<>();
		Map<String, String> push = new LinkedHashMap<>();
		for (String field : named) {
			if (fields.tracked().contains(field) && !Objects.equals(ours.get(field), link.synced().get(field))) {
				edits.put(field, event.updatedAt());
				if (fields.names().containsKey(field) && fields.policy(field).pushes()) {
					push.put(field, ours.get(field));
				}
			}
		}
		if (edits.isEmpty()) {
			return;
		}
		sync.inTransaction(() -> {
			sync.recordEdits(event.workspaceId(), link.crm(), link.recordId(), edits, event.updatedAt());
			return sync.queue(event.workspaceId(), fields, contact.id(), link.recordId(), push,
					"field:" + contact.id() + ":" + event.updatedAt(), event.updatedAt());
		});
	}

}
