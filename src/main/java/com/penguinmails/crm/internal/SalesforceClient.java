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
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.stereotype.Component;

import com.penguinmails.crm.CrmProperties;
import com.penguinmails.crm.SalesforceProperties;
import com.penguinmails.shared.NetworkFailures;

/**
 * Salesforce's REST API as far as the import needs it, with a grant from
 * {@link SalesforceOAuth}. The calls go to the org's {@code instance_url}, checked by
 * {@link SalesforceOAuth#instance(String)}.
 * <p>
 * A 401 ({@code INVALID_SESSION_ID}) refreshes the access token once and tries again; a
 * refused refresh ({@code invalid_grant}) is {@link Unauthorized}. {@code 403
 * REQUEST_LIMIT_EXCEEDED}, a 503 (or another 5xx) and a broken connection are tried again
 * after an exponential backoff cut to {@link CrmProperties#maxWait()}, at most
 * {@link CrmProperties#retries()} times. Each answer's {@code Sforce-Limit-Info}
 * ({@code api-usage=used/max}) is kept on the session.
 */
@Component
public class SalesforceClient {

	/** The grant is gone (refresh refused, or refused again after a refresh). */
	public static final class Unauthorized extends RuntimeException {

		Unauthorized(String message) {
			super(message);
		}

	}

	/** Salesforce answered something else than asked, or not at all after the retries. */
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
	 * A grant: never logged, never returned.
	 *
	 * @param identity the identity URL ({@code …/id/<org id>/<user id>}), or null
	 */
	public record Tokens(String accessToken, String refreshToken, String instanceUrl, String identity) {

		@Override
		public String toString() {
			return "Tokens[instanceUrl=" + instanceUrl + "]";
		}

	}

	/**
	 * One record: {@code Id}, and every other field flattened ({@code Account.Name}), as
	 * text; null values left out.
	 */
	public record Record(String id, Map<String, String> fields) {
	}

	/**
	 * A page of a query.
	 *
	 * @param nextRecordsUrl the path of the next page, null on the last
	 * @param totalSize the number of records the query matches
	 */
	public record Page(List<Record> records, String nextRecordsUrl, long totalSize) {
	}

	/**
	 * One import's or test's calls with a grant: a refreshed grant replaces the old one
	 * and is handed to {@code refreshed} (to be stored). Not thread-safe.
	 */
	public static final class Session {

		private Tokens tokens;

		private final Consumer<Tokens> refreshed;

		private URI instance;

		private String usage;

		public Session(Tokens tokens, Consumer<Tokens> refreshed) {
			this.tokens = tokens;
			this.refreshed = refreshed;
		}

		/**
		 * The last {@code Sforce-Limit-Info} seen ({@code api-usage=25/15000}), or null.
		 */
		public String usage() {
			return usage;
		}

	}

	private static final Pattern USAGE = Pattern.compile("api-usage=(\\d+)/(\\d+)");

	private static final Pattern NEXT_RECORDS = Pattern.compile("/services/data/v[0-9.]+/query/[A-Za-z0-9_-]+");

	private final CrmProperties properties;

	private final SalesforceProperties salesforce;

	private final ObjectMapper json;

	private final HttpClient http;

	private final SalesforceOAuth oauth;

