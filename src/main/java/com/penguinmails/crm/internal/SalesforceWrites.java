package com.penguinmails.crm.internal;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

import com.penguinmails.crm.SalesforceProperties;

/**
 * Salesforce's writes through the Composite API's sObject Collections: {@code POST} and
 * {@code PATCH /services/data/{version}/composite/sobjects}, at most {@value #BATCH}
 * records a call, {@code allOrNone: false} so each record succeeds or fails alone. Calls
 * go through {@link SalesforceClient} (a refreshed session, REQUEST_LIMIT_EXCEEDED and
 * 5xx waited out).
 */
@Component
public class SalesforceWrites {

	/** Records per sObject Collections call (Salesforce's limit). */
	public static final int BATCH = 200;

	/**
	 * One record's answer, in the order sent.
	 *
	 * @param id the record's id (the new one for a create), or null when refused
	 * @param errorCode the first error's {@code statusCode} (e.g.
	 * {@code DELETED_ENTITY}), or null
	 * @param message the errors' {@code message}s, or null
	 */
	public record Result(String id, boolean success, String errorCode, String message) {
	}

	private final SalesforceClient client;

	private final SalesforceProperties salesforce;

	private final ObjectMapper json;

	SalesforceWrites(SalesforceClient client, SalesforceProperties salesforce, ObjectMapper json) {
		this.client = client;
		this.salesforce = salesforce;
		this.json = json;
	}

	/**
	 * Creates records of one or more types; each record must carry
	 * {@code attributes.type}.
	 * @throws IllegalArgumentException over {@value #BATCH} records
	 * @throws SalesforceClient.Failed when the call failed as a whole
	 * @throws SalesforceClient.Unauthorized when the grant is gone
	 */
	public List<Result> create(SalesforceClient.Session session, List<ObjectNode> records) {
		return send(session, "POST", records);
	}

	/**
	 * Updates records (each with {@code attributes.type} and {@code id}); a null value
	 * clears the field.
	 * @throws IllegalArgumentException over {@value #BATCH} records
	 * @throws SalesforceClient.Failed when the call failed as a whole
	 * @throws SalesforceClient.Unauthorized when the grant is gone
	 */
	public List<Result> update(SalesforceClient.Session session, List<ObjectNode> records) {
		return send(session, "PATCH", records);
	}

	/** A record of {@code type}, for {@link #create} or {@link #update}. */
	public ObjectNode record(String type) {
		ObjectNode record = json.createObjectNode();
		record.putObject("attributes").put("type", type);
		return record;
	}

	private List<Result> send(SalesforceClient.Session session, String method, List<ObjectNode> records) {
		if (records.size() > BATCH) {
			throw new IllegalArgumentException("At most " + BATCH + " records a call");
		}
		ObjectNode body = json.createObjectNode();
		body.put("allOrNone", false);
		ArrayNode array = body.putArray("records");
		records.forEach(array::add);
		JsonNode answer = client.read(
				client
					.call(session, method, "/services/data/" + salesforce.apiVersion() + "/composite/sobjects",
							body.toString(), "application/json")
					.body());
		List<Result> results = new ArrayList<>();
		for (JsonNode row : answer) {
			boolean success = row.path("success").asBoolean(false);
			String code = null;
			List<String> messages = new ArrayList<>();
			for (JsonNode error : row.path("errors")) {
				code = code == null ? SalesforceClient.text(error, "statusCode") : code;
				messages.add(error.path("message").asText());
			}
			results.add(new Result(SalesforceClient.text(row, "id"), success, code,
					messages.isEmpty() ? null : (code == null ? "" : code + ": ") + String.join("; ", messages)));
		}
		if (results.size() != records.size()) {
			throw new SalesforceClient.Failed(200,
					"Salesforce answered " + results.size() + " results for " + records.size() + " records.");
		}
		return results;
	}

}
