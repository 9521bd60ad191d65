package com.penguinmails.crm.internal;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

import com.penguinmails.crm.CrmProperties;
import com.penguinmails.shared.NetworkFailures;

/**
 * HubSpot's CRM API v3 as far as the import needs it, called with a private app token
 * ({@code Authorization: Bearer}). Stays within HubSpot's limits: after each answer it
 * reads {@code X-HubSpot-RateLimit-Remaining} and, when the window is spent, waits
 * {@code X-HubSpot-RateLimit-Interval-Milliseconds}; a 429 is retried after its
 * {@code Retry-After} (RFC 9110 §10.2.3, seconds), a 5xx or a broken connection after an
 * exponential backoff; every pause is cut to {@link CrmProperties#maxWait()}.
 */
@Component
public class HubSpotClient {

	/** The contact properties asked for besides the mapped custom ones. */
	public static final List<String> STANDARD_PROPERTIES = List.of("email", "firstname", "lastname", "company",
			"jobtitle", "phone", "website", "country", "hs_linkedin_url");

	/** HubSpot refused the token (401): it expired or was revoked. */
	public static final class Unauthorized extends RuntimeException {

		Unauthorized(String message) {
			super(message);
		}

	}

	/**
	 * HubSpot answered something else than asked, or could not be reached after the
	 * retries.
	 */
	public static final class Failed extends RuntimeException {

		private final int status;

		Failed(int status, String message) {
			super(message);
			this.status = status;
		}

		/** The HTTP status, or 0 when there was no answer. */
		public int status() {
			return status;
		}

	}

	/**
	 * One HubSpot contact.
	 *
	 * @param id HubSpot's record id (digits)
	 * @param properties the property values as HubSpot gave them (strings), missing or
	 * null ones left out
	 */
	public record Record(String id, Map<String, String> properties) {
	}

	/**
	 * A page of records and the cursor of the next ({@code paging.next.after}), null on
	 * the last page.
	 */
	public record Page(List<Record> records, String after) {
	}

	private final CrmProperties properties;

	private final ObjectMapper json;

	private final HttpClient http;

	HubSpotClient(CrmProperties properties, ObjectMapper json) {
		this.properties = properties;
		this.json = json;
		this.http = HttpClient.newBuilder()
			.connectTimeout(properties.timeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	/**
	 * Checks the token by reading one contact
	 * ({@code GET /crm/v3/objects/contacts?limit=1}).
	 * @throws Unauthorized on 401, {@link Failed} on anything else than 200
	 */
	public void check(String token) {
		call(token, HttpRequest.newBuilder(uri("/crm/v3/objects/contacts?limit=1")).GET());
	}

	/**
	 * A page of all contacts ({@code GET /crm/v3/objects/contacts}, not archived), with
	 * the standard properties and {@code extra}.
	 */
	public Page contacts(String token, String after, List<String> extra) {
		StringBuilder path = new StringBuilder("/crm/v3/objects/contacts?limit=").append(properties.pageSize())
			.append("&archived=false&properties=")
			.append(encode(String.join(",", propertyNames(extra))));
		if (after != null) {
			path.append("&after=").append(encode(after));
		}
		JsonNode body = call(token, HttpRequest.newBuilder(uri(path.toString())).GET());
		return new Page(records(body.path("results")), next(body));
	}

	/**
	 * A page of one list's members: the record ids from {@code GET
	 * /crm/v3/lists/{listId}/memberships}, then their properties through
	 * {@code POST /crm/v3/objects/contacts/batch/read}.
	 */
	public Page listMembers(String token, String listId, String after, List<String> extra) {
		StringBuilder path = new StringBuilder("/crm/v3/lists/").append(encode(listId))
			.append("/memberships?limit=")
			.append(properties.pageSize());
		if (after != null) {
			path.append("&after=").append(encode(after));
		}
		JsonNode members = call(token, HttpRequest.newBuilder(uri(path.toString())).GET());
		List<String> ids = new ArrayList<>();
		members.path("results").forEach(m -> ids.add(m.path("recordId").asText()));
		if (ids.isEmpty()) {
			return new Page(List.of(), next(members));
		}
		ObjectNode request = json.createObjectNode();
		ArrayNode names = request.putArray("properties");
		propertyNames(extra).forEach(names::add);
		ArrayNode inputs = request.putArray("inputs");
		ids.forEach(id -> inputs.addObject().put("id", id));
		JsonNode read = call(token,
				HttpRequest.newBuilder(uri("/crm/v3/objects/contacts/batch/read"))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(request.toString())));
		return new Page(records(read.path("results")), next(members));
	}

	/** POSTs JSON, within the limits; answers 200, 201 or 207. */
	Answer post(String token, String path, ObjectNode body) {
		return answer(token,
				HttpRequest.newBuilder(uri(path))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(body.toString())));
	}

	private static List<String> propertyNames(List<String> extra) {
		List<String> names = new ArrayList<>(STANDARD_PROPERTIES);
		extra.stream().filter(n -> !names.contains(n)).forEach(names::add);
		return names;
	}

