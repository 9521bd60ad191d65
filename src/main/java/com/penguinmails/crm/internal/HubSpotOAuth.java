package com.penguinmails.crm.internal;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

import com.penguinmails.crm.CrmProperties;
import com.penguinmails.crm.HubSpotOAuthProperties;
import com.penguinmails.shared.PenguinMailsProperties;
import com.penguinmails.shared.NetworkFailures;

/**
 * HubSpot's side of OAuth 2.0 (RFC 6749 authorization code grant) for its public apps, in
 * the shapes HubSpot documents: the consent page
 * ({@code https://app.hubspot.com/oauth/authorize?client_id&redirect_uri&scope&state}),
 * {@code POST /oauth/v1/token} (form-encoded, {@code grant_type=authorization_code} or
 * {@code refresh_token}; answer {@code access_token}, {@code refresh_token},
 * {@code expires_in} in seconds), {@code GET /oauth/v1/access-tokens/{token}} (the
 * account: {@code hub_id}, {@code hub_domain}) and {@code DELETE
 * /oauth/v1/refresh-tokens/{token}} (revocation). HubSpot's refusals carry its error body
 * ({@code status}, {@code message}), e.g. {@code BAD_REFRESH_TOKEN}.
 */
@Component
public class HubSpotOAuth {

	/** Where HubSpot sends the browser back. */
	public static final String CALLBACK_PATH = "/settings/crm/hubspot/callback";

	/**
	 * An authorization request waiting for HubSpot's answer, kept in the user's session.
	 *
	 * @param state the RFC 6749 §10.12 state the answer must carry (256 random bits)
	 * @param workspaceId the workspace the account is connected to
	 */
	public record Pending(String state, UUID workspaceId) implements java.io.Serializable {

		/** Whether {@code state} is this request's, compared in constant time. */
		public boolean matches(String given) {
			return given != null && MessageDigest.isEqual(state.getBytes(StandardCharsets.UTF_8),
					given.getBytes(StandardCharsets.UTF_8));
		}

	}

	/**
	 * Tokens HubSpot issued.
	 *
	 * @param accessToken the access token (Bearer)
	 * @param refreshToken the refresh token
	 * @param expiresIn the access token's life in seconds ({@code expires_in})
	 */
	public record Tokens(String accessToken, String refreshToken, long expiresIn) {

		@Override
		public String toString() {
			return "Tokens[expiresIn=" + expiresIn + "]";
		}

	}

	/**
	 * HubSpot refused the grant (400 {@code BAD_REFRESH_TOKEN}, {@code BAD_AUTH_CODE} or
	 * {@code invalid_grant}): the refresh token was revoked or the app uninstalled, or
	 * the code was used or expired. The message is HubSpot's words.
	 */
	public static final class Refused extends RuntimeException {

		Refused(String message) {
			super(message);
		}

	}

	private static final SecureRandom RANDOM = new SecureRandom();

	private final HubSpotOAuthProperties oauth;

	private final CrmProperties properties;

	private final ObjectMapper json;

	private final HttpClient http;

	private final String redirectUri;

	HubSpotOAuth(HubSpotOAuthProperties oauth, CrmProperties properties, PenguinMailsProperties application,
			ObjectMapper json) {
		this.oauth = oauth;
		this.properties = properties;
		this.json = json;
		this.http = HttpClient.newBuilder()
			.connectTimeout(properties.timeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		String base = application.baseUrl().toString();
		this.redirectUri = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + CALLBACK_PATH;
	}

	/** A new pending request for the workspace, with a fresh state. */
	public Pending start(UUID workspaceId) {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return new Pending(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), workspaceId);
	}

	/** HubSpot's consent page for {@code pending}, scopes space-separated (%20). */
	public String authorizationUrl(Pending pending) {
		return UriComponentsBuilder.fromUri(oauth.authorizeUri())
			.queryParam("client_id", oauth.clientId())
			.queryParam("redirect_uri", redirectUri)
			.queryParam("scope", HubSpotOAuthProperties.SCOPES)
			.queryParam("state", pending.state())
			.encode()
			.toUriString();
	}

	public String redirectUri() {
		return redirectUri;
	}

