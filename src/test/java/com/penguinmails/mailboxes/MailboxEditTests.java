package com.penguinmails.mailboxes;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.penguinmails.identity.internal.ApiKeyService;
import com.penguinmails.shared.AccessDeniedProblem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;

/**
 * Editing a connected mailbox, through the API and the page, against a real SMTP and IMAP
 * server (GreenMail, with authentication on).
 */
@IntegrationTest
class MailboxEditTests {

	static GreenMail mailServer;

	@Autowired
	Mailboxes mailboxes;

	@Autowired
	Fixtures fixtures;

	@Autowired
	ApiKeyService keys;

	@Autowired
	MockMvc mvc;

	@Autowired
	ObjectMapper json;

	@BeforeAll
	static void startMailServer() {
		mailServer = new GreenMail(new ServerSetup[] { new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
				new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP) });
		mailServer.start();
	}

	@AfterAll
	static void stopMailServer() {
		mailServer.stop();
	}

	/** A mailbox on the test server, with its own GreenMail user and password. */
	private Mailbox connected(Account account, String password) {
		String email = "ed-" + UUID.randomUUID().toString().substring(0, 8) + "@edit.test";
		mailServer.setUser(email, email, password);
		return mailboxes.add(account.owner(),
				new NewMailbox(email, "Ed", "generic",
						new ServerSettings("127.0.0.1", mailServer.getSmtp().getPort(), Security.NONE, email, password),
						new ServerSettings("127.0.0.1", mailServer.getImap().getPort(), Security.NONE, email, null), "",
						"", 30, 60, 300));
	}

	private MvcResult patchMailbox(String key, UUID id, String body) throws Exception {
		return mvc
			.perform(patch("/api/v1/mailboxes/" + id).header("Authorization", "Bearer " + key)
				.contentType(MediaType.APPLICATION_JSON)
				.content(body))
			.andReturn();
	}

	@Test
	void patchChangesOnlyTheGivenFieldsAndKeepsThePasswordWorking() throws Exception {
		Account account = fixtures.verifiedAccount("mbx-edit");
		Mailbox mailbox = connected(account, "first-password");
		String key = fixtures.apiKey(account, "mailboxes:write");

		MvcResult result = patchMailbox(key, mailbox.id(), "{\"dailyCap\":75}");

		assertThat(result.getResponse().getStatus()).isEqualTo(200);
		JsonNode body = json.readTree(result.getResponse().getContentAsString());
		assertThat(body.get("dailyCap").asInt()).isEqualTo(75);
		assertThat(body.get("displayName").asText()).isEqualTo("Ed");
		assertThat(body.get("minGapSeconds").asInt()).isEqualTo(60);
		assertThat(body.get("smtpHost").asText()).isEqualTo("127.0.0.1");
		assertThat(result.getResponse().getContentAsString()).doesNotContain("first-password")
			.doesNotContain("password\"");
		ConnectionTest test = mailboxes.test(account.owner(), mailbox.id());
		assertThat(test.ok()).as(test.smtp().message() + " / " + test.imap().message()).isTrue();
	}

	@Test
	void patchChangesNamesSignatureReplyToAndPacing() throws Exception {
		Account account = fixtures.verifiedAccount("mbx-edit-all");
		Mailbox mailbox = connected(account, "p");
		String key = fixtures.apiKey(account, "mailboxes:write");

		JsonNode body = json.readTree(patchMailbox(key, mailbox.id(),
				"{\"email\":\"" + mailbox.email().toUpperCase() + "\",\"displayName\":\"Edwina from Sales\","
						+ "\"signatureHtml\":\"<p>Edwina</p>\",\"replyTo\":\"sales@edit.test\","
						+ "\"minGapSeconds\":120,\"maxGapSeconds\":600,\"imap\":{\"username\":\"other-login\"}}")
			.getResponse()
			.getContentAsString());

		assertThat(body.get("email").asText()).isEqualTo(mailbox.email());
		assertThat(body.get("displayName").asText()).isEqualTo("Edwina from Sales");
		assertThat(body.get("signatureHtml").asText()).isEqualTo("<p>Edwina</p>");
		assertThat(body.get("replyTo").asText()).isEqualTo("sales@edit.test");
		assertThat(body.get("minGapSeconds").asInt()).isEqualTo(120);
		assertThat(body.get("maxGapSeconds").asInt()).isEqualTo(600);
		assertThat(body.get("imapUsername").asText()).isEqualTo("other-login");
		assertThat(body.get("smtpUsername").asText()).isEqualTo(mailbox.email());
		assertThat(body.get("dailyCap").asInt()).isEqualTo(30);
	}

	@Test
	void aNewPasswordIsUsedAndOnlyASuccessfulTestClearsTheError() throws Exception {
		Account account = fixtures.verifiedAccount("mbx-edit-pw");
		Mailbox mailbox = connected(account, "old-password");
		String key = fixtures.apiKey(account, "mailboxes:write");
		mailServer.setUser(mailbox.email(), mailbox.email(), "rotated-password");
		assertThat(mailboxes.test(account.owner(), mailbox.id()).ok()).isFalse();
		assertThat(mailboxes.get(account.owner(), mailbox.id()).status()).isEqualTo(MailboxStatus.ERROR);

		MvcResult result = patchMailbox(key, mailbox.id(), "{\"smtp\":{\"password\":\"rotated-password\"}}");

		assertThat(result.getResponse().getStatus()).isEqualTo(200);
		assertThat(result.getResponse().getContentAsString()).doesNotContain("rotated-password");
		assertThat(mailboxes.get(account.owner(), mailbox.id()).status()).isEqualTo(MailboxStatus.ERROR);
		// One app password for both servers (as connected): the new one replaces both.
		ConnectionTest test = mailboxes.test(account.owner(), mailbox.id());
		assertThat(test.smtp().ok()).as(test.smtp().message()).isTrue();
		assertThat(test.imap().ok()).as(test.imap().message()).isTrue();
		assertThat(mailboxes.get(account.owner(), mailbox.id()).status()).isEqualTo(MailboxStatus.ACTIVE);
	}

	@Test
	void aBlankPasswordKeepsTheStoredOne() {
		Account account = fixtures.verifiedAccount("mbx-edit-blank");
		Mailbox mailbox = connected(account, "kept-password");

		mailboxes.update(account.owner(), mailbox.id(),
				new MailboxChanges(null, null, new ServerSettings(null, 0, null, null, "  "),
						new ServerSettings(null, 0, null, null, ""), null, null, null, null, null));

		assertThat(mailboxes.test(account.owner(), mailbox.id()).ok()).isTrue();
	}

	@Test
	void badValuesAreProblemsAndChangeNothing() throws Exception {
		Account account = fixtures.verifiedAccount("mbx-edit-bad");
		Mailbox mailbox = connected(account, "p");
		String key = fixtures.apiKey(account, "mailboxes:write");

		for (String[] bad : List.of(new String[] { "{\"dailyCap\":0}", "invalid-cap" },
				new String[] { "{\"dailyCap\":-5}", "invalid-cap" },
				new String[] { "{\"minGapSeconds\":500}", "invalid-gap" },
				new String[] { "{\"minGapSeconds\":90,\"maxGapSeconds\":30}", "invalid-gap" },
				new String[] { "{\"displayName\":\"Eve\\r\\nBcc: all@victims.test\"}", "invalid-name" },
				new String[] { "{\"smtp\":{\"port\":70000}}", "invalid-port" },
				new String[] { "{\"replyTo\":\"a@b.test, c@d.test\"}", "invalid-reply-to" },
				new String[] { "{\"email\":\"someone-else@edit.test\"}", "email-not-editable" })) {
			MvcResult result = patchMailbox(key, mailbox.id(), bad[0]);
			assertThat(result.getResponse().getStatus()).as(bad[0]).isEqualTo(400);
			assertThat(result.getResponse().getContentType()).isEqualTo("application/problem+json");
			assertThat(json.readTree(result.getResponse().getContentAsString()).get("type").asText()).as(bad[0])
				.endsWith("/problems/" + bad[1]);
		}
		assertThat(mailboxes.get(account.owner(), mailbox.id())).usingRecursiveComparison().isEqualTo(mailbox);
	}

	@Test
	void changingTheAddressIsExplained() throws Exception {
		Account account = fixtures.verifiedAccount("mbx-edit-addr");
		Mailbox mailbox = connected(account, "p");
		String key = fixtures.apiKey(account, "mailboxes:write");

		MvcResult result = patchMailbox(key, mailbox.id(), "{\"email\":\"new@edit.test\"}");

		assertThat(json.readTree(result.getResponse().getContentAsString()).get("detail").asText())
			.contains("cannot change")
			.contains("new mailbox");
	}

	@Test
	void anotherWorkspacesMailboxIsNotFound() throws Exception {
		Account owner = fixtures.verifiedAccount("mbx-edit-owner");
		Account intruder = fixtures.verifiedAccount("mbx-edit-intruder");
		Mailbox mailbox = connected(owner, "p");

		MvcResult result = patchMailbox(fixtures.apiKey(intruder, "mailboxes:write"), mailbox.id(),
				"{\"dailyCap\":99}");

		assertThat(result.getResponse().getStatus()).isEqualTo(404);
		assertThat(fixtures.signedIn(intruder)
			.post("/mailboxes/" + mailbox.id() + "/edit", "dailyCap", "99")
			.getResponse()
			.getStatus()).isEqualTo(404);
		assertThat(mailboxes.get(owner.owner(), mailbox.id()).dailyCap()).isEqualTo(30);
	}

	@Test
	void aViewerMayNotEdit() throws Exception {
		Account owner = fixtures.verifiedAccount("mbx-edit-vowner");
		Account viewer = fixtures.verifiedAccount("mbx-edit-viewer");
		fixtures.join(owner, viewer, WorkspaceRole.VIEWER);
		Mailbox mailbox = connected(owner, "p");
		// A key acts with its creator's role in the workspace: here the viewer's.
		String key = keys
			.create(new Tenant(owner.workspaceId(), viewer.userId(), WorkspaceRole.ADMIN, Set.of(), null), "viewer key",
					List.of("mailboxes:write"), "127.0.0.1")
			.secret();

		assertThat(patchMailbox(key, mailbox.id(), "{\"dailyCap\":99}").getResponse().getStatus()).isEqualTo(403);
		assertThat(
				patchMailbox(fixtures.apiKey(owner, "mailboxes:read"), mailbox.id(), "{\"dailyCap\":99}").getResponse()
					.getStatus())
			.isEqualTo(403);
		WebSession session = fixtures.signedIn(viewer);
		session.post("/workspaces/switch", "workspaceId", owner.workspaceId().toString());
		assertThat(session.get("/mailboxes/" + mailbox.id()).getResponse().getContentAsString())
			.doesNotContain("Edit settings");
		assertThat(session.post("/mailboxes/" + mailbox.id() + "/edit", "dailyCap", "99").getResponse().getStatus())
			.isEqualTo(403);
		assertThatThrownBy(() -> mailboxes.update(
				new Tenant(owner.workspaceId(), viewer.userId(), WorkspaceRole.VIEWER, Set.of(), null), mailbox.id(),
				new MailboxChanges(null, null, null, null, null, null, 99, null, null)))
			.isInstanceOf(AccessDeniedProblem.class);
		assertThat(mailboxes.get(owner.owner(), mailbox.id()).dailyCap()).isEqualTo(30);
	}

	@Test
	void thePageFormEditsTheMailbox() throws Exception {
		Account account = fixtures.verifiedAccount("mbx-edit-page");
		Mailbox mailbox = connected(account, "page-password");
		WebSession session = fixtures.signedIn(account);
		assertThat(session.get("/mailboxes/" + mailbox.id()).getResponse().getContentAsString())
			.contains("Edit settings")
			.contains("value=\"30\"")
			.doesNotContain("page-password");

		MvcResult saved = session.post("/mailboxes/" + mailbox.id() + "/edit", "displayName", "Ed Page", "dailyCap",
				"45", "minGapSeconds", "30", "maxGapSeconds", "90", "smtpHost", "127.0.0.1", "smtpPort",
				String.valueOf(mailServer.getSmtp().getPort()), "smtpSecurity", "NONE", "smtpUsername", mailbox.email(),
				"smtpPassword", "", "imapHost", "127.0.0.1", "imapPort", String.valueOf(mailServer.getImap().getPort()),
				"imapSecurity", "NONE", "imapUsername", mailbox.email(), "imapPassword", "", "replyTo", "",
				"signatureHtml", "<p>Ed</p>");

		assertThat(saved.getResponse().getRedirectedUrl()).isEqualTo("/mailboxes/" + mailbox.id());
		Mailbox after = mailboxes.get(account.owner(), mailbox.id());
		assertThat(after.displayName()).isEqualTo("Ed Page");
		assertThat(after.dailyCap()).isEqualTo(45);
		assertThat(after.maxGapSeconds()).isEqualTo(90);
		assertThat(after.signatureHtml()).isEqualTo("<p>Ed</p>");
		assertThat(mailboxes.test(account.owner(), mailbox.id()).ok()).isTrue();
	}

	@Test
	void thePageFormShowsWhyAndKeepsTheTypedValues() throws Exception {
		Account account = fixtures.verifiedAccount("mbx-edit-page-bad");
		Mailbox mailbox = connected(account, "p");
		WebSession session = fixtures.signedIn(account);

		MvcResult result = session.post("/mailboxes/" + mailbox.id() + "/edit", "displayName", "Typed Name", "dailyCap",
				"0", "smtpPassword", "typed-secret");

		String page = result.getResponse().getContentAsString();
		assertThat(page).contains("The daily cap must be between 1 and 10,000.")
			.contains("value=\"Typed Name\"")
			.contains("value=\"0\"")
			.doesNotContain("typed-secret");
		assertThat(mailboxes.get(account.owner(), mailbox.id()).displayName()).isEqualTo("Ed");
		assertThat(session.post("/mailboxes/" + mailbox.id() + "/edit", "smtpPort", "twenty-five")
			.getResponse()
			.getContentAsString()).contains("must be whole numbers");
	}

}
