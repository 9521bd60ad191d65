package com.penguinmails.templates;

import java.util.Map;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.mailboxes.NewMailbox;
import com.penguinmails.mailboxes.Security;
import com.penguinmails.mailboxes.ServerSettings;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.WebSession;
import com.penguinmails.templates.Templates.Draft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

@IntegrationTest
class TemplatesTests {

	static GreenMail smtp;

	@Autowired
	Templates templates;

	@Autowired
	Mailboxes mailboxes;

	@Autowired
	Fixtures fixtures;

	@Autowired
	MockMvc mvc;

	@Autowired
	ObjectMapper json;

	@BeforeAll
	static void start() {
		smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		smtp.start();
		smtp.setUser("sam@sender.test", "sam@sender.test", "sam-password");
	}

	@AfterAll
	static void stop() {
		smtp.stop();
	}

	@Test
	void savingMakesVersionsAndThePreviewIsStrictAboutMissingValues() throws Exception {
		Account account = fixtures.verifiedAccount("tpl-api");
		String key = fixtures.apiKey(account, "templates:write");
		String created = mvc.perform(post("/api/v1/templates").header("Authorization", "Bearer " + key)
			.contentType(MediaType.APPLICATION_JSON)
			.content(
					"{\"name\":\"Intro\",\"subject\":\"{Hi|Hello} {{ first_name }}\",\"html\":\"<p>Hi {{ first_name }} at {{ company }}</p>\"}"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		String id = json.readTree(created).get("id").asText();
		JsonNode updated = json.readTree(mvc.perform(put("/api/v1/templates/" + id)
			.header("Authorization", "Bearer " + key)
			.contentType(MediaType.APPLICATION_JSON)
			.content(
					"{\"name\":\"Intro\",\"subject\":\"{Hi|Hello} {{ first_name | default: 'there' }}\",\"html\":\"<p>Hi {{ first_name | default: 'there' }} at {{ company }}</p>\"}"))
			.andReturn()
			.getResponse()
			.getContentAsString());
		assertThat(updated.get("version").asInt()).isEqualTo(2);
		assertThat(json
			.readTree(mvc.perform(get("/api/v1/templates/" + id + "/versions").header("Authorization", "Bearer " + key))
				.andReturn()
				.getResponse()
				.getContentAsString()))
			.hasSize(2);

		JsonNode preview = json.readTree(mvc
			.perform(post("/api/v1/templates/" + id + "/preview").header("Authorization", "Bearer " + key)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"contact\":{\"email\":\"a@b.test\",\"company\":\"<b>Acme</b>\"}}"))
			.andReturn()
			.getResponse()
			.getContentAsString());
		assertThat(preview.get("subject").asText()).matches("(Hi|Hello) there");
		assertThat(preview.get("html").asText()).contains("&lt;b&gt;Acme&lt;/b&gt;");
		assertThat(preview.get("text").asText()).isEqualTo("Hi there at <b>Acme</b>");
		assertThat(preview.get("missing")).isEmpty();

		JsonNode missing = json
			.readTree(mvc.perform(post("/api/v1/templates/" + id + "/preview").header("Authorization", "Bearer " + key)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"contact\":{\"email\":\"a@b.test\"}}")).andReturn().getResponse().getContentAsString());
		assertThat(missing.get("missing").toString()).contains("company");

		MvcResult broken = mvc
			.perform(post("/api/v1/templates").header("Authorization", "Bearer " + key)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"Broken\",\"subject\":\"x\",\"html\":\"{% if x %}never closed\"}"))
			.andReturn();
		assertThat(broken.getResponse().getStatus()).isEqualTo(400);
		assertThat(broken.getResponse().getContentAsString()).contains("Liquid syntax error");
	}

	@Test
	void aTestIsSentThroughTheChosenMailboxAndRefusedWhileAVariableHasNoValue() throws Exception {
		Account account = fixtures.verifiedAccount("tpl-send");
		Mailbox mailbox = mailboxes.add(account.owner(),
				new NewMailbox("sam@sender.test", "Sam Sender", "generic",
						new ServerSettings("127.0.0.1", smtp.getSmtp().getPort(), Security.NONE, "sam@sender.test",
								"sam-password"),
						new ServerSettings("127.0.0.1", 143, Security.NONE, null, null), "", "", 30, 60, 300));
		EmailTemplate template = templates.create(account.owner(),
				new Draft("Follow-up-" + UUID.randomUUID().toString().substring(0, 4), "About {{ company }}",
						"<p>Hi {{ first_name }}, <a href=\"https://example.com\">see this</a></p>", null));
		String to = "lead-" + UUID.randomUUID().toString().substring(0, 6) + "@prospect.test";

		assertThatThrownBy(() -> templates.sendTest(account.owner(), template.id(), mailbox.id(), to,
				Map.of("first_name", "Ada"), "UTC"))
			.isInstanceOf(InvalidInputProblem.class)
			.hasMessageContaining("company");

		templates.sendTest(account.owner(), template.id(), mailbox.id(), to,
				Map.of("first_name", "Ada <3", "company", "Acme"), "Europe/Paris");
		MimeMessage[] received = smtp.getReceivedMessagesForDomain("prospect.test");
		MimeMessage message = java.util.Arrays.stream(received).filter(m -> {
			try {
				return m.getAllRecipients()[0].toString().equals(to);
			}
			catch (jakarta.mail.MessagingException ex) {
				return false;
			}
		}).findFirst().orElseThrow();
		assertThat(message.getSubject()).isEqualTo("[Test] About Acme");
		assertThat(message.getFrom()[0].toString()).isEqualTo("Sam Sender <sam@sender.test>");
		String raw = GreenMailUtil.getWholeMessage(message);
		assertThat(raw).contains("multipart/alternative").contains("text/plain").contains("text/html");
		assertThat(raw).contains("Ada &lt;3").contains("see this (https://example.com)");

		Account other = fixtures.verifiedAccount("tpl-other");
		assertThatThrownBy(() -> templates.get(other.owner(), template.id())).isInstanceOf(NotFoundProblem.class);
		assertThatThrownBy(() -> templates.sendTest(other.owner(), template.id(), mailbox.id(), to, Map.of(), "UTC"))
			.isInstanceOf(NotFoundProblem.class);
	}

	@Test
	void thePreviewPageShowsTheHtmlInASandboxedFrame() throws Exception {
		Account account = fixtures.verifiedAccount("tpl-page");
		WebSession session = fixtures.signedIn(account);
		String location = session
			.post("/templates", "name", "Page", "subject", "Hi {{ first_name }}", "html",
					"<p>Hi {{ first_name }}</p><script>alert(1)</script>")
			.getResponse()
			.getRedirectedUrl();
		String page = session
			.post(location + "/preview", "first_name", "<img src=x onerror=alert(1)>", "timeZone", "UTC")
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("<iframe sandbox=\"\"").doesNotContain("<img src=x");
		assertThat(session.post(location + "/preview", "first_name", "").getResponse().getContentAsString())
			.contains("Would not be sent");
	}

}
