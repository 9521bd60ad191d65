package com.penguinmails.crm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import com.penguinmails.support.ProviderApis;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * HubSpot's CRM API v3 on {@link ProviderApis} (under {@code /hubspot}), answering with
 * the fixtures in {@code src/test/resources/crm}, written in the shapes HubSpot
 * documents: {@code CollectionResponseSimplePublicObjectWithAssociations} with
 * {@code paging.next.after}, list memberships, {@code BatchResponseSimplePublicObject},
 * and its error body ({@code status}, {@code message}, {@code category},
 * {@code correlationId}) with the {@code X-HubSpot-RateLimit-*} headers.
 */
final class HubSpotStubs {

	static final String TOKEN = "pat-na1-0c1d2e3f-4a5b-6c7d-8e9f-a0b1c2d3e4f5";

	static final String CONTACTS = "/hubspot/crm/v3/objects/contacts";

	private HubSpotStubs() {
	}

	static WireMockServer reset() {
		WireMockServer server = ProviderApis.shared();
		server.resetAll();
		return server;
	}

	/** The token check ({@code limit=1}) accepts {@link #TOKEN}. */
	static void tokenAccepted(WireMockServer server) {
		server.stubFor(contacts().withQueryParam("limit", equalTo("1")).willReturn(ok("one-contact.json")));
	}

	/**
	 * Every contacts call answers 401 as HubSpot does for an expired or revoked token.
	 */
	static void tokenRefused(WireMockServer server) {
		server.stubFor(get(urlPathEqualTo(CONTACTS)).atPriority(1)
			.willReturn(aResponse().withStatus(401)
				.withHeader("Content-Type", "application/json;charset=utf-8")
				.withBody(fixture("error-401.json"))));
	}

	/** Three pages of two: after=103, after=105, then the last page. */
	static void threePages(WireMockServer server) {
		server.stubFor(page().withQueryParam("after", absent()).willReturn(ok("contacts-page-1.json")));
		server.stubFor(page().withQueryParam("after", equalTo("103")).willReturn(ok("contacts-page-2.json")));
		server.stubFor(page().withQueryParam("after", equalTo("105")).willReturn(ok("contacts-page-3.json")));
	}

