package com.penguinmails.mailboxes.internal;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import com.penguinmails.mailboxes.SmtpConnectionFailed;

/**
 * Reads a provider's own record of what became of our mail, for the events its webhooks
 * may not have delivered (the endpoint was down, the provider gave up retrying):
 * Mailgun's Events API and Postmark's Bounces API, page by page. Each event comes back in
 * the shape of that provider's webhook body, so it is read by the same parsers and
 * deduplicated against the webhooks by the same event key.
 */
final class ProviderEventLists {

	/** Postmark refuses {@code offset + count} above 10,000 (its API reference). */
	static final int POSTMARK_MAX_OFFSET = 10_000;

	private static final int POSTMARK_COUNT = 500;

	/**
	 * Postmark reads {@code fromdate}/{@code todate} in US Eastern time (its API
	 * reference).
	 */
	private static final DateTimeFormatter POSTMARK_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
		.withZone(ZoneId.of("America/New_York"));

	private ProviderEventLists() {
	}

	/**
	 * Mailgun's {@code GET /v3/{domain}/events} (Mailgun API, "Events"), failures and
	 * complaints from {@code since} to {@code until}, oldest first, following
	 * {@code paging.next} until a page comes back empty.
	 * @return each item as Mailgun's webhook body: {@code {"event-data": item}}
	 * @throws SmtpConnectionFailed unreachable, or an answer that is not 200 (in words)
	 */
	static List<JsonNode> mailgun(ProviderHttp http, URI base, String domain, String apiKey, Instant since,
			Instant until, int maxPages) throws SmtpConnectionFailed {
		List<JsonNode> events = new ArrayList<>();
		URI next = URI
			.create(base + "/v3/" + encode(domain) + "/events?ascending=yes&limit=300&begin=" + since.getEpochSecond()
					+ "&end=" + until.getEpochSecond() + "&event=" + encode("failed OR complained"));
		for (int page = 0; page < maxPages && next != null; page++) {
			JsonNode body = get(http, next, "Authorization", ProviderHttp.basic("api", apiKey), "Mailgun", "message");
			JsonNode items = body.path("items");
			if (!items.isArray() || items.isEmpty()) {
				break;
			}
			for (JsonNode item : items) {
				ObjectNode wrapped = ProviderHttp.JSON.createObjectNode();
				wrapped.set("event-data", item);
				events.add(wrapped);
			}
			String link = body.path("paging").path("next").asText("");
			next = link.isBlank() ? null : URI.create(link);
		}
		return events;
	}

	/**
	 * Postmark's {@code GET /bounces} (Postmark API, "Bounce API"), bounces and spam
	 * complaints from {@code since} to {@code until}, {@value #POSTMARK_COUNT} a page, up
	 * to Postmark's offset limit.
	 * @return each bounce as Postmark's webhook body: {@code RecordType} Bounce, or
	 * SpamComplaint for a bounce of type SpamComplaint (as its webhooks name them)
	 * @throws SmtpConnectionFailed unreachable, or an answer that is not 200 (in words)
	 */
	static List<JsonNode> postmark(ProviderHttp http, URI base, String token, Instant since, Instant until,
			int maxPages) throws SmtpConnectionFailed {
		List<JsonNode> events = new ArrayList<>();
		for (int page = 0, offset = 0; page < maxPages && offset < POSTMARK_MAX_OFFSET; page++) {
			URI uri = URI.create(base + "/bounces?count=" + POSTMARK_COUNT + "&offset=" + offset + "&fromdate="
					+ encode(POSTMARK_DATE.format(since)) + "&todate=" + encode(POSTMARK_DATE.format(until)));
			JsonNode body = get(http, uri, "X-Postmark-Server-Token", token, "Postmark", "Message");
			JsonNode bounces = body.path("Bounces");
			if (!bounces.isArray() || bounces.isEmpty()) {
				break;
			}
			for (JsonNode bounce : bounces) {
				ObjectNode event = bounce.deepCopy();
				event.put("RecordType",
						"SpamComplaint".equals(bounce.path("Type").asText()) ? "SpamComplaint" : "Bounce");
				events.add(event);
			}
			offset += bounces.size();
			if (offset >= body.path("TotalCount").asInt(0)) {
				break;
			}
		}
		return events;
	}

	/** GETs {@code uri} with the provider's credentials in {@code header}. */
	private static JsonNode get(ProviderHttp http, URI uri, String header, String credentials, String provider,
			String field) throws SmtpConnectionFailed {
		HttpResponse<String> response = http.send(http.request(uri).header(header, credentials).GET().build());
		if (response.statusCode() != 200) {
			String words = ProviderHttp.words(response.body(), field);
			if (response.statusCode() == 401 || response.statusCode() == 403) {
				throw new SmtpConnectionFailed("authentication",
						provider + " refused the credentials (HTTP " + response.statusCode() + "): " + words);
			}
			throw new SmtpConnectionFailed("protocol",
					provider + " answered HTTP " + response.statusCode() + ": " + words);
		}
		try {
			return ProviderHttp.JSON.readTree(response.body());
		}
		catch (IOException ex) {
			throw new SmtpConnectionFailed("protocol", provider + " answered something that is not JSON.");
		}
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
	}

}
