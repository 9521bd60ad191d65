package com.penguinmails.crm.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.penguinmails.contacts.Contact;
import com.penguinmails.crm.FieldPolicy;
import com.penguinmails.crm.HubSpotConnections;

/**
 * Two-way sync of a CRM link's mapped fields: which fields are synced and their names in
 * the CRM ({@link Fields}), what an import does with each field ({@link FieldMerge}), and
 * queuing the values PenguinMails sends to the CRM.
 * <p>
 * The baseline ({@code crm_links.synced_values}) is the value each field last had on both
 * sides. An import compares the CRM's value and ours against it; a local edit
 * ({@link FieldSyncListener}) compares ours. When a value is queued to the CRM the
 * baseline moves to it at once, in the same transaction: the CRM will hold it once the
 * push worker sends it (within its period), and moving it at queue time means the next
 * import does not take the CRM's older value back nor queue it again, whatever the
 * worker's timing. A push that finally fails is in the push log; the field then differs
 * from the CRM until it is edited again on either side.
 */
@Component
public class FieldSync {

	/** The standard fields a policy is chosen for, in the order the pages show them. */
	public static final List<String> STANDARD = List.of("firstName", "lastName", "company", "title", "phone", "website",
			"country");

	/** Their names in words. */
	public static final Map<String, String> LABELS = Map.of("firstName", "First name", "lastName", "Last name",
			"company", "Company", "title", "Job title", "phone", "Phone", "website", "Website", "country", "Country");

	private static final Map<String, String> HUBSPOT = Map.of("firstName", "firstname", "lastName", "lastname",
			"company", "company", "title", "jobtitle", "phone", "phone", "website", "website", "country", "country");

	private final FieldSyncRepository repository;

	private final SalesforceRepository salesforce;

	private final PushRepository pushes;

	private final TransactionTemplate transactions;

	private final ObjectMapper json;

	FieldSync(FieldSyncRepository repository, SalesforceRepository salesforce, PushRepository pushes,
			TransactionTemplate transactions, ObjectMapper json) {
		this.repository = repository;
		this.salesforce = salesforce;
		this.pushes = pushes;
		this.transactions = transactions;
		this.json = json;
	}

	/**
	 * The synced fields of a connection.
	 *
	 * @param crm {@code hubspot} or {@code salesforce}
	 * @param crmName the CRM in words (HubSpot, Salesforce)
	 * @param tracked every field kept in the baseline: the standard ones and
	 * {@code custom.<key>} for each mapped custom field
	 * @param names our field → the CRM's name, for the fields that can be sent (a
	 * Salesforce Contact's company and website are its Account's: not sent)
	 * @param policies our field → its policy ({@link FieldPolicy#CRM} when not chosen,
	 * and always for a field that cannot be sent)
	 */
	public record Fields(String crm, String crmName, List<String> tracked, Map<String, String> names,
			Map<String, FieldPolicy> policies) {

		/** The field's policy. */
		public FieldPolicy policy(String field) {
			return policies.getOrDefault(field, FieldPolicy.CRM);
		}

	}

	/**
	 * The synced fields of the workspace's connection to {@code crm}.
	 * @param fieldMap the connection's CRM property → custom field key
	 */
	public Fields fields(UUID workspaceId, String crm, Map<String, String> fieldMap) {
		boolean hubspot = HubSpotConnections.CRM.equals(crm);
		Map<String, String> names = new LinkedHashMap<>();
		if (hubspot) {
			STANDARD.forEach(field -> names.put(field, HUBSPOT.get(field)));
		}
		else {
			boolean lead = "Lead".equals(salesforce.source(workspaceId).object());
			names.put("firstName", "FirstName");
			names.put("lastName", "LastName");
			if (lead) {
				names.put("company", "Company");
			}
			names.put("title", "Title");
			names.put("phone", "Phone");
			if (lead) {
				names.put("website", "Website");
			}
			names.put("country", lead ? "Country" : "MailingCountry");
		}
		List<String> tracked = new ArrayList<>(STANDARD);
		fieldMap.forEach((property, key) -> {
			tracked.add("custom." + key);
			names.put("custom." + key, property);
		});
		Map<String, FieldPolicy> policies = new LinkedHashMap<>();
		repository.policies(workspaceId, crm).forEach((field, value) -> {
			if (names.containsKey(field)) {
				policies.put(field, FieldPolicy.of(value));
			}
		});
		return new Fields(crm, hubspot ? "HubSpot" : "Salesforce", List.copyOf(tracked), Map.copyOf(names),
				Map.copyOf(policies));
	}

