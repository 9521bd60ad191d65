package com.penguinmails.crm.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

import com.penguinmails.crm.SalesforcePushSettings;

/**
 * Queues pushes to Salesforce for {@link PushEvents}: an activity is a completed Task
 * (action {@code task}, payload {@code {"timestamp","subject","description"}}); a label,
 * and an opt-out, field changes (action {@code properties}, payload
 * {@code {"properties":{"Field": value}}}, a JSON null clearing the field). Only for a
 * contact linked to a Salesforce record of a workspace whose connection pushes the kind.
 */
@Component
class SalesforceQueue {

	static final String CRM = SalesforceRepository.CRM;

	/** Salesforce's limit on a Task's Subject. */
	private static final int SUBJECT = 255;

	private final PushRepository pushes;

	private final CrmRepository links;

	private final ObjectMapper json;

	private final Clock clock;

	SalesforceQueue(PushRepository pushes, CrmRepository links, ObjectMapper json, Clock clock) {
		this.pushes = pushes;
		this.links = links;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * A Task about the contact; for an unsubscribe or a complaint also
	 * {@code HasOptedOutOfEmail = true} when the settings say so.
	 */
	void activity(UUID workspace, UUID contact, String kind, String key, Instant at, String subject,
			String description) {
		Optional<SalesforcePushSettings> settings = settings(workspace);
		Optional<String> record = settings.filter(s -> s.pushes(kind))
			.flatMap(s -> links.recordOf(workspace, CRM, contact));
		if (record.isEmpty()) {
			return;
		}
		ObjectNode task = json.createObjectNode();
		task.put("timestamp", (at == null ? clock.instant() : at).toString());
		task.put("subject", subject.length() > SUBJECT ? subject.substring(0, SUBJECT - 1) + "…" : subject);
		task.put("description", description);
		Instant now = clock.instant();
		pushes.enqueue(workspace, CRM, contact, record.get(), kind, "task", task.toString(), key + ":task", now);
		if (("unsubscribe".equals(kind) || "complaint".equals(kind)) && settings.get().optOut()) {
			ObjectNode payload = json.createObjectNode();
			payload.putObject("properties").put("HasOptedOutOfEmail", true);
			pushes.enqueue(workspace, CRM, contact, record.get(), kind, "properties", payload.toString(),
					key + ":properties", now);
		}
	}

	/**
	 * The label's field on the record (a Lead's Status by default); a cleared label
	 * clears a Contact's field but leaves a Lead's Status (it is required).
	 */
	void label(UUID workspace, UUID contact, String key, String label) {
		Optional<SalesforcePushSettings> settings = settings(workspace).filter(s -> s.pushes("label"));
		Optional<String> record = settings.flatMap(s -> links.recordOf(workspace, CRM, contact));
		if (record.isEmpty()) {
			return;
		}
		String field = settings.get().labelField(record.get());
		String value = label == null ? null : settings.get().labelValues().get(label);
		boolean lead = record.get().startsWith("00Q");
		if (field.isEmpty() || (label != null && value == null) || (label == null && lead)) {
			return;
		}
		ObjectNode payload = json.createObjectNode();
		payload.putObject("properties").put(field, value);
		pushes.enqueue(workspace, CRM, contact, record.get(), "label", "properties", payload.toString(), key,
				clock.instant());
	}

	/** Whether the workspace's Salesforce connection pushes anything at all. */
	boolean pushesAny(UUID workspace) {
		return settings(workspace).filter(s -> !s.kinds().isEmpty()).isPresent();
	}

	private Optional<SalesforcePushSettings> settings(UUID workspace) {
		return pushes.settings(workspace, CRM, SalesforcePushSettings.class, SalesforcePushSettings.off());
	}

}