	/** The first call is refused with 429 and HubSpot's headers, the next one answers. */
	static void rateLimitedThenOk(WireMockServer server, String fixture) {
		server.stubFor(page().inScenario("rate")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(429)
				.withHeader("Content-Type", "application/json;charset=utf-8")
				.withHeader("Retry-After", "1")
				.withHeader("X-HubSpot-RateLimit-Interval-Milliseconds", "10000")
				.withHeader("X-HubSpot-RateLimit-Max", "100")
				.withHeader("X-HubSpot-RateLimit-Remaining", "0")
				.withHeader("X-HubSpot-RateLimit-Daily", "250000")
				.withHeader("X-HubSpot-RateLimit-Daily-Remaining", "249100")
				.withBody(fixture("error-429.json")))
			.willSetStateTo("answered"));
		server.stubFor(page().inScenario("rate").whenScenarioStateIs("answered").willReturn(ok(fixture)));
	}

	/** The first call fails with 503, the next one answers. */
	static void unavailableThenOk(WireMockServer server, String fixture) {
		server.stubFor(page().inScenario("5xx")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503).withBody("upstream connect error"))
			.willSetStateTo("answered"));
		server.stubFor(page().inScenario("5xx").whenScenarioStateIs("answered").willReturn(ok(fixture)));
	}

	/** One page of {@code fixture} that spends the 10-second window (Remaining 0). */
	static void windowSpent(WireMockServer server, String fixture) {
		server.stubFor(page().willReturn(ok(fixture, "0")));
	}

	/** All contacts are one page of {@code fixture}. */
	static void onePage(WireMockServer server, String fixture) {
		server.stubFor(page().willReturn(ok(fixture)));
	}

	/** List 42 holds records 103 and 106. */
	static void list42(WireMockServer server) {
		server.stubFor(
				get(urlPathEqualTo("/hubspot/crm/v3/lists/42/memberships")).willReturn(ok("list-memberships.json")));
		server.stubFor(post(urlPathEqualTo(CONTACTS + "/batch/read")).willReturn(ok("batch-read.json")));
	}

	static final String NOTES = "/hubspot/crm/v3/objects/notes";

	static final String BATCH_UPDATE = CONTACTS + "/batch/update";

	/** Notes are created (201, {@code SimplePublicObject}). */
	static void notesCreated(WireMockServer server) {
		server.stubFor(notes().willReturn(created()));
	}

	/** Batch updates answer 200 ({@code BatchResponseSimplePublicObject}). */
	static void batchUpdated(WireMockServer server) {
		server.stubFor(post(urlPathEqualTo(BATCH_UPDATE)).willReturn(ok("batch-update.json")));
	}

	/** Batch updates answer 207 Multi-Status: record 102 is not found, the rest done. */
	static void batchPartlyUpdated(WireMockServer server) {
		server.stubFor(post(urlPathEqualTo(BATCH_UPDATE)).willReturn(ok("batch-update-207.json").withStatus(207)));
	}

	/** The first note is refused with 429 and HubSpot's headers, the next created. */
	static void notesRateLimitedThenCreated(WireMockServer server) {
		server.stubFor(notes().inScenario("notes-rate")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(429)
				.withHeader("Content-Type", "application/json;charset=utf-8")
				.withHeader("Retry-After", "1")
				.withHeader("X-HubSpot-RateLimit-Interval-Milliseconds", "10000")
				.withHeader("X-HubSpot-RateLimit-Max", "100")
				.withHeader("X-HubSpot-RateLimit-Remaining", "0")
				.withBody(fixture("error-429.json")))
			.willSetStateTo("answered"));
		server.stubFor(notes().inScenario("notes-rate").whenScenarioStateIs("answered").willReturn(created()));
	}

	/** Notes answer 401 as HubSpot does for an expired or revoked token. */
	static void notesRefused(WireMockServer server) {
		server.stubFor(post(urlPathEqualTo(NOTES)).atPriority(1)
			.willReturn(aResponse().withStatus(401)
				.withHeader("Content-Type", "application/json;charset=utf-8")
				.withBody(fixture("error-401.json"))));
	}

	// OAuth (HubSpot's public app): POST /oauth/v1/token, GET
	// /oauth/v1/access-tokens/{t},
	// DELETE /oauth/v1/refresh-tokens/{t}, answering with the oauth-*.json fixtures.

	/** The code HubSpot hands the browser back with. */
	static final String CODE = "7d2c9e1a-5b3f-4c8d-a6e0-1f2b3c4d5e6f";

	static final String ACCESS_1 = "CKXzjdXXMxIHAAEAQAAAASjz8R0yFJ4Qk8ZnE-access-one";

	static final String ACCESS_2 = "CKXzjdXXMxIHAAEAQAAAASjz8R0yFJ4Qk8ZnE-access-two";

	static final String REFRESH = "na1-7f3c-refresh-0b9e4d2a-5c61-4f7a-9e21-d8c0a1b2c3d4";

	static final String TOKEN_PATH = "/hubspot/oauth/v1/token";

	static final String REVOKE_PATH = "/hubspot/oauth/v1/refresh-tokens/" + REFRESH;

	static final String AUTHORIZE_PATH = "/hubspot-app/oauth/authorize";

	/**
	 * HubSpot's consent page approves at once: redirects to the redirect_uri with a code
	 * and the state it was given (RFC 6749 §4.1.2).
	 */
	static void consentApproves(WireMockServer server) {
		server.stubFor(get(urlPathEqualTo(AUTHORIZE_PATH)).willReturn(aResponse().withStatus(302)
			.withHeader("Location", "{{request.query.redirect_uri}}?code=" + CODE + "&state={{request.query.state}}")
			.withTransformers("response-template")));
	}

	/**
	 * The code exchange answers {@link #ACCESS_1} and {@link #REFRESH}; the token info.
	 */
	static void codeExchanged(WireMockServer server) {
		server.stubFor(post(urlPathEqualTo(TOKEN_PATH))
			.withRequestBody(
					com.github.tomakehurst.wiremock.client.WireMock.containing("grant_type=authorization_code"))
			.willReturn(ok("oauth-token.json")));
		server.stubFor(get(urlPathEqualTo("/hubspot/oauth/v1/access-tokens/" + ACCESS_1))
			.willReturn(ok("oauth-access-token-info.json")));
	}

	/**
	 * A refresh with {@link #REFRESH} answers {@link #ACCESS_2}, after {@code delayMs}.
	 */
	static void refreshGives(WireMockServer server, int delayMs) {
		server.stubFor(post(urlPathEqualTo(TOKEN_PATH))
			.withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("grant_type=refresh_token"))
			.withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("refresh_token=" + REFRESH))
			.willReturn(ok("oauth-refreshed.json").withFixedDelay(delayMs)));
	}

	/** A refresh is refused as HubSpot does for a revoked app: 400 BAD_REFRESH_TOKEN. */
	static void refreshRefused(WireMockServer server) {
		server.stubFor(post(urlPathEqualTo(TOKEN_PATH))
			.withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("grant_type=refresh_token"))
			.willReturn(aResponse().withStatus(400)
				.withHeader("Content-Type", "application/json;charset=utf-8")
				.withBody(fixture("oauth-bad-refresh-token.json"))));
	}

	/** Revoking {@link #REFRESH} answers 204, or 500 when {@code fails}. */
	static void revoke(WireMockServer server, boolean fails) {
		server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.delete(urlPathEqualTo(REVOKE_PATH))
			.willReturn(fails ? aResponse().withStatus(500)
				.withHeader("Content-Type", "application/json;charset=utf-8")
				.withBody(fixture("oauth-revoke-failed.json")) : aResponse().withStatus(204)));
	}

	/** A page ({@code after} absent or given) for the bearer {@code token}. */
	static void pageFor(WireMockServer server, String token, String after, String fixture) {
		server.stubFor(get(urlPathEqualTo(CONTACTS)).withQueryParam("limit", equalTo("2"))
			.withQueryParam("after", after == null ? absent() : equalTo(after))
			.withHeader("Authorization", equalTo("Bearer " + token))
			.willReturn(ok(fixture)));
	}

	/**
	 * A page ({@code after} absent or given) refused with 401 for the bearer
	 * {@code token}.
	 */
	static void pageRefusedFor(WireMockServer server, String token, String after) {
		server.stubFor(get(urlPathEqualTo(CONTACTS)).withQueryParam("limit", equalTo("2"))
			.withQueryParam("after", after == null ? absent() : equalTo(after))
			.withHeader("Authorization", equalTo("Bearer " + token))
			.willReturn(aResponse().withStatus(401)
				.withHeader("Content-Type", "application/json;charset=utf-8")
				.withBody(fixture("error-401.json"))));
	}

	/** Notes answer 503 every time. */
	static void notesUnavailable(WireMockServer server) {
		server.stubFor(post(urlPathEqualTo(NOTES)).atPriority(1)
			.willReturn(aResponse().withStatus(503).withBody("upstream connect error")));
	}

	static final String BATCH_UPSERT = CONTACTS + "/batch/upsert";

	/**
	 * Upserts answer 207: ada@export.example created (201), grace@export.example found
	 * (202), frank@export.example refused with HubSpot's words.
	 */
	static void upsertPartly(WireMockServer server) {
		server.stubFor(post(urlPathEqualTo(BATCH_UPSERT)).withHeader("Authorization", equalTo("Bearer " + TOKEN))
			.willReturn(ok("batch-upsert-207.json").withStatus(207)));
	}

	/** Upserts answer 200 with no results. */
	static void upsertAnswersNothing(WireMockServer server) {
		server.stubFor(post(urlPathEqualTo(BATCH_UPSERT)).willReturn(ok("batch-upsert-empty.json")));
	}

	/** Upserts answer 401. */
	static void upsertRefused(WireMockServer server) {
		server.stubFor(post(urlPathEqualTo(BATCH_UPSERT)).willReturn(aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json;charset=utf-8")
			.withBody(fixture("error-401.json"))));
	}

	private static MappingBuilder notes() {
		return post(urlPathEqualTo(NOTES)).withHeader("Authorization", equalTo("Bearer " + TOKEN));
	}

	private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder created() {
		return ok("note-created.json").withStatus(201);
	}

	/** A page request (any {@code limit} but 1), with the bearer token. */
	private static MappingBuilder page() {
		return contacts().withQueryParam("limit", equalTo("2"));
	}

	private static MappingBuilder contacts() {
		return get(urlPathEqualTo(CONTACTS)).withHeader("Authorization", equalTo("Bearer " + TOKEN));
	}

	private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder ok(String fixture) {
		return ok(fixture, "97");
	}

	private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder ok(String fixture,
			String remaining) {
		return aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json;charset=utf-8")
			.withHeader("X-HubSpot-RateLimit-Interval-Milliseconds", "10000")
			.withHeader("X-HubSpot-RateLimit-Max", "100")
			.withHeader("X-HubSpot-RateLimit-Remaining", remaining)
			.withBody(fixture.endsWith(".json") ? fixture(fixture) : fixture);
	}

	static String fixture(String name) {
		try (InputStream in = HubSpotStubs.class.getResourceAsStream("/crm/" + name)) {
			if (in == null) {
				throw new IllegalArgumentException("No fixture crm/" + name);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