	/** The contact's values of the tracked fields (a field without a value left out). */
	public static Map<String, String> values(Contact contact, List<String> tracked) {
		Map<String, String> values = new LinkedHashMap<>();
		for (String field : tracked) {
			String value = switch (field) {
				case "firstName" -> contact.firstName();
				case "lastName" -> contact.lastName();
				case "company" -> contact.company();
				case "title" -> contact.title();
				case "phone" -> contact.phone();
				case "website" -> contact.website();
				case "country" -> contact.country();
				default -> {
					Object custom = contact.custom() == null ? null
							: contact.custom().get(field.substring("custom.".length()));
					yield custom == null ? null : custom.toString();
				}
			};
			if (value != null && !value.isBlank()) {
				values.put(field, value.strip());
			}
		}
		return values;
	}

	/** Runs {@code work} in one transaction (the contact's update and its baseline). */
	public <T> T inTransaction(Supplier<T> work) {
		return transactions.execute(status -> work.get());
	}

	/**
	 * Queues one {@code properties} push ({@code kind = 'field'}) of our values, under
	 * the CRM's names, and moves the baseline to them (see the class comment for why at
	 * queue time). A value null clears the CRM's field (HubSpot: {@code ""}, Salesforce:
	 * {@code null}).
	 * @param values our field → value, fields that can be sent only
	 * @param dedupeKey the push's key (a second push with it is dropped)
	 * @return whether a push was queued
	 */
	public boolean queue(UUID workspaceId, Fields fields, UUID contactId, String recordId, Map<String, String> values,
			String dedupeKey, Instant now) {
		if (values.isEmpty()) {
			return false;
		}
		ObjectNode payload = json.createObjectNode();
		ObjectNode properties = payload.putObject("properties");
		boolean hubspot = HubSpotConnections.CRM.equals(fields.crm());
		values.forEach((field, value) -> {
			// HubSpot clears a property set to "", Salesforce a field set to null.
			if (value == null && !hubspot) {
				properties.putNull(fields.names().get(field));
			}
			else {
				properties.put(fields.names().get(field), value == null ? "" : value);
			}
		});
		boolean queued = pushes.enqueue(workspaceId, fields.crm(), contactId, recordId, "field", "properties",
				payload.toString(), dedupeKey, now);
		if (queued) {
			repository.moveBaseline(workspaceId, fields.crm(), recordId, values, Map.of(), now);
		}
		return queued;
	}

	/** The baseline and local edit times of a record's link. */
	public FieldSyncRepository.Link link(UUID workspaceId, String crm, String recordId) {
		return repository.link(workspaceId, crm, recordId).orElse(null);
	}

	/** Records when fields were last edited in PenguinMails. */
	public void recordEdits(UUID workspaceId, String crm, String recordId, Map<String, Instant> edits, Instant now) {
		if (!edits.isEmpty()) {
			repository.moveBaseline(workspaceId, crm, recordId, Map.of(), edits, now);
		}
	}

	/** Replaces the record's baseline. */
	public void saveBaseline(UUID workspaceId, String crm, String recordId, Map<String, String> values, Instant now) {
		repository.saveBaseline(workspaceId, crm, recordId, values, now);
	}

}
