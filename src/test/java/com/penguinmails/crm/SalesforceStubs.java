package com.penguinmails.crm;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import com.penguinmails.support.ProviderApis;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.notMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * Salesforce on {@link ProviderApis}: the login server under {@code /salesforce-login}
 * (OAuth 2.0 authorize, token and revoke endpoints) and the org's instance at the
 * server's root ({@code instance_url} is the server itself; REST paths
 * {@code /services/data/v60.0/…}), answering with the fixtures in
 * {@code src/test/resources/crm/salesforce}, written in the shapes Salesforce documents:
 * the token response ({@code access_token}, {@code refresh_token}, {@code instance_url},
 * {@code id}), RFC 6749 §5.2 errors ({@code invalid_grant}), the REST query result
 * ({@code totalSize}, {@code done}, {@code nextRecordsUrl}, {@code records} with
 * {@code attributes}), REST errors ({@code [{"message", "errorCode"}]}) and the
 * {@code Sforce-Limit-Info} header.
 */
final class SalesforceStubs {

	static final String LOGIN = "/salesforce-login";

	static final String TOKEN_PATH = LOGIN + "/services/oauth2/token";

	static final String QUERY = "/services/data/v60.0/query";

	/** A count query. */
	static final String COUNT = "SELECT COUNT\\(\\).*";

	static final String ACCESS = "00DRO000000x1Yz!AQ4AQFirstAccessTokenFromTheCodeExchange.k9vN2qz";

	static final String REFRESHED = "00DRO000000x1Yz!AQ4AQSecondAccessTokenFromTheRefresh.p2Lm7wx";

	static final String REFRESH_TOKEN = "5Aep861TSESvWeug_xvFHRBTTbf_YrTWgEyjBJrHaVb7bSYx1oP3G1zHqDo8s6Xl0dQ";

	static final String CODE = "aPrxsmIEeqM9PiQroGEWx1UiMQd95_5JUZVEhsOFhS8EVvbfYBBJli2W5fn3zbo";

	private SalesforceStubs() {
	}

	static WireMockServer reset() {
		WireMockServer server = ProviderApis.shared();
		server.resetAll();
		return server;
	}

	/**
	 * The authorization page: sends the browser straight back to {@code redirect_uri}
	 * with a code and the state, as Salesforce does once the user allowed access.
	 */
	static void authorizeAllows(WireMockServer server) {
		server.stubFor(get(urlPathEqualTo(LOGIN + "/services/oauth2/authorize")).willReturn(aResponse().withStatus(302)
			.withHeader("Location", "{{request.query.redirect_uri}}?code=" + CODE + "&state={{request.query.state}}")
			.withTransformers("response-template")));
	}

	/** The code exchange (with a PKCE verifier) answers the grant. */
	static void codeExchanged(WireMockServer server) {
		server.stubFor(post(urlPathEqualTo(TOKEN_PATH)).withRequestBody(containing("grant_type=authorization_code"))
			.withRequestBody(containing("code=" + CODE))
			.withRequestBody(matching(".*code_verifier=[A-Za-z0-9_-]{43}.*"))
			.willReturn(json(200, grant("token.json"))));
	}

	/** The refresh answers a new access token. */
	static void refreshAnswers(WireMockServer server) {
		server.stubFor(post(urlPathEqualTo(TOKEN_PATH)).withRequestBody(containing("grant_type=refresh_token"))
			.withRequestBody(containing("refresh_token=" + REFRESH_TOKEN))
			.willReturn(json(200, grant("refreshed.json"))));
	}

	/** The refresh is refused: {@code invalid_grant} (revoked or expired). */
	static void refreshRefused(WireMockServer server) {
		server.stubFor(post(urlPathEqualTo(TOKEN_PATH)).withRequestBody(containing("grant_type=refresh_token"))
			.willReturn(json(400, HubSpotStubs.fixture("salesforce/error-invalid-grant.json"))));
	}

	static void revokeAccepted(WireMockServer server) {
		server.stubFor(post(urlPathEqualTo(LOGIN + "/services/oauth2/revoke")).willReturn(aResponse().withStatus(200)));
	}

	/** Any REST call with {@code access} answers 401 INVALID_SESSION_ID. */
	static void sessionExpired(WireMockServer server, String access) {
		server.stubFor(get(urlPathMatchingRest()).withHeader("Authorization", equalTo("Bearer " + access))
			.atPriority(1)
			.willReturn(json(401, HubSpotStubs.fixture("salesforce/error-invalid-session.json"))));
	}

	static void limits(WireMockServer server, String access) {
		server.stubFor(get(urlPathEqualTo("/services/data/v60.0/limits"))
			.withHeader("Authorization", equalTo("Bearer " + access))
			.willReturn(ok("limits.json")));
	}

