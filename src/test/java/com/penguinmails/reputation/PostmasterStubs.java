package com.penguinmails.reputation;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

import com.github.tomakehurst.wiremock.WireMockServer;

import com.penguinmails.support.ProviderApis;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * Stubs of Google's OAuth 2.0 endpoints, the Postmaster Tools v1 API and Microsoft SNDS
 * on {@link ProviderApis}, in the shapes the providers document: RFC 6749 §5.1 token
 * responses and §5.2 errors, {@code ListDomainsResponse} and
 * {@code ListTrafficStatsResponse} with {@code nextPageToken}, the SNDS CSV feeds.
 */
final class PostmasterStubs {

	static final String CODE = "4/0AfJohXk-test-code";

	static final String REFRESH_TOKEN = "1//0g-refresh-token-secret";

	private PostmasterStubs() {
	}

	static WireMockServer reset() {
		WireMockServer server = ProviderApis.shared();
		server.resetAll();
		return server;
	}

	/**
	 * Google's consent page approves at once: redirects to the redirect_uri with a code
	 * and the state it was given (RFC 6749 §4.1.2).
	 */
	static void consentApproves(WireMockServer server) {
		server.stubFor(get(urlPathEqualTo("/o/oauth2/v2/auth")).willReturn(aResponse().withStatus(302)
			.withHeader("Location",
					"{{request.query.redirect_uri}}?state={{request.query.state}}&code=" + CODE
							+ "&scope=https://www.googleapis.com/auth/postmaster.readonly")
			.withTransformers("response-template")));
	}

	/** The code exchange: a bearer token of 1 hour and a refresh token. */
	static void tokenExchange(WireMockServer server, String accessToken) {
		server.stubFor(post(urlPathEqualTo("/token")).withRequestBody(containing("grant_type=authorization_code"))
			.withRequestBody(containing("code_verifier="))
			.willReturn(okJson("{\"access_token\":\"" + accessToken + "\",\"expires_in\":3599," + "\"refresh_token\":\""
					+ REFRESH_TOKEN + "\",\"scope\":"
					+ "\"https://www.googleapis.com/auth/postmaster.readonly\",\"token_type\":\"Bearer\"}")));
	}

	/** The refresh grant (RFC 6749 §6): a new access token, no new refresh token. */
	static void refreshGives(WireMockServer server, String accessToken) {
		server.stubFor(post(urlPathEqualTo("/token")).withRequestBody(containing("grant_type=refresh_token"))
			.willReturn(okJson("{\"access_token\":\"" + accessToken + "\",\"expires_in\":3599,\"scope\":"
					+ "\"https://www.googleapis.com/auth/postmaster.readonly\",\"token_type\":\"Bearer\"}")));
	}

	/** Google's answer to a revoked or expired refresh token. */
	static void refreshRefused(WireMockServer server) {
		server.stubFor(post(urlPathEqualTo("/token")).withRequestBody(containing("grant_type=refresh_token"))
			.willReturn(aResponse().withStatus(400)
				.withHeader("Content-Type", "application/json")
				.withBody(
						"{\"error\":\"invalid_grant\",\"error_description\":\"Token has been expired or revoked.\"}")));
	}

