package com.penguinmails.crm;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;

import com.penguinmails.shared.WorkspaceRole;
import com.penguinmails.support.Api;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.ProviderApis;
import com.penguinmails.support.WebSession;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Connecting Salesforce with OAuth 2.0 (web server flow, PKCE) against WireMock speaking
 * Salesforce's documented shapes: the redirect's state and S256 challenge, the callback's
 * code exchange with the matching verifier, the grant stored encrypted and never
 * returned; forged, replayed, expired and foreign states refused; testing the connection
 * and disconnecting (revoked).
 */
@IntegrationTest
class SalesforceConnectTests {

	static final String CALLBACK = "/settings/crm/salesforce/callback";

	@Autowired
	Fixtures fixtures;

	WireMockServer server;

	@BeforeEach
	void stubs() {
		server = SalesforceStubs.reset();
	}

	@Test
	void theRedirectCarriesStateAndAnS256ChallengeAndTheCallbackExchangesTheCodeWithItsVerifier() throws Exception {
		Account account = fixtures.verifiedAccount("sf-connect");
		WebSession session = fixtures.signedIn(account);
		SalesforceStubs.codeExchanged(server);

		String location = session.get("/settings/crm/salesforce/connect").getResponse().getRedirectedUrl();

		assertThat(location).startsWith(ProviderApis.base() + "/salesforce-login/services/oauth2/authorize?");
		Map<String, String> params = params(location);
		assertThat(params).containsEntry("response_type", "code")
			.containsEntry("client_id", "test-consumer-key")
			.containsEntry("code_challenge_method", "S256")
			.containsKey("state");
		assertThat(params.get("redirect_uri")).endsWith("/settings/crm/salesforce/callback").startsWith("http://");
		assertThat(params.get("code_challenge")).matches("[A-Za-z0-9_-]{43}");
		assertThat(params.get("state")).matches("[A-Za-z0-9_-]{43}");

		MvcResult back = session.get(CALLBACK + "?code=" + SalesforceStubs.CODE + "&state=" + params.get("state"));

		assertThat(back.getResponse().getRedirectedUrl()).isEqualTo("/settings/crm/salesforce");
		assertThat((String) back.getFlashMap().get("notice")).contains("Salesforce connected")
			.contains("organisation ending in zPAK");
		List<LoggedRequest> exchanges = server.findAll(postRequestedFor(urlPathEqualTo(SalesforceStubs.TOKEN_PATH)));
		assertThat(exchanges).hasSize(1);
		Map<String, String> form = params("?" + exchanges.get(0).getBodyAsString());
		assertThat(form).containsEntry("grant_type", "authorization_code")
			.containsEntry("client_id", "test-consumer-key")
			.containsEntry("client_secret", "test-consumer-secret")
			.containsEntry("redirect_uri", params.get("redirect_uri"));
		// RFC 7636 §4.6: BASE64URL(SHA256(verifier)) is the challenge sent earlier.
		assertThat(Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(MessageDigest.getInstance("SHA-256")
				.digest(form.get("code_verifier").getBytes(StandardCharsets.US_ASCII))))
			.isEqualTo(params.get("code_challenge"));

		Api api = fixtures.api(account, "crm:read", "crm:write");
		JsonNode status = api.get("/api/v1/crm/salesforce").body();
		assertThat(status.path("configured").asBoolean()).isTrue();
		assertThat(status.path("connection").path("status").asText()).isEqualTo("connected");
		assertThat(status.path("connection").path("object").asText()).isEqualTo("Contact");
		assertThat(status.path("connection").path("targetList").asText()).isEqualTo("Salesforce");
		assertThat(status.toString()).doesNotContain(SalesforceStubs.ACCESS)
			.doesNotContain(SalesforceStubs.REFRESH_TOKEN)
			.doesNotContain(ProviderApis.base());
		byte[] stored = fixtures.jdbc()
			.sql("SELECT token FROM crm_connections WHERE workspace_id = ? AND crm = 'salesforce'")
			.param(account.workspaceId())
			.query(byte[].class)
			.single();
		assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("00DRO")
			.doesNotContain("5Aep861")
			.doesNotContain("127.0.0.1");
		fixtures.awaitEvents("AuditRecorder");
		assertThat(fixtures.jdbc()
			.sql("SELECT target FROM audit_events WHERE workspace_id = ? AND action = 'crm.salesforce.connected'")
			.param(account.workspaceId())
			.query(String.class)
			.list()).containsExactly("Salesforce, organisation ending in zPAK");
	}

