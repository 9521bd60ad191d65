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
import com.penguinmails.shared.NetworkPolicy;

/**
 * Salesforce's OAuth 2.0 web server flow and REST API as far as the import needs them.
 * <p>
 * OAuth (RFC 6749 with PKCE, RFC 7636) against the login server
 * ({@link SalesforceProperties#loginUri()}): the code is exchanged and the access token
 * refreshed at {@code /services/oauth2/token}, a token revoked at
 * {@code /services/oauth2/revoke} (RFC 7009). The REST calls go to the org's
 * {@code instance_url}, which must be https (or plain http where the installation allows
 * it) and pass {@link NetworkPolicy}.
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

	private final NetworkPolicy network;

	private final ObjectMapper json;

	private final HttpClient http;

	SalesforceClient(CrmProperties properties, SalesforceProperties salesforce, NetworkPolicy network,
			ObjectMapper json) {
		this.properties = properties;
		this.salesforce = salesforce;
		this.network = network;
		this.json = json;
		this.http = HttpClient.newBuilder()
			.connectTimeout(properties.timeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	/**
	 * The login server's authorization page for a web server flow: {@code response_type=
	 * code}, the connected app, {@code redirectUri}, {@code state} and the PKCE challenge
	 * (S256).
	 */
	public String authorizationUrl(String redirectUri, String state, String codeChallenge) {
		return salesforce.loginUri() + "/services/oauth2/authorize?response_type=code&client_id="
				+ encode(salesforce.clientId()) + "&redirect_uri=" + encode(redirectUri) + "&scope="
				+ encode("api refresh_token") + "&state=" + encode(state) + "&code_challenge=" + encode(codeChallenge)
				+ "&code_challenge_method=S256";
	}

	/**
	 * Exchanges an authorization code (RFC 6749 §4.1.3, with the RFC 7636 verifier).
	 * @throws Failed with Salesforce's words when refused (an expired code is
	 * {@code invalid_grant}) or unanswered; {@link NetworkPolicy.RefusedAddress} or
	 * {@link Failed} when the {@code instance_url} is not allowed
	 */
	public Tokens exchange(String code, String codeVerifier, String redirectUri) {
		JsonNode body = token(Map.of("grant_type", "authorization_code", "code", code, "client_id",
				salesforce.clientId(), "client_secret", salesforce.clientSecret(), "redirect_uri", redirectUri,
				"code_verifier", codeVerifier));
		Tokens tokens = new Tokens(text(body, "access_token"), text(body, "refresh_token"), text(body, "instance_url"),
				text(body, "id"));
		if (tokens.accessToken() == null || tokens.instanceUrl() == null) {
			throw new Failed(200, "Salesforce's token answer has no access_token or instance_url.");
		}
		if (tokens.refreshToken() == null) {
			throw new Failed(200, "Salesforce gave no refresh token: add the scope \"Perform requests at any time "
					+ "(refresh_token, offline_access)\" to the connected app, then connect again.");
		}
		instance(tokens.instanceUrl());
		return tokens;
	}

	/**
	 * A new access token from the refresh token (RFC 6749 §6); the refresh token stays.
	 * @throws Unauthorized when Salesforce refuses it ({@code invalid_grant}: expired or
	 * revoked)
	 */
	public Tokens refresh(Tokens old) {
		JsonNode body;
		try {
			body = token(Map.of("grant_type", "refresh_token", "refresh_token", old.refreshToken(), "client_id",
					salesforce.clientId(), "client_secret", salesforce.clientSecret()));
		}
		catch (Failed ex) {
			if (ex.status() == 400 || ex.status() == 401) {
				throw new Unauthorized("Salesforce refused to renew the session (" + ex.getMessage()
						+ "): the access was revoked or expired. Connect again.");
			}
			throw ex;
		}
		String access = text(body, "access_token");
		if (access == null) {
			throw new Failed(200, "Salesforce's refresh answer has no access_token.");
		}
		String instance = text(body, "instance_url");
		return new Tokens(access, old.refreshToken(), instance == null ? old.instanceUrl() : instance, old.identity());
	}

	/**
	 * Revokes a token (RFC 7009 §2.1); revoking the refresh token revokes its access
	 * tokens too. Best effort: a failure is ignored (the grant is forgotten here anyway).
	 */
	public void revoke(String token) {
		try {
			http.send(form(URI.create(salesforce.loginUri() + "/services/oauth2/revoke"), Map.of("token", token)),
					HttpResponse.BodyHandlers.discarding());
		}
		catch (IOException ex) {
			// RFC 7009 §2.2.1: nothing more the client can do.
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
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
		if (session.instance == null) {
			session.instance = instance(session.tokens.instanceUrl());
		}
		boolean refreshed = false;
		int attempt = 0;
		while (true) {
			HttpRequest request = HttpRequest.newBuilder(URI.create(session.instance + path))
				.timeout(properties.timeout())
				.header("Authorization", "Bearer " + session.tokens.accessToken())
				.header("Accept", "application/json")
				.GET()
				.build();
			HttpResponse<String> response;
			try {
				response = http.send(request, HttpResponse.BodyHandlers.ofString());
			}
			catch (IOException ex) {
				if (attempt++ >= properties.retries()) {
					throw new Failed(0, "Salesforce could not be reached: " + ex.getMessage());
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
			String code = errorCode(response.body());
			if (status == 200) {
				return read(response.body());
			}
			if (status == 401) {
				if (refreshed) {
					throw new Unauthorized("Salesforce refused the renewed session too (" + words(response.body())
							+ "): connect again.");
				}
				// INVALID_SESSION_ID: the access token expired; refresh once and retry.
				session.tokens = refresh(session.tokens);
				session.instance = instance(session.tokens.instanceUrl());
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

	/**
	 * The token endpoint's answer; a refusal is {@link Failed} with its RFC 6749 §5.2
	 * words.
	 */
	private JsonNode token(Map<String, String> params) {
		HttpRequest request = form(URI.create(salesforce.loginUri() + "/services/oauth2/token"), params);
		try {
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() == 200) {
				return read(response.body());
			}
			throw new Failed(response.statusCode(), oauthWords(response.body()));
		}
		catch (IOException ex) {
			throw new Failed(0, "Salesforce's login server could not be reached: " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new Failed(0, "Interrupted while calling Salesforce.");
		}
	}

	private HttpRequest form(URI uri, Map<String, String> params) {
		StringBuilder body = new StringBuilder();
		params
			.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(encode(k)).append('=').append(encode(v)));
		return HttpRequest.newBuilder(uri)
			.timeout(properties.timeout())
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body.toString()))
			.build();
	}

	/**
	 * The org's instance, checked: https (or http where allowed), no user info, and a
	 * host {@link NetworkPolicy} allows.
	 */
	private URI instance(String url) {
		URI uri;
		try {
			uri = URI.create(url.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new Failed(200, "Salesforce's instance_url is not a URL.");
		}
		boolean https = "https".equalsIgnoreCase(uri.getScheme());
		boolean http = "http".equalsIgnoreCase(uri.getScheme()) && salesforce.allowHttp();
		if ((!https && !http) || uri.getHost() == null || uri.getRawUserInfo() != null) {
			throw new Failed(200, "Salesforce's instance_url must be an https address: " + cut(url));
		}
		int port = uri.getPort() == -1 ? (https ? 443 : 80) : uri.getPort();
		network.check(uri.getHost(), port);
		return URI.create(uri.getScheme().toLowerCase() + "://" + uri.getRawAuthority());
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

	private String oauthWords(String body) {
		try {
			JsonNode node = json.readTree(body);
			if (node.hasNonNull("error")) {
				String description = node.path("error_description").asText("");
				return cut(node.path("error").asText() + (description.isEmpty() ? "" : ": " + description));
			}
		}
		catch (IOException | RuntimeException ex) {
			// not JSON: the text itself
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

	private JsonNode read(String body) {
		try {
			return json.readTree(body);
		}
		catch (IOException ex) {
			throw new Failed(200, "Salesforce's answer is not JSON.");
		}
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.path(field);
		return value.isMissingNode() || value.isNull() || value.asText().isEmpty() ? null : value.asText();
	}

	private static String cut(String text) {
		return text.length() > 200 ? text.substring(0, 200) + "…" : text;
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
			throw new Failed(0, "Interrupted while waiting for Salesforce.");
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
