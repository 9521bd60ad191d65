package com.penguinmails.webhooks.internal.catalogue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import com.penguinmails.contacts.ContactCreated;
import com.penguinmails.contacts.ContactErased;
import com.penguinmails.contacts.ContactUpdated;
import com.penguinmails.contacts.ImportFinished;
import com.penguinmails.webhooks.EventType;

/**
 * Contacts in the catalogue: {@code contact.created}, {@code .updated}, {@code .erased}
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
		ObjectNode data = shapes.data(updated.workspaceId());
		data.set("contact", shapes.contact(updated.workspaceId(), updated.contactId()));
		ArrayNode fields = data.putArray("changed_fields");
		updated.fields().forEach(fields::add);
		LifecycleShapes.uuid(data, "user_id", updated.updatedBy());
		LifecycleShapes.instant(data, "updated_at", updated.updatedAt());
		shapes.append(
				updated.workspaceId(), EventType.CONTACT_UPDATED, "contact.updated:" + updated.contactId() + ":"
						+ updated.updatedAt() + ":" + String.join(",", updated.fields()),
				updated.contactId(), updated.updatedAt(), data);
	}

	@ApplicationModuleListener
	void on(ContactErased erased) {
		ObjectNode data = shapes.data(erased.workspaceId());
		data.set("contact", shapes.id(erased.contactId()));
		LifecycleShapes.instant(data, "erased_at", erased.erasedAt());
		shapes.append(erased.workspaceId(), EventType.CONTACT_ERASED, "contact.erased:" + erased.contactId(),
				erased.contactId(), erased.erasedAt(), data);
	}

	@ApplicationModuleListener
	void on(ImportFinished finished) {
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