	@Test
	void aForgedOrReplayedStateIsRefused() throws Exception {
		Account account = fixtures.verifiedAccount("sf-forged");
		WebSession session = fixtures.signedIn(account);
		SalesforceStubs.codeExchanged(server);

		MvcResult forged = session.get(CALLBACK + "?code=" + SalesforceStubs.CODE + "&state=forged-state-value");
		assertThat((String) forged.getFlashMap().get("error")).contains("does not belong to a connection");
		assertThat((String) session.get(CALLBACK + "?code=x").getFlashMap().get("error"))
			.contains("does not belong to a connection");

		String state = state(session);
		assertThat(
				session.get(CALLBACK + "?code=" + SalesforceStubs.CODE + "&state=" + state).getFlashMap().get("notice"))
			.isNotNull();
		MvcResult replayed = session.get(CALLBACK + "?code=" + SalesforceStubs.CODE + "&state=" + state);
		assertThat((String) replayed.getFlashMap().get("error")).contains("used already");
		server.verify(1, postRequestedFor(urlPathEqualTo(SalesforceStubs.TOKEN_PATH)));
	}

	@Test
	void anExpiredStateIsRefused() throws Exception {
		Account account = fixtures.verifiedAccount("sf-expired-state");
		WebSession session = fixtures.signedIn(account);
		SalesforceStubs.codeExchanged(server);
		String state = state(session);
		fixtures.jdbc()
			.sql("UPDATE crm_oauth_states SET expires_at = now() - interval '1 second' WHERE workspace_id = ?")
			.param(account.workspaceId())
			.update();

		MvcResult late = session.get(CALLBACK + "?code=" + SalesforceStubs.CODE + "&state=" + state);

		assertThat((String) late.getFlashMap().get("error")).contains("came too late");
		server.verify(0, postRequestedFor(urlPathEqualTo(SalesforceStubs.TOKEN_PATH)));
		assertThat(fixtures.api(account, "crm:read").get("/api/v1/crm/salesforce").body().has("connection")).isFalse();
	}

	@Test
	void aStateStartedByAnotherUserOrWorkspaceIsRefused() throws Exception {
		Account owner = fixtures.verifiedAccount("sf-state-owner");
		Account admin = fixtures.verifiedAccount("sf-state-admin");
		fixtures.join(owner, admin, WorkspaceRole.ADMIN);
		String state = state(fixtures.signedIn(owner));
		SalesforceStubs.codeExchanged(server);

		WebSession other = fixtures.signedIn(admin);
		other.post("/workspaces/switch", "workspaceId", owner.workspaceId().toString());
		MvcResult foreign = other.get(CALLBACK + "?code=" + SalesforceStubs.CODE + "&state=" + state);

		assertThat((String) foreign.getFlashMap().get("error")).contains("does not belong to a connection");
		server.verify(0, postRequestedFor(urlPathEqualTo(SalesforceStubs.TOKEN_PATH)));
	}

