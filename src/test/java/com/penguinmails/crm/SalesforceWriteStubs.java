package com.penguinmails.crm;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * Salesforce's Composite API sObject Collections on {@link SalesforceStubs}' instance:
 * {@code POST} (create) and {@code PATCH} (update)
 * {@code /services/data/v60.0/composite/sobjects}, answering an array with one result per
 * record, in order ({@code id}, {@code success}, {@code errors[]} of {@code statusCode},
 * {@code message}, {@code fields}), from the fixtures in
 * {@code src/test/resources/crm/salesforce/composite-*.json}.
 */
final class SalesforceWriteStubs {

	static final String COMPOSITE = "/services/data/v60.0/composite/sobjects";

	private SalesforceWriteStubs() {
	}

	/** A create call with {@code access} answers {@code fixture}. */
	static void created(WireMockServer server, String access, String fixture) {
		server.stubFor(post(urlPathEqualTo(COMPOSITE)).withHeader("Authorization", equalTo("Bearer " + access))
			.willReturn(json(200, HubSpotStubs.fixture("salesforce/" + fixture))));
	}

	/** An update call with {@code access} answers {@code fixture}. */
	static void updated(WireMockServer server, String access, String fixture) {
		server.stubFor(patch(urlPathEqualTo(COMPOSITE)).withHeader("Authorization", equalTo("Bearer " + access))
			.willReturn(json(200, HubSpotStubs.fixture("salesforce/" + fixture))));
	}

	/** Any composite call with {@code access} answers 401 INVALID_SESSION_ID. */
	static void sessionExpired(WireMockServer server, String access) {
		server.stubFor(any(urlPathEqualTo(COMPOSITE)).withHeader("Authorization", equalTo("Bearer " + access))
			.atPriority(1)
			.willReturn(json(401, HubSpotStubs.fixture("salesforce/error-invalid-session.json"))));
	}

	private static ResponseDefinitionBuilder json(int status, String body) {
		return aResponse().withStatus(status)
			.withHeader("Content-Type", "application/json;charset=UTF-8")
			.withHeader("Sforce-Limit-Info", "api-usage=26/15000")
			.withBody(body);
	}

}
