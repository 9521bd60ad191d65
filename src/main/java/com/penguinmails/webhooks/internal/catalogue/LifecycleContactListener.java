package com.penguinmails.webhooks.internal.catalogue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import com.penguinmails.contacts.ContactCreated;
import com.penguinmails.contacts.ContactErased;
import com.penguinmails.contacts.ContactUpdated;
import com.penguinmails.contacts.ContactsChanged;
import com.penguinmails.contacts.ImportFinished;
import com.penguinmails.webhooks.EventType;

/**
 * Contacts in the catalogue: {@code contact.created}, {@code .updated} (from one
 * contact's event or from {@code ContactsChanged}, many at once), {@code .erased}
 * (ordered by the contact's id) and {@code import.finished}. The contact's address is
 * read when the event is appended, so an erased contact's is never sent; the erasure
 * itself carries the id alone.
 */
@Component
class LifecycleContactListener {

	private final LifecycleShapes shapes;

	LifecycleContactListener(LifecycleShapes shapes) {
		this.shapes = shapes;
	}

	@ApplicationModuleListener
	void on(ContactCreated created) {
		if (!shapes.wanted(created.workspaceId(), EventType.CONTACT_CREATED)) {
			return;
		}
		ObjectNode data = shapes.data(created.workspaceId());
		data.set("contact", shapes.contact(created.workspaceId(), created.contactId()));
		LifecycleShapes.uuid(data, "user_id", created.createdBy());
		LifecycleShapes.instant(data, "created_at", created.createdAt());
		shapes.append(created.workspaceId(), EventType.CONTACT_CREATED, "contact.created:" + created.contactId(),
				created.contactId(), created.createdAt(), data);
	}

	/** Keyed by the contact, the instant and the fields: two changes are two events. */
	@ApplicationModuleListener
	void on(ContactUpdated updated) {
		if (shapes.wanted(updated.workspaceId(), EventType.CONTACT_UPDATED)) {
			appendUpdated(updated.workspaceId(), shapes.contact(updated.workspaceId(), updated.contactId()),
					updated.contactId(), updated.fields(), updated.updatedBy(), updated.updatedAt());
		}
	}

	/**
	 * Many contacts at once (an import, a bulk job's batch, a list): each is its own
	 * {@code contact.created} or {@code contact.updated}, their addresses read in one
	 * query, and nothing read when no endpoint wants the type.
	 */
	@ApplicationModuleListener
	void on(ContactsChanged changed) {
		UUID workspaceId = changed.workspaceId();
		if (!changed.created().isEmpty() && shapes.wanted(workspaceId, EventType.CONTACT_CREATED)) {
			Map<UUID, ObjectNode> contacts = shapes.contacts(workspaceId, changed.created());
			for (UUID id : changed.created()) {
				ObjectNode data = shapes.data(workspaceId);
				data.set("contact", contacts.get(id));
				LifecycleShapes.uuid(data, "user_id", changed.changedBy());
				if (changed.importId() != null) {
					data.set("import", shapes.id(changed.importId()));
				}
				LifecycleShapes.instant(data, "created_at", changed.changedAt());
				shapes.append(workspaceId, EventType.CONTACT_CREATED, "contact.created:" + id, id, changed.changedAt(),
						data);
			}
		}
		if (!changed.updated().isEmpty() && shapes.wanted(workspaceId, EventType.CONTACT_UPDATED)) {
			Map<UUID, ObjectNode> contacts = shapes.contacts(workspaceId, changed.updated());
			for (UUID id : changed.updated()) {
				appendUpdated(workspaceId, contacts.get(id), id, changed.fields(), changed.changedBy(),
						changed.changedAt());
			}
		}
	}

	private void appendUpdated(UUID workspaceId, ObjectNode contact, UUID contactId, List<String> fields, UUID by,
			Instant at) {
		ObjectNode data = shapes.data(workspaceId);
		data.set("contact", contact);
		ArrayNode names = data.putArray("changed_fields");
		fields.forEach(names::add);
		LifecycleShapes.uuid(data, "user_id", by);
		LifecycleShapes.instant(data, "updated_at", at);
		shapes.append(workspaceId, EventType.CONTACT_UPDATED,
				"contact.updated:" + contactId + ":" + at + ":" + String.join(",", fields), contactId, at, data);
	}

	@ApplicationModuleListener
	void on(ContactErased erased) {
		if (!shapes.wanted(erased.workspaceId(), EventType.CONTACT_ERASED)) {
			return;
		}
		ObjectNode data = shapes.data(erased.workspaceId());
		data.set("contact", shapes.id(erased.contactId()));
		LifecycleShapes.instant(data, "erased_at", erased.erasedAt());
		shapes.append(erased.workspaceId(), EventType.CONTACT_ERASED, "contact.erased:" + erased.contactId(),
				erased.contactId(), erased.erasedAt(), data);
	}

	@ApplicationModuleListener
	void on(ImportFinished finished) {
		if (!shapes.wanted(finished.workspaceId(), EventType.IMPORT_FINISHED)) {
			return;
		}
		ObjectNode data = shapes.data(finished.workspaceId());
		data.set("import", shapes.id(finished.importId()));
		data.put("status", finished.status().value());
		data.put("rows_read", finished.rowsRead());
		data.put("imported", finished.imported());
		data.put("updated", finished.updated());
		data.put("skipped", finished.skipped());
		data.put("failed", finished.failed());
		if (finished.message() != null && !finished.message().isEmpty()) {
			data.put("message", finished.message());
		}
		LifecycleShapes.instant(data, "finished_at", finished.finishedAt());
		shapes.append(finished.workspaceId(), EventType.IMPORT_FINISHED, "import.finished:" + finished.importId(), null,
				finished.finishedAt(), data);
	}

}
