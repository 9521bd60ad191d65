package com.penguinmails.crm;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.util.UriComponentsBuilder;

import com.penguinmails.crm.internal.CrmRepository;
import com.penguinmails.shared.PenguinMailsProperties;
import com.penguinmails.support.Api;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.ProviderApis;
import com.penguinmails.support.WebSession;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Connecting HubSpot through its OAuth 2.0 app against WireMock speaking HubSpot's
 * documented OAuth shapes: the authorize redirect, the callback's code exchange storing
 * encrypted tokens, a forged or replayed state refused, an access token refreshed before
 * an import and once after a 401 mid-import, two refreshes at once keeping one token, a
 * refused refresh marking the connection "Connect again", and disconnect revoking.
 */
@IntegrationTest
class HubSpotOAuthTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	HubSpotSync hubspot;

	@Autowired
	HubSpotConnections connections;

	@Autowired
	CrmRepository repository;

	@Autowired
	PenguinMailsProperties application;

	WireMockServer server;

	@BeforeEach
	void stubs() {
		server = HubSpotStubs.reset();
		HubSpotStubs.codeExchanged(server);
	}

	/**
	 * Starts at the page's link, follows HubSpot's consent and comes back with a code.
	 */
	private MvcResult connect(WebSession session) throws Exception {
		return session.get("/settings/crm/hubspot/callback?state=" + state(session) + "&code=" + HubSpotStubs.CODE);
	}

	private static String state(WebSession session) throws Exception {
		MvcResult start = session.get("/settings/crm/hubspot/connect");
		return UriComponentsBuilder.fromUriString(start.getResponse().getRedirectedUrl())
			.build()
			.getQueryParams()
			.getFirst("state");
	}

	@Test
	void connectRedirectsToHubSpotsConsentPageWithStateScopesAndRedirectUri() throws Exception {
		Account account = fixtures.verifiedAccount("crm-oauth-start");
		WebSession session = fixtures.signedIn(account);

		MvcResult start = session.get("/settings/crm/hubspot/connect");

		String location = start.getResponse().getRedirectedUrl();
		assertThat(location).startsWith(ProviderApis.base() + HubSpotStubs.AUTHORIZE_PATH + "?")
			.contains("scope=crm.objects.contacts.read%20crm.objects.contacts.write%20crm.lists.read");
		Map<String, List<String>> query = UriComponentsBuilder.fromUri(URI.create(location)).build().getQueryParams();
		assertThat(query.get("client_id")).containsExactly("test-hubspot-client-id");
		String base = application.baseUrl().toString().replaceAll("/$", "");
		assertThat(java.net.URLDecoder.decode(query.get("redirect_uri").get(0), StandardCharsets.UTF_8))
			.isEqualTo(base + "/settings/crm/hubspot/callback");
		String state = query.get("state").get(0);
		assertThat(state).matches("[A-Za-z0-9_-]{43}");
		// A new start gives a new state.
		assertThat(state(session)).isNotEqualTo(state);
		assertThat(session.get("/settings/crm").getResponse().getContentAsString()).contains("Connect with HubSpot")
			.contains("/settings/crm/hubspot/connect");
	}

	@Test
	void callbackExchangesTheCodeAndKeepsBothTokensEncryptedAndNeverReturned() throws Exception {
		Account account = fixtures.verifiedAccount("crm-oauth-callback");
		WebSession session = fixtures.signedIn(account);

		MvcResult callback = connect(session);

		assertThat(callback.getResponse().getRedirectedUrl()).isEqualTo("/settings/crm");
		assertThat((String) callback.getFlashMap().get("notice"))
			.startsWith("HubSpot connected with OAuth (HubSpot account 62515, analytical-demo.hubspot.com)");
		server.verify(postRequestedFor(urlPathEqualTo(HubSpotStubs.TOKEN_PATH))
			.withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
			.withRequestBody(containing("grant_type=authorization_code"))
			.withRequestBody(containing("code=" + HubSpotStubs.CODE))
			.withRequestBody(containing("client_id=test-hubspot-client-id"))
			.withRequestBody(containing("client_secret=test-hubspot-client-secret"))
			.withRequestBody(containing("redirect_uri=")));
		Map<String, Object> row = fixtures.jdbc()
			.sql("SELECT token, refresh_token, kind, access_expires_at, account FROM crm_connections WHERE workspace_id = ?")
			.param(account.workspaceId())
			.query()
			.singleRow();
		assertThat(row.get("kind")).isEqualTo("oauth");
		assertThat(row.get("account")).isEqualTo("62515, analytical-demo.hubspot.com");
		String stored = new String((byte[]) row.get("token"), StandardCharsets.ISO_8859_1)
				+ new String((byte[]) row.get("refresh_token"), StandardCharsets.ISO_8859_1);
		assertThat(stored).doesNotContain("access-one").doesNotContain("refresh-0b9e").doesNotContain("na1-7f3c");
		Instant expires = ((Timestamp) row.get("access_expires_at")).toInstant();
		assertThat(expires).isBetween(Instant.now().plusSeconds(1700), Instant.now().plusSeconds(1801));

		Api api = fixtures.api(account, "crm:read", "crm:write");
		JsonNode status = api.get("/api/v1/crm/hubspot").body();
		assertThat(status.path("connection").path("kind").asText()).isEqualTo("oauth");
		assertThat(status.path("connection").path("token").asText())
			.isEqualTo("OAuth, HubSpot account 62515, analytical-demo.hubspot.com");
		String page = session.get("/settings/crm").getResponse().getContentAsString();
		assertThat(page).contains("with OAuth (HubSpot account 62515, analytical-demo.hubspot.com)");
		for (String answer : List.of(status.toString(), api.get("/api/v1/crm/hubspot/imports").body().toString(),
				api.post("/api/v1/crm/hubspot/test", "").body().toString(), page)) {
			assertThat(answer).doesNotContain(HubSpotStubs.ACCESS_1).doesNotContain(HubSpotStubs.REFRESH);
		}
	}

	@Test
	void aForgedOrReplayedStateConnectsNothing() throws Exception {
		Account account = fixtures.verifiedAccount("crm-oauth-state");
		WebSession session = fixtures.signedIn(account);
		String state = state(session);

		MvcResult forged = session
			.get("/settings/crm/hubspot/callback?state=forged-by-another-site&code=" + HubSpotStubs.CODE);
		assertThat((String) forged.getFlashMap().get("error")).contains("does not belong to a connection started");
		// The forged answer used up the pending request: the real state is no good now.
		MvcResult late = session.get("/settings/crm/hubspot/callback?state=" + state + "&code=" + HubSpotStubs.CODE);
		assertThat((String) late.getFlashMap().get("error")).contains("does not belong");
		// Another browser session of the same user has nothing pending.
		MvcResult other = fixtures.signedIn(account)
			.get("/settings/crm/hubspot/callback?state=" + state(session) + "&code=" + HubSpotStubs.CODE);
		assertThat((String) other.getFlashMap().get("error")).contains("does not belong");
		server.verify(0, postRequestedFor(urlPathEqualTo(HubSpotStubs.TOKEN_PATH)));

		String good = state(session);
		assertThat((String) session.get("/settings/crm/hubspot/callback?state=" + good + "&code=" + HubSpotStubs.CODE)
			.getFlashMap()
			.get("notice")).startsWith("HubSpot connected with OAuth");
		MvcResult replayed = session.get("/settings/crm/hubspot/callback?state=" + good + "&code=" + HubSpotStubs.CODE);
		assertThat((String) replayed.getFlashMap().get("error")).contains("does not belong");
		server.verify(1, postRequestedFor(urlPathEqualTo(HubSpotStubs.TOKEN_PATH)));
	}

	@Test
	void anAccessTokenEndingWithinAMinuteIsRefreshedBeforeTheImport() throws Exception {
		Account account = fixtures.verifiedAccount("crm-oauth-soon");
		connect(fixtures.signedIn(account));
		expiresIn(account, 30);
		HubSpotStubs.refreshGives(server, 0);
		HubSpotStubs.pageFor(server, HubSpotStubs.ACCESS_2, null, "contacts-page-3.json");

		HubSpotSync.Run run = hubspot.importNow(account.owner());

		assertThat(run.status()).isEqualTo("done");
		assertThat(run.pages()).isEqualTo(1);
		assertThat(run.created()).isEqualTo(1);
		server.verify(1,
				postRequestedFor(urlPathEqualTo(HubSpotStubs.TOKEN_PATH))
					.withRequestBody(containing("grant_type=refresh_token"))
					.withRequestBody(containing("refresh_token=" + HubSpotStubs.REFRESH))
					.withRequestBody(containing("client_secret=test-hubspot-client-secret")));
		server.verify(0, getRequestedFor(urlPathEqualTo(HubSpotStubs.CONTACTS)).withHeader("Authorization",
				equalTo("Bearer " + HubSpotStubs.ACCESS_1)));
		Instant expires = repository.connection(account.workspaceId(), "hubspot").orElseThrow().accessExpiresAt();
		assertThat(expires).isAfter(Instant.now().plusSeconds(1700));
	}

	@Test
	void a401MidImportIsRefreshedOnceAndTheImportFinishes() throws Exception {
		Account account = fixtures.verifiedAccount("crm-oauth-401");
		connect(fixtures.signedIn(account));
		HubSpotStubs.refreshGives(server, 0);
		HubSpotStubs.pageFor(server, HubSpotStubs.ACCESS_1, null, "contacts-page-1.json");
		// HubSpot revoked the access token between the first and the second page.
		HubSpotStubs.pageRefusedFor(server, HubSpotStubs.ACCESS_1, "103");
		HubSpotStubs.pageFor(server, HubSpotStubs.ACCESS_2, "103", "contacts-page-2.json");
		HubSpotStubs.pageFor(server, HubSpotStubs.ACCESS_2, "105", "contacts-page-3.json");

		HubSpotSync.Run run = hubspot.importNow(account.owner());

		assertThat(run.status()).isEqualTo("done");
		assertThat(run.pages()).isEqualTo(3);
		assertThat(run.created()).isEqualTo(4);
		server.verify(1, postRequestedFor(urlPathEqualTo(HubSpotStubs.TOKEN_PATH))
			.withRequestBody(containing("grant_type=refresh_token")));
		assertThat(connections.connection(account.owner()).orElseThrow().status()).isEqualTo("connected");
	}

	@Test
	void twoNodesRefreshingAtOnceRefreshOnceAndBothUseTheNewToken() throws Exception {
		Account account = fixtures.verifiedAccount("crm-oauth-race");
		connect(fixtures.signedIn(account));
		expiresIn(account, 10);
		HubSpotStubs.refreshGives(server, 400);
		CrmRepository.ConnectionRow stale = repository.connection(account.workspaceId(), "hubspot").orElseThrow();
		CountDownLatch go = new CountDownLatch(1);

		List<CompletableFuture<String>> tokens = List.of(1, 2).stream().map(n -> CompletableFuture.supplyAsync(() -> {
			try {
				go.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return connections.token(stale);
		})).toList();
		go.countDown();

		assertThat(tokens).allSatisfy(t -> assertThat(t.get()).isEqualTo(HubSpotStubs.ACCESS_2));
		server.verify(1, postRequestedFor(urlPathEqualTo(HubSpotStubs.TOKEN_PATH))
			.withRequestBody(containing("grant_type=refresh_token")));
	}

	@Test
	void aRefusedRefreshMarksTheConnectionConnectAgainWithHubSpotsWords() throws Exception {
		Account account = fixtures.verifiedAccount("crm-oauth-refused");
		WebSession session = fixtures.signedIn(account);
		connect(session);
		expiresIn(account, 5);
		HubSpotStubs.refreshRefused(server);

		HubSpotSync.Run run = hubspot.importNow(account.owner());

		assertThat(run.status()).isEqualTo("failed");
		assertThat(run.message()).contains("BAD_REFRESH_TOKEN: missing or unknown refresh token");
		HubSpotConnections.Connection connection = connections.connection(account.owner()).orElseThrow();
		assertThat(connection.status()).isEqualTo("expired");
		assertThat(connection.statusLabel()).isEqualTo("Connect again");
		assertThat(connection.message()).contains("missing or unknown refresh token").contains("Connect again");
		assertThat(session.get("/settings/crm").getResponse().getContentAsString())
			.contains("Connect with HubSpot again")
			.contains("missing or unknown refresh token");
		server.verify(0, getRequestedFor(urlPathEqualTo(HubSpotStubs.CONTACTS)));
	}

	@Test
	void disconnectRevokesTheRefreshTokenAndForgetsBothTokens() throws Exception {
		Account account = fixtures.verifiedAccount("crm-oauth-revoke");
		WebSession session = fixtures.signedIn(account);
		connect(session);
		HubSpotStubs.revoke(server, false);

		MvcResult done = session.post("/settings/crm/hubspot/disconnect");

		assertThat((String) done.getFlashMap().get("notice")).contains("its access was revoked");
		server.verify(1, deleteRequestedFor(urlPathEqualTo(HubSpotStubs.REVOKE_PATH)));
		assertThat(repository.connection(account.workspaceId(), "hubspot")).isEmpty();
	}

	@Test
	void aFailingRevokeIsSaidButTheTokensAreForgottenAnyway() throws Exception {
		Account account = fixtures.verifiedAccount("crm-oauth-revoke-fails");
		WebSession session = fixtures.signedIn(account);
		connect(session);
		HubSpotStubs.revoke(server, true);

		MvcResult done = session.post("/settings/crm/hubspot/disconnect");

		assertThat((String) done.getFlashMap().get("notice")).contains("HubSpot did not revoke the access")
			.contains("Internal error, please try again");
		assertThat(repository.connection(account.workspaceId(), "hubspot")).isEmpty();
	}

	@Test
	void aPrivateAppTokenStillWorksAndIsNeitherRefreshedNorRevoked() throws Exception {
		Account account = fixtures.verifiedAccount("crm-oauth-pat");
		WebSession session = fixtures.signedIn(account);
		HubSpotStubs.tokenAccepted(server);
		Api api = fixtures.api(account, "crm:read", "crm:write");
		assertThat(api.put("/api/v1/crm/hubspot", "{\"token\":\"" + HubSpotStubs.TOKEN + "\"}").status())
			.isEqualTo(200);
		assertThat(api.get("/api/v1/crm/hubspot").body().path("connection").path("kind").asText()).isEqualTo("token");
		assertThat(session.get("/settings/crm").getResponse().getContentAsString())
			.contains("with the private app token ending in e4f5");

		assertThat(connections.token(repository.connection(account.workspaceId(), "hubspot").orElseThrow()))
			.isEqualTo(HubSpotStubs.TOKEN);
		assertThat(api.delete("/api/v1/crm/hubspot").status()).isEqualTo(204);

		server.verify(0, postRequestedFor(urlPathEqualTo(HubSpotStubs.TOKEN_PATH)));
		server.verify(0, deleteRequestedFor(urlPathEqualTo(HubSpotStubs.REVOKE_PATH)));
	}

	private void expiresIn(Account account, int seconds) {
		fixtures.jdbc()
			.sql("UPDATE crm_connections SET access_expires_at = ? WHERE workspace_id = ?")
			.params(Timestamp.from(Instant.now().plusSeconds(seconds)), account.workspaceId())
			.update();
	}

}