	/** Three pages of two: the query, then the locators {@code -2} and {@code -4}. */
	static void threePages(WireMockServer server, String access) {
		count(server, access, 6);
		server.stubFor(query(access).willReturn(ok("contacts-page-1.json")));
		server.stubFor(get(urlPathEqualTo(QUERY + "/01gRO00000AbCdEYAV-2"))
			.withHeader("Authorization", equalTo("Bearer " + access))
			.willReturn(ok("contacts-page-2.json")));
		server.stubFor(get(urlPathEqualTo(QUERY + "/01gRO00000AbCdEYAV-4"))
			.withHeader("Authorization", equalTo("Bearer " + access))
			.willReturn(ok("contacts-page-3.json")));
	}

	/** The query is one page of {@code fixture}. */
	static void onePage(WireMockServer server, String access, String fixture) {
		count(server, access, 1);
		server.stubFor(query(access).willReturn(ok(fixture)));
	}

	/** The first query is refused with 403 REQUEST_LIMIT_EXCEEDED, the next answers. */
	static void limitExceededThenOk(WireMockServer server, String access, String fixture) {
		count(server, access, 1);
		server.stubFor(query(access).inScenario("limit")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(json(403, HubSpotStubs.fixture("salesforce/error-request-limit.json"))
				.withHeader("Sforce-Limit-Info", "api-usage=15000/15000"))
			.willSetStateTo("answered"));
		server.stubFor(query(access).inScenario("limit").whenScenarioStateIs("answered").willReturn(ok(fixture)));
	}

	/** A query other than a count. */
	static MappingBuilder query(String access) {
		return get(urlPathEqualTo(QUERY)).withQueryParam("q", notMatching(COUNT))
			.withHeader("Authorization", equalTo("Bearer " + access));
	}

	/**
	 * {@code SELECT COUNT() …} answers {@code total} (no records, as Salesforce does).
	 */
	static void count(WireMockServer server, String access, long total) {
		server.stubFor(get(urlPathEqualTo(QUERY)).withQueryParam("q", matching(COUNT))
			.withHeader("Authorization", equalTo("Bearer " + access))
			.willReturn(json(200, "{\"totalSize\":" + total + ",\"done\":true,\"records\":[]}")));
	}

	/**
	 * 2,500 records by the count: a Bulk API 2.0 query job (UploadComplete, then
	 * InProgress, then JobComplete) whose results are two CSV pages (the
	 * {@code Sforce-Locator} of the first names the second; the second's is
	 * {@code null}).
	 */
	static void bulkJob(WireMockServer server, String access) {
		count(server, access, 2500);
		String job = "/services/data/v60.0/jobs/query";
		String id = "750RO00000Bulk1YAA";
		server.stubFor(post(urlPathEqualTo(job)).withHeader("Authorization", equalTo("Bearer " + access))
			.withRequestBody(matchingJsonPath("$.operation", equalTo("query")))
			.willReturn(json(200, HubSpotStubs.fixture("salesforce/bulk-job.json"))));
		server.stubFor(get(urlPathEqualTo(job + "/" + id)).inScenario("bulk")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(
					json(200, HubSpotStubs.fixture("salesforce/bulk-job.json").replace("UploadComplete", "InProgress")))
			.willSetStateTo("complete"));
		server.stubFor(get(urlPathEqualTo(job + "/" + id)).inScenario("bulk")
			.whenScenarioStateIs("complete")
			.willReturn(json(200,
					HubSpotStubs.fixture("salesforce/bulk-job.json").replace("UploadComplete", "JobComplete"))));
		server.stubFor(get(urlPathEqualTo(job + "/" + id + "/results")).withQueryParam("locator", absent())
			.willReturn(csv("bulk-results-1.csv", "MjAwMA")));
		server.stubFor(get(urlPathEqualTo(job + "/" + id + "/results")).withQueryParam("locator", equalTo("MjAwMA"))
			.willReturn(csv("bulk-results-2.csv", "null")));
	}

	private static ResponseDefinitionBuilder csv(String fixture, String locator) {
		return aResponse().withStatus(200)
			.withHeader("Content-Type", "text/csv")
			.withHeader("Sforce-Locator", locator)
			.withHeader("Sforce-NumberOfRecords", "2")
			.withHeader("Sforce-Limit-Info", "api-usage=30/15000")
			.withBody(HubSpotStubs.fixture("salesforce/" + fixture));
	}

	private static com.github.tomakehurst.wiremock.matching.UrlPathPattern urlPathMatchingRest() {
		return com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching("/services/data/.*");
	}

	private static String grant(String fixture) {
		return HubSpotStubs.fixture("salesforce/" + fixture).replace("INSTANCE_URL", ProviderApis.base());
	}

	private static ResponseDefinitionBuilder ok(String fixture) {
		return json(200, HubSpotStubs.fixture("salesforce/" + fixture)).withHeader("Sforce-Limit-Info",
				"api-usage=25/15000");
	}

	private static ResponseDefinitionBuilder json(int status, String body) {
		return aResponse().withStatus(status)
			.withHeader("Content-Type", "application/json;charset=UTF-8")
			.withBody(body);
	}

}