	/**
	 * Exchanges the code HubSpot returned (RFC 6749 §4.1.3).
	 * @throws Refused when HubSpot refuses the code; {@link HubSpotClient.Failed} when it
	 * answers otherwise or cannot be reached
	 */
	public Tokens exchange(String code) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("grant_type", "authorization_code");
		form.put("client_id", oauth.clientId());
		form.put("client_secret", oauth.clientSecret());
		form.put("redirect_uri", redirectUri);
		form.put("code", code);
		return token(form);
	}

	/**
	 * A new access token from the refresh token (RFC 6749 §6); HubSpot answers the same
	 * or a new refresh token, which is kept.
	 * @throws Refused when the refresh token was revoked or the app uninstalled;
	 * {@link HubSpotClient.Failed} when HubSpot answers otherwise or cannot be reached
	 */
	public Tokens refresh(String refreshToken) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("grant_type", "refresh_token");
		form.put("client_id", oauth.clientId());
		form.put("client_secret", oauth.clientSecret());
		form.put("redirect_uri", redirectUri);
		form.put("refresh_token", refreshToken);
		Tokens tokens = token(form);
		return tokens.refreshToken() == null ? new Tokens(tokens.accessToken(), refreshToken, tokens.expiresIn())
				: tokens;
	}

	/**
	 * The HubSpot account an access token belongs to ({@code hub_id}, and
	 * {@code hub_domain} after a comma when given), e.g. {@code 62515, demo.hubspot.com}.
	 * @throws HubSpotClient.Failed when HubSpot does not answer 200
	 */
	public String account(String accessToken) {
		HttpResponse<String> response = send(
				HttpRequest.newBuilder(uri("/oauth/v1/access-tokens/" + encode(accessToken))).GET());
		if (response.statusCode() != 200) {
			throw new HubSpotClient.Failed(response.statusCode(),
					"HubSpot did not describe the token (" + response.statusCode() + ": " + words(response) + ").");
		}
		JsonNode body = read(response.body());
		String hub = body.path("hub_id").asText("");
		String domain = body.path("hub_domain").asText("");
		String account = domain.isEmpty() ? hub : hub + ", " + domain;
		return account.length() > 100 ? account.substring(0, 100) : account;
	}

	/**
	 * Revokes the refresh token ({@code DELETE /oauth/v1/refresh-tokens/{token}}, 204).
	 * @throws HubSpotClient.Failed when HubSpot answers otherwise (its words) or cannot
	 * be reached
	 */
	public void revoke(String refreshToken) {
		HttpResponse<String> response = send(
				HttpRequest.newBuilder(uri("/oauth/v1/refresh-tokens/" + encode(refreshToken))).DELETE());
		if (response.statusCode() != 204 && response.statusCode() != 200) {
			throw new HubSpotClient.Failed(response.statusCode(),
					"HubSpot answered " + response.statusCode() + ": " + words(response));
		}
	}

	private Tokens token(Map<String, String> form) {
		String body = form.entrySet()
			.stream()
			.map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
			.collect(Collectors.joining("&"));
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/oauth/v1/token"))
			.header("Content-Type", "application/x-www-form-urlencoded;charset=utf-8")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
		int status = response.statusCode();
		if (status == 200) {
			JsonNode answer = read(response.body());
			String access = answer.path("access_token").asText("");
			if (access.isEmpty()) {
				throw new HubSpotClient.Failed(200, "HubSpot's answer carries no access token.");
			}
			String refresh = answer.path("refresh_token").asText("");
			return new Tokens(access, refresh.isEmpty() ? null : refresh, answer.path("expires_in").asLong(1800));
		}
		if (status == 400 || status == 401) {
			JsonNode error = readQuietly(response.body());
			String code = error.path("status").asText(error.path("error").asText(""));
			// A refusal of the grant itself; BAD_CLIENT_ID, BAD_CLIENT_SECRET or
			// BAD_REDIRECT_URI are this installation's settings and stay failures.
			if ("BAD_REFRESH_TOKEN".equals(code) || "BAD_AUTH_CODE".equals(code) || "invalid_grant".equals(code)) {
				throw new Refused(code.isEmpty() ? words(response) : code + ": " + words(response));
			}
		}
		throw new HubSpotClient.Failed(status, "HubSpot answered " + status + ": " + words(response));
	}

	private HttpResponse<String> send(HttpRequest.Builder builder) {
		HttpRequest request = builder.timeout(properties.timeout()).header("Accept", "application/json").build();
		try {
			return http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new HubSpotClient.Failed(0,
					"HubSpot could not be reached: " + NetworkFailures.why(request.uri().getHost(), ex) + ".");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new HubSpotClient.Failed(0, "Interrupted while calling HubSpot.");
		}
	}

	/**
	 * HubSpot's {@code message} (or the RFC 6749 {@code error_description}), cut short.
	 */
	private String words(HttpResponse<String> response) {
		JsonNode body = readQuietly(response.body());
		String text = body.path("message").asText(body.path("error_description").asText(""));
		if (text.isEmpty()) {
			text = response.body() == null || response.body().isBlank() ? "no details" : response.body().strip();
		}
		return text.length() > 200 ? text.substring(0, 200) + "…" : text;
	}

	private JsonNode read(String body) {
		try {
			return json.readTree(body);
		}
		catch (IOException ex) {
			throw new HubSpotClient.Failed(200, "HubSpot's answer is not JSON.");
		}
	}

	private JsonNode readQuietly(String body) {
		try {
			JsonNode node = body == null ? null : json.readTree(body);
			return node == null ? json.createObjectNode() : node;
		}
		catch (IOException ex) {
			return json.createObjectNode();
		}
	}

	private URI uri(String path) {
		return URI.create(properties.hubspotUri() + path);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