	private static String next(JsonNode body) {
		JsonNode after = body.path("paging").path("next").path("after");
		return after.isMissingNode() || after.isNull() || after.asText().isEmpty() ? null : after.asText();
	}

	private static List<Record> records(JsonNode results) {
		List<Record> records = new ArrayList<>();
		for (JsonNode result : results) {
			Map<String, String> values = new LinkedHashMap<>();
			result.path("properties").fields().forEachRemaining(e -> {
				if (!e.getValue().isNull()) {
					values.put(e.getKey(), e.getValue().asText());
				}
			});
			JsonNode id = result.path("id");
			records.add(new Record(id.isMissingNode() || id.isNull() ? null : id.asText(), values));
		}
		return records;
	}

	private JsonNode call(String token, HttpRequest.Builder builder) {
		return answer(token, builder).body();
	}

	/** An answer: its status (200, 201 or 207) and body. */
	record Answer(int status, JsonNode body) {
	}

	private Answer answer(String token, HttpRequest.Builder builder) {
		HttpRequest request = builder.timeout(properties.timeout())
			.header("Authorization", "Bearer " + token)
			.header("Accept", "application/json")
			.build();
		int attempt = 0;
		while (true) {
			HttpResponse<String> response;
			try {
				response = http.send(request, HttpResponse.BodyHandlers.ofString());
			}
			catch (IOException ex) {
				if (attempt++ >= properties.retries()) {
					throw new Failed(0,
							"HubSpot could not be reached: " + NetworkFailures.why(request.uri().getHost(), ex) + ".");
				}
				pause(backoff(attempt));
				continue;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new Failed(0, "Interrupted while calling HubSpot.");
			}
			int status = response.statusCode();
			if (status == 200 || status == 201 || status == 207) {
				respectWindow(response);
				return new Answer(status, read(response.body()));
			}
			if (status == 401) {
				throw new Unauthorized("HubSpot refused the token (HTTP 401: " + sentence(message(response.body()))
						+ "): it expired or was revoked. Connect again with a valid private app token.");
			}
			if (status == 429 || status >= 500) {
				if (attempt++ >= properties.retries()) {
					throw new Failed(status,
							"HubSpot answered " + status + " " + attempt + " times: " + message(response.body()));
				}
				pause(status == 429 ? retryAfter(response).orElse(backoff(attempt)) : backoff(attempt));
				continue;
			}
			if (status == 403) {
				throw new Failed(status, "HubSpot refused access (HTTP 403: " + sentence(message(response.body()))
						+ "): give the private app the crm.objects.contacts.read, crm.objects.contacts.write and "
						+ "crm.lists.read scopes.");
			}
			throw new Failed(status, "HubSpot answered " + status + ": " + message(response.body()));
		}
	}

	/** HubSpot's error body carries {@code message}; anything else is cut short. */
	private String message(String body) {
		try {
			JsonNode node = json.readTree(body);
			String text = node.path("message").asText("");
			if (!text.isEmpty()) {
				return cut(text);
			}
		}
		catch (IOException | RuntimeException ex) {
			// not JSON: the text itself
		}
		return body == null || body.isBlank() ? "no details" : cut(body.strip());
	}

	/** The text without its closing full stop, to sit inside another sentence. */
	private static String sentence(String text) {
		return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
	}

	static String cut(String text) {
		return text.length() > 200 ? text.substring(0, 200) + "…" : text;
	}

	private JsonNode read(String body) {
		try {
			return json.readTree(body);
		}
		catch (IOException ex) {
			throw new Failed(200, "HubSpot's answer is not JSON.");
		}
	}

	/** When the window's calls are spent, wait for the next window. */
	private void respectWindow(HttpResponse<?> response) {
		Optional<Long> remaining = header(response, "X-HubSpot-RateLimit-Remaining");
		Optional<Long> interval = header(response, "X-HubSpot-RateLimit-Interval-Milliseconds");
		if (remaining.isPresent() && remaining.get() <= 0) {
			pause(Duration.ofMillis(interval.orElse(10_000L)));
		}
	}

	private static Optional<Duration> retryAfter(HttpResponse<?> response) {
		return header(response, "Retry-After").map(Duration::ofSeconds);
	}

	private static Optional<Long> header(HttpResponse<?> response, String name) {
		return response.headers().firstValue(name).flatMap(value -> {
			try {
				return Optional.of(Long.parseLong(value.strip()));
			}
			catch (NumberFormatException ex) {
				return Optional.empty();
			}
		});
	}

	private static Duration backoff(int attempt) {
		return Duration.ofMillis(500L << Math.min(attempt - 1, 6));
	}

	private void pause(Duration wanted) {
		Duration wait = wanted.compareTo(properties.maxWait()) > 0 ? properties.maxWait() : wanted;
		try {
			Thread.sleep(Math.max(0, wait.toMillis()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new Failed(0, "Interrupted while waiting for HubSpot's rate limit.");
		}
	}

	private URI uri(String path) {
		return URI.create(properties.hubspotUri() + path);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
