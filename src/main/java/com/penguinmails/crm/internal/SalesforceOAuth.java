package com.penguinmails.crm.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.stereotype.Component;

import com.penguinmails.crm.CrmProperties;
import com.penguinmails.crm.SalesforceProperties;
import com.penguinmails.crm.internal.SalesforceClient.Failed;
import com.penguinmails.crm.internal.SalesforceClient.Tokens;
import com.penguinmails.crm.internal.SalesforceClient.Unauthorized;
import com.penguinmails.shared.NetworkPolicy;
import com.penguinmails.shared.NetworkFailures;

import static com.penguinmails.crm.internal.SalesforceClient.cut;
import static com.penguinmails.crm.internal.SalesforceClient.encode;
import static com.penguinmails.crm.internal.SalesforceClient.text;

/**
 * Salesforce's OAuth 2.0 web server flow (RFC 6749 §4.1 with PKCE, RFC 7636) against the
 * login server ({@link SalesforceProperties#loginUri()}): the authorization URL, the code
 * exchanged and the access token refreshed at {@code /services/oauth2/token}, a token
 * revoked at {@code /services/oauth2/revoke} (RFC 7009). The grant's {@code instance_url}
 * must be https (or plain http where the installation allows it) and pass
 * {@link NetworkPolicy}.
 */
@Component
public class SalesforceOAuth {

	private final CrmProperties properties;

	private final SalesforceProperties salesforce;

	private final NetworkPolicy network;

	private final ObjectMapper json;

	private final HttpClient http;

	SalesforceOAuth(CrmProperties properties, SalesforceProperties salesforce, NetworkPolicy network,
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
			throw new Failed(0, "Salesforce's login server could not be reached: "
					+ NetworkFailures.why(request.uri().getHost(), ex) + ".");
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
	public URI instance(String url) {
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

	private JsonNode read(String body) {
		try {
			return json.readTree(body);
		}
		catch (IOException ex) {
			throw new Failed(200, "Salesforce's answer is not JSON.");
		}
	}

}