	SalesforceClient(CrmProperties properties, SalesforceProperties salesforce, SalesforceOAuth oauth,
			ObjectMapper json) {
		this.properties = properties;
		this.salesforce = salesforce;
		this.oauth = oauth;
		this.json = json;
		this.http = HttpClient.newBuilder()
			.connectTimeout(properties.timeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	/** {@code GET /services/data/{version}/limits}: the org's limits (Max, Remaining). */
	public JsonNode limits(Session session) {
		return get(session, "/services/data/" + salesforce.apiVersion() + "/limits");
	}

	/** The first page of a SOQL query ({@code GET /services/data/{version}/query?q=}). */
	public Page query(Session session, String soql) {
		return page(get(session, "/services/data/" + salesforce.apiVersion() + "/query?q=" + encode(soql)));
	}

	/**
	 * The next page, from the previous page's {@code nextRecordsUrl}.
	 * @throws Failed when it is not a query locator path
	 */
	public Page next(Session session, String nextRecordsUrl) {
		if (!NEXT_RECORDS.matcher(nextRecordsUrl).matches()) {
			throw new Failed(200, "Salesforce's nextRecordsUrl is not a query path: " + cut(nextRecordsUrl));
		}
		return page(get(session, nextRecordsUrl));
	}

	private Page page(JsonNode body) {
		List<Record> records = new ArrayList<>();
		for (JsonNode node : body.path("records")) {
			Map<String, String> fields = new LinkedHashMap<>();
			flatten("", node, fields);
			records.add(new Record(fields.remove("Id"), fields));
		}
		return new Page(records, text(body, "nextRecordsUrl"), body.path("totalSize").asLong(records.size()));
	}

	private static void flatten(String prefix, JsonNode node, Map<String, String> fields) {
		Iterator<Map.Entry<String, JsonNode>> it = node.fields();
		while (it.hasNext()) {
			Map.Entry<String, JsonNode> e = it.next();
			if ("attributes".equals(e.getKey()) || e.getValue().isNull()) {
				continue;
			}
			if (e.getValue().isObject()) {
				flatten(prefix + e.getKey() + ".", e.getValue(), fields);
			}
			else if (!e.getValue().isContainerNode()) {
				fields.put(prefix + e.getKey(), e.getValue().asText());
			}
		}
	}

	private JsonNode get(Session session, String path) {
		return read(call(session, path, null, "application/json").body());
	}

	/**
	 * One REST call on the session's instance, within the limits (see the class): a GET,
	 * or a POST of {@code json} when given.
	 * @return the 200 or 201 answer
	 */
	HttpResponse<String> call(Session session, String path, String json, String accept) {
		return call(session, json == null ? "GET" : "POST", path, json, accept);
	}

	/**
	 * One REST call with {@code method} ({@code GET}, {@code POST} or {@code PATCH}) and
	 * a JSON body for the latter two; within the limits as
	 * {@link #call(Session, String, String, String)}.
	 */
	HttpResponse<String> call(Session session, String method, String path, String json, String accept) {
		if (session.instance == null) {
			session.instance = oauth.instance(session.tokens.instanceUrl());
		}
		boolean refreshed = false;
		int attempt = 0;
		while (true) {
			HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(session.instance + path))
				.timeout(properties.timeout())
				.header("Authorization", "Bearer " + session.tokens.accessToken())
				.header("Accept", accept);
			HttpRequest request = (json == null ? builder.GET() : builder.header("Content-Type", "application/json")
				.method(method, HttpRequest.BodyPublishers.ofString(json))).build();
			HttpResponse<String> response;
			try {
				response = http.send(request, HttpResponse.BodyHandlers.ofString());
			}
			catch (IOException ex) {
				if (attempt++ >= properties.retries()) {
					throw new Failed(0, "Salesforce could not be reached: "
							+ NetworkFailures.why(request.uri().getHost(), ex) + ".");
				}
				pause(backoff(attempt));
				continue;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new Failed(0, "Interrupted while calling Salesforce.");
			}
			response.headers().firstValue("Sforce-Limit-Info").ifPresent(v -> session.usage = v);
			int status = response.statusCode();
			if (status == 200 || status == 201) {
				return response;
			}
			String code = errorCode(response.body());
			if (status == 401) {
				if (refreshed) {
					throw new Unauthorized("Salesforce refused the renewed session too (" + words(response.body())
							+ "): connect again.");
				}
				// INVALID_SESSION_ID: the access token expired; refresh once and retry.
				session.tokens = oauth.refresh(session.tokens);
				session.instance = oauth.instance(session.tokens.instanceUrl());
				session.refreshed.accept(session.tokens);
				refreshed = true;
				continue;
			}
			if ((status == 403 && "REQUEST_LIMIT_EXCEEDED".equals(code)) || status >= 500) {
				if (attempt++ >= properties.retries()) {
					throw new Failed(status, "Salesforce answered " + status + " " + attempt + " times ("
							+ words(response.body()) + ")" + limitWords(session) + ".");
				}
				pause(backoff(attempt));
				continue;
			}
			throw new Failed(status, "Salesforce answered " + status + ": " + words(response.body()));
		}
	}

	private static String limitWords(Session session) {
		Matcher m = session.usage == null ? null : USAGE.matcher(session.usage);
		return m != null && m.find() ? "; API requests used in the last 24 hours: " + m.group(1) + " of " + m.group(2)
				: "";
	}

	/** REST errors are {@code [{"message": …, "errorCode": …}]}. */
	private String errorCode(String body) {
		JsonNode first = first(body);
		return first == null ? null : first.path("errorCode").asText(null);
	}

	private String words(String body) {
		JsonNode first = first(body);
		if (first != null && first.hasNonNull("message")) {
			return cut(first.path("errorCode").asText("") + ": " + first.path("message").asText());
		}
		return body == null || body.isBlank() ? "no details" : cut(body.strip());
	}

	private JsonNode first(String body) {
		try {
			JsonNode node = json.readTree(body);
			return node != null && node.isArray() && !node.isEmpty() ? node.get(0) : null;
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	JsonNode read(String body) {
		try {
			return json.readTree(body);
		}
		catch (IOException ex) {
			throw new Failed(200, "Salesforce's answer is not JSON.");
		}
	}

	static String text(JsonNode node, String field) {
		JsonNode value = node.path(field);
		return value.isMissingNode() || value.isNull() || value.asText().isEmpty() ? null : value.asText();
	}

	static String cut(String text) {
		return text.length() > 200 ? text.substring(0, 200) + "…" : text;
	}

	private static Duration backoff(int attempt) {
		return Duration.ofMillis(500L << Math.min(attempt - 1, 6));
	}

	/** Waits {@code wanted}, cut to {@link CrmProperties#maxWait()}. */
	void pause(Duration wanted) {
		Duration wait = wanted.compareTo(properties.maxWait()) > 0 ? properties.maxWait() : wanted;
		try {
			Thread.sleep(Math.max(0, wait.toMillis()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new Failed(0, "Interrupted while waiting for Salesforce.");
		}
	}

	static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