	/** Two pages of domains for {@code token}; any other token gets HTTP 401. */
	static void domains(WireMockServer server, String token, String first, String second) {
		server.stubFor(get(urlPathEqualTo("/v1/domains")).atPriority(9)
			.willReturn(aResponse().withStatus(401)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"error\":{\"code\":401,\"message\":\"Request had invalid authentication credentials.\","
						+ "\"status\":\"UNAUTHENTICATED\"}}")));
		server.stubFor(get(urlPathEqualTo("/v1/domains")).atPriority(1)
			.withHeader("Authorization", equalTo("Bearer " + token))
			.withQueryParam("pageToken", absent())
			.willReturn(okJson("{\"domains\":[{\"name\":\"domains/" + first
					+ "\",\"createTime\":\"2024-01-02T10:00:00Z\",\"permission\":\"OWNER\"}],"
					+ "\"nextPageToken\":\"page-2\"}")));
		server.stubFor(get(urlPathEqualTo("/v1/domains")).atPriority(1)
			.withHeader("Authorization", equalTo("Bearer " + token))
			.withQueryParam("pageToken", equalTo("page-2"))
			.willReturn(okJson("{\"domains\":[{\"name\":\"domains/" + second
					+ "\",\"createTime\":\"2024-03-04T10:00:00Z\",\"permission\":\"READER\"}]}")));
	}

	/** One page with one domain for {@code token}. */
	static void oneDomain(WireMockServer server, String token, String domain) {
		server.stubFor(get(urlPathEqualTo("/v1/domains")).withHeader("Authorization", equalTo("Bearer " + token))
			.willReturn(okJson("{\"domains\":[{\"name\":\"domains/" + domain
					+ "\",\"createTime\":\"2024-01-02T10:00:00Z\",\"permission\":\"OWNER\"}]}")));
	}

	/**
	 * The domain's traffic stats: {@code day} on a first page with every documented
	 * field, {@code day - 1} on a second page with only a reputation.
	 */
	static void trafficStats(WireMockServer server, String token, String domain, LocalDate day) {
		String path = "/v1/domains/" + domain + "/trafficStats";
		server.stubFor(get(urlPathEqualTo(path)).withHeader("Authorization", equalTo("Bearer " + token))
			.withQueryParam("pageToken", absent())
			.willReturn(okJson("{\"trafficStats\":[" + fullDay(domain, day) + "],\"nextPageToken\":\"more\"}")));
		server.stubFor(get(urlPathEqualTo(path)).withHeader("Authorization", equalTo("Bearer " + token))
			.withQueryParam("pageToken", equalTo("more"))
			.willReturn(okJson("{\"trafficStats\":[{\"name\":\"domains/" + domain + "/trafficStats/"
					+ basic(day.minusDays(1)) + "\",\"domainReputation\":\"MEDIUM\"}]}")));
	}

	static String fullDay(String domain, LocalDate day) {
		return """
				{"name": "domains/%s/trafficStats/%s",
				 "userReportedSpamRatio": 0.0021,
				 "userReportedSpamRatioLowerBound": 0.0015,
				 "userReportedSpamRatioUpperBound": 0.0030,
				 "ipReputations": [
				   {"reputation": "HIGH", "ipCount": "2", "sampleIps": ["192.0.2.10", "192.0.2.11"]},
				   {"reputation": "LOW", "ipCount": "1", "sampleIps": ["192.0.2.66"]}],
				 "domainReputation": "HIGH",
				 "spammyFeedbackLoops": [{"id": "campaign-7", "spamRatio": 0.12}],
				 "spfSuccessRatio": 0.998,
				 "dkimSuccessRatio": 1,
				 "dmarcSuccessRatio": 0.995,
				 "outboundEncryptionRatio": 0.97,
				 "inboundEncryptionRatio": 1,
				 "deliveryErrors": [
				   {"errorClass": "TEMPORARY_ERROR", "errorType": "RATE_LIMIT_EXCEEDED", "errorRatio": 0.015},
				   {"errorClass": "PERMANENT_ERROR", "errorType": "BAD_DMARC_POLICY", "errorRatio": 0.002}]}
				""".formatted(domain, basic(day));
	}

	/** The SNDS data feed for the key: one GREEN and one RED IP on {@code day}. */
	static void sndsData(WireMockServer server, String key, LocalDate day) {
		String date = DateTimeFormatter.ofPattern("M/d/yyyy").format(day);
		server.stubFor(get(urlPathEqualTo("/snds/data.aspx")).withQueryParam("key", equalTo(key))
			.withQueryParam("date", equalTo(DateTimeFormatter.ofPattern("MMddyy").format(day)))
			.willReturn(aResponse().withHeader("Content-Type", "text/csv")
				.withBody(("192.0.2.10,%1$s 12:00 AM,%1$s 11:59 PM,1520,1498,1530,GREEN,< 0.1%%,,,0,mail.example.test,"
						+ "bounce@example.test,\n"
						+ "192.0.2.66,%1$s 1:00 AM,%1$s 10:00 PM,900,880,905,RED,1.2%%,%1$s 2:00 AM,%1$s 9:00 PM,14,"
						+ "\"relay, two\",news@example.test,Trap hits seen\n")
					.formatted(date))));
		server.stubFor(get(urlPathEqualTo("/snds/data.aspx")).atPriority(9)
			.withQueryParam("key", equalTo(key))
			.willReturn(aResponse().withHeader("Content-Type", "text/csv").withBody("")));
		server.stubFor(get(urlPathEqualTo("/snds/ipStatus.aspx")).withQueryParam("key", equalTo(key))
			.willReturn(aResponse().withHeader("Content-Type", "text/csv")
				.withBody("192.0.2.66,192.0.2.66,Yes,Blocked due to user complaints or other evidence of spamming\n")));
	}

	/** SNDS refuses the key: its sign-in page instead of data. */
	static void sndsRefuses(WireMockServer server, String key) {
		server.stubFor(get(urlPathEqualTo("/snds/data.aspx")).withQueryParam("key", equalTo(key))
			.willReturn(aResponse().withHeader("Content-Type", "text/html")
				.withBody("<!DOCTYPE html><html><body>Sign in</body></html>")));
	}

	/** SNDS sends the request to the Microsoft sign-in page. */
	static void sndsRedirects(WireMockServer server, String key) {
		server.stubFor(get(urlPathEqualTo("/snds/data.aspx")).withQueryParam("key", equalTo(key))
			.willReturn(aResponse().withStatus(302).withHeader("Location", "https://login.live.com/login.srf")));
	}

	static String basic(LocalDate day) {
		return DateTimeFormatter.BASIC_ISO_DATE.format(day);
	}

}
