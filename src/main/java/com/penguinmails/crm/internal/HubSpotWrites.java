package com.penguinmails.crm.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

/**
 * What PenguinMails writes to HubSpot's CRM API v3: notes on a contact's timeline and
 * contact properties in batches (update by record id, upsert by address), through
 * {@link HubSpotClient}'s calls and limits (a 401 throws
 * {@link HubSpotClient.Unauthorized}, anything else unanswered
 * {@link HubSpotClient.Failed}).
 */
@Component
public class HubSpotWrites {

	private final HubSpotClient client;

	private final ObjectMapper json;

	HubSpotWrites(HubSpotClient client, ObjectMapper json) {
		this.client = client;
		this.json = json;
	}

	/**
	 * One record's failure in a batch answer (HTTP 207 Multi-Status, {@code errors[]}).
	 *
	 * @param ids the record ids (or, for an upsert by email, the addresses) it names,
	 * from {@code context.ids}
	 * @param message HubSpot's words
	 */
	public record BatchError(List<String> ids, String message) {
	}

	/**
	 * A batch answer.
	 *
	 * @param results record id → the input it answers (for an upsert: the email), in
	 * HubSpot's order
	 * @param errors the records that failed (empty on HTTP 200)
	 * @param created the record ids an upsert created ({@code new: true})
	 */
	public record BatchResult(Map<String, String> results, List<BatchError> errors, java.util.Set<String> created) {
	}

	/**
	 * Adds a note to a contact's timeline: {@code POST /crm/v3/objects/notes} with
	 * {@code hs_timestamp} (ISO 8601), {@code hs_note_body} (HTML, at most 65,536
	 * characters) and the association to the contact (HubSpot-defined association type
	 * 202, note → contact).
	 * @return the note's id
	 * @throws HubSpotClient.Unauthorized on 401, {@link HubSpotClient.Failed} on anything
	 * else than 201
	 */
	public String createNote(String token, String contactRecordId, Instant timestamp, String html) {
		ObjectNode request = json.createObjectNode();
		ObjectNode props = request.putObject("properties");
		props.put("hs_timestamp", timestamp.toString());
		props.put("hs_note_body", html);
		ObjectNode association = request.putArray("associations").addObject();
		association.putObject("to").put("id", contactRecordId);
		association.putArray("types")
			.addObject()
			.put("associationCategory", "HUBSPOT_DEFINED")
			.put("associationTypeId", 202);
		return client.post(token, "/crm/v3/objects/notes", request).body().path("id").asText();
	}

	/**
	 * Changes contact properties, at most 100 records per call:
	 * {@code POST /crm/v3/objects/contacts/batch/update} with {@code inputs[{id,
	 * properties}]}. An empty value clears the property.
	 * @param changes record id → property → value
	 * @return the records updated and, on 207, the ones that failed
	 * @throws HubSpotClient.Unauthorized on 401, {@link HubSpotClient.Failed} on anything
	 * else than 200 or 207
	 */
	public BatchResult updateContacts(String token, Map<String, Map<String, String>> changes) {
		if (changes.size() > 100) {
			throw new IllegalArgumentException("HubSpot takes at most 100 records per batch");
		}
		ObjectNode request = json.createObjectNode();
		ArrayNode inputs = request.putArray("inputs");
		changes.forEach((id, values) -> {
			ObjectNode input = inputs.addObject();
			input.put("id", id);
			ObjectNode props = input.putObject("properties");
			values.forEach(props::put);
		});
		HubSpotClient.Answer answer = client.post(token, "/crm/v3/objects/contacts/batch/update", request);
		return batch(answer, "id");
	}

	/**
	 * Creates or updates contacts by address, at most 100 per call:
	 * {@code POST /crm/v3/objects/contacts/batch/upsert} with {@code inputs[{id: email,
	 * idProperty: "email", properties}]}.
	 * @param contacts email → property → value
	 * @return record id → email of the records written and, on 207, the ones that failed
	 * @throws HubSpotClient.Unauthorized on 401, {@link HubSpotClient.Failed} on anything
	 * else than 200 or 207
	 */
	public BatchResult upsertContacts(String token, Map<String, Map<String, String>> contacts) {
		if (contacts.size() > 100) {
			throw new IllegalArgumentException("HubSpot takes at most 100 records per batch");
		}
		ObjectNode request = json.createObjectNode();
		ArrayNode inputs = request.putArray("inputs");
		contacts.forEach((email, values) -> {
			ObjectNode input = inputs.addObject();
			input.put("id", email);
			input.put("idProperty", "email");
			ObjectNode props = input.putObject("properties");
			values.forEach(props::put);
		});
		HubSpotClient.Answer answer = client.post(token, "/crm/v3/objects/contacts/batch/upsert", request);
		return batch(answer, "email");
	}

	/** {@code BatchResponseSimplePublicObject} or its 207 form with {@code errors[]}. */
	private static BatchResult batch(HubSpotClient.Answer answer, String keyProperty) {
		Map<String, String> results = new LinkedHashMap<>();
		java.util.Set<String> created = new java.util.LinkedHashSet<>();
		for (JsonNode result : answer.body().path("results")) {
			results.put(result.path("id").asText(), result.path("properties").path(keyProperty).asText(null));
			if (result.path("new").asBoolean(false)) {
				created.add(result.path("id").asText());
			}
		}
		List<BatchError> errors = new ArrayList<>();
		for (JsonNode error : answer.body().path("errors")) {
			List<String> ids = new ArrayList<>();
			error.path("context").path("ids").forEach(id -> ids.add(id.asText()));
			if (error.hasNonNull("id")) {
				ids.add(error.path("id").asText());
			}
			errors.add(new BatchError(ids, HubSpotClient.cut(error.path("message").asText("no details"))));
		}
		return new BatchResult(results, errors, created);
	}

}