	@Test
	void aDeniedAuthorizationOrARefusedCodeConnectsNothing() throws Exception {
		Account account = fixtures.verifiedAccount("sf-denied");
		WebSession session = fixtures.signedIn(account);
		MvcResult denied = session.get(CALLBACK + "?error=access_denied&error_description=end-user+denied+authorization"
				+ "&state=" + state(session));
		assertThat((String) denied.getFlashMap().get("error")).contains("Access was not allowed");

		server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlPathEqualTo(SalesforceStubs.TOKEN_PATH))
			.willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
				.withStatus(400)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"error\":\"invalid_grant\",\"error_description\":\"expired authorization code\"}")));
		MvcResult refused = session.get(CALLBACK + "?code=old&state=" + state(session));
		assertThat((String) refused.getFlashMap().get("error")).contains("invalid_grant: expired authorization code");
		assertThat(fixtures.jdbc()
			.sql("SELECT count(*) FROM crm_connections WHERE workspace_id = ?")
			.param(account.workspaceId())
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void theApiStartsTheAuthorizationOnlyForAdminsAndTestsTheConnection() throws Exception {
		Account account = fixtures.verifiedAccount("sf-api");
		Api api = fixtures.api(account, "crm:read", "crm:write");
		Api.Response started = api.post("/api/v1/crm/salesforce/authorization", "");
		assertThat(started.status()).isEqualTo(200);
		assertThat(started.body().path("url").asText()).contains("code_challenge_method=S256");
		assertThat(started.body().path("expiresAt").asText()).isNotEmpty();
		assertThat(fixtures.api(account, "crm:read").post("/api/v1/crm/salesforce/authorization", "").status())
			.isEqualTo(403);
		Api.Response notConnected = api.post("/api/v1/crm/salesforce/test", "");
		assertThat(notConnected.status()).isEqualTo(404);
		assertThat(notConnected.raw().getContentType()).startsWith("application/problem+json");

		connect(account);
		SalesforceStubs.limits(server, SalesforceStubs.ACCESS);
		JsonNode test = api.post("/api/v1/crm/salesforce/test", "").body();
		assertThat(test.path("ok").asBoolean()).isTrue();
		assertThat(test.path("message").asText())
			.isEqualTo("Connected: Salesforce answered, 14998 of 15000 daily API " + "requests left.");
	}

	@Test
	void disconnectingRevokesTheGrantAndForgetsIt() throws Exception {
		Account account = fixtures.verifiedAccount("sf-disconnect");
		connect(account);
		SalesforceStubs.revokeAccepted(server);
		Api api = fixtures.api(account, "crm:read", "crm:write");

		assertThat(api.delete("/api/v1/crm/salesforce").status()).isEqualTo(204);

		server.verify(postRequestedFor(urlPathEqualTo("/salesforce-login/services/oauth2/revoke"))
			.withRequestBody(containing("token=" + SalesforceStubs.REFRESH_TOKEN)));
		assertThat(api.get("/api/v1/crm/salesforce").body().has("connection")).isFalse();
		assertThat(api.delete("/api/v1/crm/salesforce").status()).isEqualTo(404);
	}

	/** Connects the account's workspace through the redirect and the callback. */
	WebSession connect(Account account) throws Exception {
		return connect(fixtures, server, account);
	}

	/** Connects the account's workspace through the redirect and the callback. */
	static WebSession connect(Fixtures fixtures, WireMockServer server, Account account) throws Exception {
		SalesforceStubs.codeExchanged(server);
		WebSession session = fixtures.signedIn(account);
		MvcResult back = session.get(CALLBACK + "?code=" + SalesforceStubs.CODE + "&state=" + state(session));
		assertThat(back.getFlashMap().get("notice")).isNotNull();
		return session;
	}

	private static String state(WebSession session) throws Exception {
		return params(session.get("/settings/crm/salesforce/connect").getResponse().getRedirectedUrl()).get("state");
	}

	static Map<String, String> params(String url) {
		Map<String, String> params = new LinkedHashMap<>();
		for (String pair : url.substring(url.indexOf('?') + 1).split("&")) {
			int eq = pair.indexOf('=');
			params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
					URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
		}
		return params;
	}

}
