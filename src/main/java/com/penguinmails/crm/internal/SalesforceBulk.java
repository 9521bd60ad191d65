package com.penguinmails.crm.internal;

import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import org.springframework.stereotype.Component;

import com.penguinmails.crm.SalesforceProperties;
import com.penguinmails.crm.internal.SalesforceClient.Failed;
import com.penguinmails.crm.internal.SalesforceClient.Record;
import com.penguinmails.crm.internal.SalesforceClient.Session;

/**
 * Salesforce's Bulk API 2.0 query jobs, for imports above {@link #THRESHOLD} records: the
 * count ({@code SELECT COUNT() …} through the REST query), a job ({@code POST
 * /services/data/{version}/jobs/query}), polled ({@code GET …/jobs/query/{id}}) until
 * {@code JobComplete}, and its CSV results read page by page ({@code GET
 * …/jobs/query/{id}/results?maxRecords=}, the next page named by the
 * {@code Sforce-Locator} header until it is {@code null}). The calls go through
 * {@link SalesforceClient}, so a session is refreshed and limits are backed off alike.
 */
@Component
public class SalesforceBulk {

	/**
	 * Above this many records an import runs a Bulk API 2.0 job instead of REST pages.
	 */
	public static final long THRESHOLD = 2000;

	/** Records asked for per results page. */
	static final int MAX_RECORDS = 50_000;

	/** Polls of a job before the import gives up (each pause at most max-wait). */
	static final int MAX_POLLS = 720;

	private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9]{15,18}");

	private static final Pattern LOCATOR = Pattern.compile("[A-Za-z0-9_=-]{1,100}");

	private final SalesforceClient client;

	private final SalesforceProperties salesforce;

	private final ObjectMapper json;

	SalesforceBulk(SalesforceClient client, SalesforceProperties salesforce, ObjectMapper json) {
		this.client = client;
		this.salesforce = salesforce;
		this.json = json;
	}

	/** How many records the object has matching the checked condition (null: all). */
	public long count(Session session, String object, String condition) {
		return client.query(session, "SELECT COUNT() FROM " + object + (condition == null ? "" : " WHERE " + condition))
			.totalSize();
	}

	/**
	 * Runs {@code soql} as a query job and hands each results page's records to
	 * {@code page}.
	 * @return the pages read
	 * @throws Failed when the job fails or is aborted (Salesforce's words), or does not
	 * finish within {@link #MAX_POLLS} polls
	 */
	public int query(Session session, String soql, Consumer<List<Record>> page) {
		String jobs = "/services/data/" + salesforce.apiVersion() + "/jobs/query";
		ObjectNode request = json.createObjectNode()
			.put("operation", "query")
			.put("query", soql)
			.put("contentType", "CSV")
			.put("columnDelimiter", "COMMA")
			.put("lineEnding", "LF");
		JsonNode job = client.read(client.call(session, jobs, request.toString(), "application/json").body());
		String id = job.path("id").asText("");
		if (!JOB_ID.matcher(id).matches()) {
			throw new Failed(200, "Salesforce's query job has no usable id: " + SalesforceClient.cut(id));
		}
		for (int poll = 0;; poll++) {
			JsonNode state = client.read(client.call(session, jobs + "/" + id, null, "application/json").body());
			String name = state.path("state").asText();
			if ("JobComplete".equals(name)) {
				break;
			}
			if ("Failed".equals(name) || "Aborted".equals(name) || poll >= MAX_POLLS) {
				throw new Failed(200, "Salesforce's query job " + id + " ended " + name + ": "
						+ state.path("errorMessage").asText("no details"));
			}
			client.pause(Duration.ofMillis(Math.min(200L << Math.min(poll, 5), 5_000)));
		}
		int pages = 0;
		String locator = null;
		do {
			String path = jobs + "/" + id + "/results?maxRecords=" + MAX_RECORDS
					+ (locator == null ? "" : "&locator=" + SalesforceClient.encode(locator));
			HttpResponse<String> results = client.call(session, path, null, "text/csv");
			page.accept(records(results.body()));
			pages++;
			locator = results.headers().firstValue("Sforce-Locator").orElse("null");
			if (!"null".equals(locator) && !LOCATOR.matcher(locator).matches()) {
				throw new Failed(200, "Salesforce's Sforce-Locator is not a locator: " + SalesforceClient.cut(locator));
			}
		}
		while (!"null".equals(locator));
		return pages;
	}

	/**
	 * The CSV's rows as records (RFC 4180; empty values left out, as REST leaves out
	 * null).
	 */
	static List<Record> records(String csv) {
		List<Record> records = new ArrayList<>();
		try (CSVParser parser = CSVFormat.RFC4180.builder()
			.setHeader()
			.setSkipHeaderRecord(true)
			.get()
			.parse(new StringReader(csv))) {
			List<String> names = parser.getHeaderNames();
			for (CSVRecord row : parser) {
				Map<String, String> fields = new LinkedHashMap<>();
				for (int i = 0; i < names.size() && i < row.size(); i++) {
					if (!row.get(i).isEmpty()) {
						fields.put(names.get(i), row.get(i));
					}
				}
				records.add(new Record(fields.remove("Id"), fields));
			}
		}
		catch (IOException | IllegalStateException | IllegalArgumentException ex) {
			throw new Failed(200, "Salesforce's results are not CSV: " + ex.getMessage());
		}
		return records;
	}

}
