package com.penguinmails.webhooks.internal.catalogue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

import com.penguinmails.campaigns.Campaign;
import com.penguinmails.campaigns.Campaigns;
import com.penguinmails.contacts.Contact;
import com.penguinmails.contacts.Contacts;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.webhooks.EventType;
import com.penguinmails.webhooks.internal.CatalogueEvent;
import com.penguinmails.webhooks.internal.WebhookEventLog;

/**
 * The shared shapes of the lifecycle events' {@code data} ({@code workspace_id},
 * {@code campaign: {id, name}}, {@code contact: {id, email}}, {@code mailbox: {id,
 * email}}, {@code enrolment: {id}}), read through the features' public API, and the
 * append of one event to the log. Absent values are left out, never null.
 */
@Component
class LifecycleShapes {

	private final ObjectMapper json;

	private final Campaigns campaigns;

	private final Contacts contacts;

	private final WebhookEventLog log;

	private final CatalogueLookups lookups;

	LifecycleShapes(ObjectMapper json, Campaigns campaigns, Contacts contacts, WebhookEventLog log,
			CatalogueLookups lookups) {
		this.lookups = lookups;
		this.json = json;
		this.campaigns = campaigns;
		this.contacts = contacts;
		this.log = log;
	}

	/**
	 * Whether an enabled endpoint of the workspace wants the type: when none does, the
	 * listener stops before reading anything.
	 */
	boolean wanted(UUID workspaceId, EventType type) {
		return log.wanted(workspaceId, type.type());
	}

	/**
	 * {@code {"id", "email"}} of contacts, the addresses read now in one query (left out
	 * for contacts gone since), by id.
	 */
	java.util.Map<UUID, ObjectNode> contacts(UUID workspaceId, List<UUID> contactIds) {
		java.util.Map<UUID, Contact> found = contacts.byIds(Tenant.system(workspaceId), contactIds);
		java.util.Map<UUID, ObjectNode> shapes = new java.util.HashMap<>();
		for (UUID id : contactIds) {
			ObjectNode contact = json.createObjectNode().put("id", id.toString());
			Contact one = found.get(id);
			if (one != null) {
				contact.put("email", one.email());
			}
			shapes.put(id, contact);
		}
		return shapes;
	}

	/** A new {@code data} object holding {@code workspace_id}. */
	ObjectNode data(UUID workspaceId) {
		return lookups.data(workspaceId);
	}

	/** {@code {"id", "name"}} of a campaign whose name is known. */
	ObjectNode campaign(UUID campaignId, String name) {
		ObjectNode campaign = json.createObjectNode().put("id", campaignId.toString());
		if (name != null && !name.isEmpty()) {
			campaign.put("name", name);
		}
		return campaign;
	}

	/** {@code {"id", "name"}} of a campaign, the name read now (left out when gone). */
	ObjectNode campaign(UUID workspaceId, UUID campaignId) {
		String name;
		try {
			name = campaigns.get(Tenant.system(workspaceId), campaignId).name();
		}
		catch (NotFoundProblem ex) {
			name = null;
		}
		return campaign(campaignId, name);
	}

	/**
	 * {@code {"id", "email"}} of a contact, the address read now: left out when the
	 * contact is gone (deleted or erased since).
	 */
	ObjectNode contact(UUID workspaceId, UUID contactId) {
		ObjectNode contact = json.createObjectNode().put("id", contactId.toString());
		Contact found = contacts.byIds(Tenant.system(workspaceId), List.of(contactId)).get(contactId);
		if (found != null) {
			contact.put("email", found.email());
		}
		return contact;
	}

	/** {@code {"id", "email"}} of a mailbox. */
	ObjectNode mailbox(UUID mailboxId, String email) {
		ObjectNode mailbox = json.createObjectNode().put("id", mailboxId.toString());
		if (email != null) {
			mailbox.put("email", email);
		}
		return mailbox;
	}

	/** {@code {"id"}}. */
	ObjectNode id(UUID id) {
		return json.createObjectNode().put("id", id.toString());
	}

	/** Puts an instant as ISO 8601 UTC, or nothing for null. */
	static void instant(ObjectNode data, String key, Instant at) {
		if (at != null) {
			data.put(key, at.toString());
		}
	}

	/** Puts an id, or nothing for null. */
	static void uuid(ObjectNode data, String key, UUID id) {
		if (id != null) {
			data.put(key, id.toString());
		}
	}

	/**
	 * Appends one event (the log cuts keys to its columns).
	 * @param orderingKey the contact's id, or null for events not about one contact
	 */
	void append(UUID workspaceId, EventType type, String dedupeKey, UUID orderingKey, Instant at, ObjectNode data) {
		log.append(new CatalogueEvent(workspaceId, type.type(), dedupeKey,
				orderingKey == null ? null : orderingKey.toString(), at, data));
	}

}
