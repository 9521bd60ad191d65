package com.penguinmails.templates.api;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.shared.NetworkPolicy;
import com.penguinmails.support.Api;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lint API: findings and score, link checks against a real loopback HTTP server
 * (allowed through NetworkPolicy as the sandbox's servers are), SpamAssassin (503 where
 * not installed), and 400 problems for bad input.
 */
@IntegrationTest
class LintApiTests {

	static HttpServer server;

	@Autowired
	Fixtures fixtures;

	@Autowired
	ObjectMapper json;

	@Autowired
	NetworkPolicy policy;

	@BeforeAll
	static void startServer() throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/ok", exchange -> {
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		server.createContext("/gone", exchange -> {
			exchange.sendResponseHeaders(404, -1);
			exchange.close();
		});
		server.start();
	}

	@AfterAll
	static void stopServer() {
		server.stop(0);
	}

	private Api api(String... scopes) {
		return fixtures.api(fixtures.verifiedAccount("lint-api"), scopes);
	}

	private String body(Object... keysAndValues) throws Exception {
		java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			body.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return json.writeValueAsString(body);
	}

	@Test
	void lintsASubjectAndBodyIntoFindingsAndAScore() throws Exception {
		Api.Response response = api("templates:read").post("/api/v1/lint",
				body("subject", "ACT NOW!!", "html",
						"<p>Hi Ada, <a href=\"https://bit.ly/x\">click here</a>.</p><p>Sam</p>", "ownDomains",
						java.util.List.of("acme.com"), "recipients", 1000));
		assertThat(response.status()).isEqualTo(200);
		JsonNode report = response.body();
		assertThat(report.get("findings").findValuesAsText("code")).containsExactlyInAnyOrder("spam-phrase",
				"all-caps-subject", "excessive-punctuation", "url-shortener", "vague-link-text", "missing-unsubscribe",
				"readability");
		assertThat(report.get("score").asInt()).isEqualTo(100 - 6 * 10 - 2);
		JsonNode first = report.get("findings").get(0);
		assertThat(first.get("severity").asText()).isEqualTo("warning");
		assertThat(first.get("message").asText()).isNotBlank();
		assertThat(first.get("explanation").asText()).isNotBlank();
		assertThat(report.get("readability").get("grade").isNumber()).isTrue();
	}

	@Test
	void refusesAnEmptyOrOversizedMessageWithProblems() throws Exception {
		Api api = api("templates:read");
		Api.Response empty = api.post("/api/v1/lint", "{\"subject\":\"  \",\"html\":\"\"}");
		assertThat(empty.status()).isEqualTo(400);
		assertThat(empty.header("Content-Type")).startsWith("application/problem+json");
		assertThat(empty.body().get("type").asText()).endsWith("/lint-empty");
		Api.Response huge = api.post("/api/v1/lint", body("subject", "Hi", "html", "x".repeat(1_000_001)));
		assertThat(huge.status()).isEqualTo(400);
		assertThat(huge.body().get("errors").has("html")).isTrue();
		assertThat(api.post("/api/v1/lint", body("subject", "Hi", "recipients", -1)).status()).isEqualTo(400);
		assertThat(api.post("/api/v1/lint/links", "{}").status()).isEqualTo(403);
	}

	@Test
	void checksLinksOnRequestWithoutFetchingPrivateAddresses() throws Exception {
		int port = server.getAddress().getPort();
		policy.allow("127.0.0.1", port);
		String base = "http://127.0.0.1:" + port;
		Api api = api("templates:read", "templates:write");
		Api.Response links = api.post("/api/v1/lint/links",
				body("html", "<a href=\"" + base + "/ok\">overview</a> <a href=\"" + base + "/gone\">old page</a>",
						"text", "Also http://10.255.255.1/admin and " + base + "/ok"));
		assertThat(links.status()).isEqualTo(200);
		JsonNode results = links.body().get("links");
		assertThat(results).hasSize(3);
		assertThat(results.get(0).get("status").asInt()).isEqualTo(200);
		assertThat(results.get(0).get("broken").asBoolean()).isFalse();
		assertThat(results.get(1).get("status").asInt()).isEqualTo(404);
		assertThat(results.get(1).get("broken").asBoolean()).isTrue();
		assertThat(results.get(2).get("error").asText()).isEqualTo("not checked: private address");
		assertThat(links.body().get("findings").findValuesAsText("code")).containsExactly("broken-link");

		Api.Response report = api.post("/api/v1/lint", body("subject", "The overview you asked for", "html",
				"<p>Hi Ada, here is <a href=\"" + base + "/gone\">the overview</a>.</p>", "checkLinks", true));
		assertThat(report.body().get("findings").findValuesAsText("code")).contains("broken-link");
	}

	@Test
	void scoresWithSpamAssassinOrSaysItIsNotInstalled() throws Exception {
		Api api = api("templates:read", "templates:write");
		Api.Response response = api.post("/api/v1/lint/spamassassin", body("subject", "Quick question", "html",
				"<p>Hi Ada,</p><p>Would a short call next week help?</p>", "from", "Sam <sam@acme.com>"));
		if (Files.isExecutable(Path.of("/usr/bin/spamassassin"))) {
			assertThat(response.status()).isEqualTo(200);
			assertThat(response.body().get("required").asDouble()).isEqualTo(5.0);
			assertThat(response.body().get("rules").findValuesAsText("name")).isNotEmpty();
		}
		else {
			assertThat(response.status()).isEqualTo(503);
			assertThat(response.body().get("type").asText()).endsWith("/spamassassin-not-installed");
		}
		Api.Response badFrom = api.post("/api/v1/lint/spamassassin", body("subject", "Hi", "from", "nobody"));
		assertThat(badFrom.status()).isEqualTo(400);
		assertThat(badFrom.body().get("type").asText()).endsWith("/invalid-from");
	}

}
