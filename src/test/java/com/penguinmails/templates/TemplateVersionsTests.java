package com.penguinmails.templates;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.support.Api;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Template versions through the API: the editor and MJML source kept beside the HTML, the
 * list (who, when), a line comparison, and restore as a new version; unknown versions and
 * bad bodies are 4xx problems.
 */
@IntegrationTest
class TemplateVersionsTests {

	static final String MJML = "<mjml><mj-body><mj-section><mj-column><mj-text>Hi {{ first_name | default: \"there\" }},"
			+ "</mj-text></mj-column></mj-section></mj-body></mjml>";

	@Autowired
	Fixtures fixtures;

	@Test
	void aVisualTemplateKeepsItsSourceAndVersionsCompareAndRestore() throws Exception {
		Account account = fixtures.verifiedAccount("tpl-versions");
		Api api = fixtures.api(account, "templates:write");
		Api.Response created = api.post("/api/v1/templates", """
				{"name":"Visual","subject":"Hello","editor":"visual","source":%s,
				 "html":"<table><tr><td>Hi {{ first_name | default: \\"there\\" }},</td></tr></table>",
				 "text":"Hi {{ first_name | default: \\"there\\" }},"}""".formatted(quote(MJML)));
		assertThat(created.status()).isEqualTo(201);
		assertThat(created.body().get("editor").asText()).isEqualTo("visual");
		assertThat(created.body().get("source").asText()).isEqualTo(MJML);
		String id = created.body().get("id").asText();

		Api.Response second = api.put("/api/v1/templates/" + id, """
				{"name":"Visual","subject":"Hello again","editor":"code",
				 "html":"<table><tr><td>Hi there,</td></tr>\\n<tr><td>New line</td></tr></table>"}""");
		assertThat(second.body().get("version").asInt()).isEqualTo(2);
		assertThat(second.body().path("source").asText("")).isEmpty();

		JsonNode list = api.get("/api/v1/templates/" + id + "/versions").body();
		assertThat(list).hasSize(2);
		assertThat(list.get(0).get("version").asInt()).isEqualTo(2);
		assertThat(list.get(0).get("savedBy").asText()).isEqualTo(account.email());
		assertThat(list.get(1).get("editor").asText()).isEqualTo("visual");

		JsonNode diff = api.get("/api/v1/templates/" + id + "/versions/compare", "from", "1", "to", "2").body();
		assertThat(diff.get("subject").get(0).get("change").asText()).isEqualTo("changed");
		assertThat(diff.get("subject").get(0).get("from").asText()).isEqualTo("Hello");
		assertThat(diff.get("subject").get(0).get("to").asText()).isEqualTo("Hello again");
		assertThat(diff.get("html")).extracting(row -> row.get("change").asText()).contains("added");

		Api.Response restored = api.post("/api/v1/templates/" + id + "/versions/1/restore", "");
		assertThat(restored.status()).isEqualTo(201);
		assertThat(restored.body().get("version").asInt()).isEqualTo(3);
		assertThat(restored.body().get("subject").asText()).isEqualTo("Hello");
		assertThat(restored.body().get("source").asText()).isEqualTo(MJML);
		assertThat(api.get("/api/v1/templates/" + id + "/versions").body()).hasSize(3);
	}

	@Test
	void unknownVersionsAreNotFoundAndBadBodiesAreRefused() throws Exception {
		Account account = fixtures.verifiedAccount("tpl-versions-bad");
		Api api = fixtures.api(account, "templates:write");
		String id = api.post("/api/v1/templates", "{\"name\":\"T\",\"subject\":\"S\",\"html\":\"<p>Hi</p>\"}")
			.body()
			.get("id")
			.asText();
		assertThat(api.post("/api/v1/templates/" + id + "/versions/9/restore", "").status()).isEqualTo(404);
		assertThat(api.get("/api/v1/templates/" + id + "/versions/compare", "from", "1", "to", "9").status())
			.isEqualTo(404);
		assertThat(api.get("/api/v1/templates/" + id + "/versions/compare", "from", "x", "to", "1").status())
			.isEqualTo(400);
		Api.Response noSource = api.put("/api/v1/templates/" + id,
				"{\"name\":\"T\",\"subject\":\"S\",\"editor\":\"visual\",\"html\":\"<p>Hi</p>\"}");
		assertThat(noSource.status()).isEqualTo(400);
		assertThat(noSource.body().get("type").asText()).endsWith("invalid-source");
		assertThat(api.put("/api/v1/templates/" + id, "{\"name\":\"T\",\"subject\":\"S\",\"editor\":\"wysiwyg\"}")
			.status()).isEqualTo(400);
	}

	@Test
	void aPlainTextTemplateGetsItsHtmlPartFromTheTextWithLiquidIntact() throws Exception {
		Account account = fixtures.verifiedAccount("tpl-plain");
		Api api = fixtures.api(account, "templates:write");
		JsonNode created = api.post("/api/v1/templates", """
				{"name":"Plain","subject":"Hi","editor":"text",
				 "text":"Hi {{ first_name | default: \\"there\\" }},\\n\\nA & B <3\\nBest"}""").body();
		assertThat(created.get("editor").asText()).isEqualTo("text");
		assertThat(created.get("html").asText())
			.isEqualTo("<p>Hi {{ first_name | default: \"there\" }},</p>\n<p>A &amp; B &lt;3<br>\nBest</p>\n");
	}

	@Test
	void diffRowsPairReplacedLinesAndNumberBothSides() {
		assertThat(TemplateVersions.diff("a\nb\nc", "a\nB\nc\nd")).containsExactly(
				new TemplateVersions.DiffRow(TemplateVersions.Change.SAME, 1, "a", 1, "a"),
				new TemplateVersions.DiffRow(TemplateVersions.Change.CHANGED, 2, "b", 2, "B"),
				new TemplateVersions.DiffRow(TemplateVersions.Change.SAME, 3, "c", 3, "c"),
				new TemplateVersions.DiffRow(TemplateVersions.Change.ADDED, null, null, 4, "d"));
	}

	private static String quote(String s) {
		return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

}
