package com.penguinmails.mailboxes;

import java.net.ServerSocket;
import java.util.List;
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
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Connection tests against a real SMTP and IMAP server (GreenMail, with authentication
 * on).
 */
@IntegrationTest
class MailboxConnectionTests {

	static GreenMail mailServer;

	@Autowired
	Mailboxes mailboxes;

	@Autowired
	com.penguinmails.domains.Domains domains;

	@Autowired
	Fixtures fixtures;

	@Autowired
	MockMvc mvc;

	@Autowired
	ObjectMapper json;

	@BeforeAll
	static void startMailServer() {
		mailServer = new GreenMail(new ServerSetup[] { new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
				new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP) });
		mailServer.start();
		mailServer.setUser("jo@outreach.test", "jo@outreach.test", "right-password");
	}

	@AfterAll
	static void stopMailServer() {
		mailServer.stop();
	}

	private NewMailbox mailbox(String email, String host, int smtpPort, Security smtpSecurity, int imapPort,
			Security imapSecurity, String password) {
		return new NewMailbox(email, "Jo Outreach", "generic",
				new ServerSettings(host, smtpPort, smtpSecurity, "jo@outreach.test", password),
				new ServerSettings(host, imapPort, imapSecurity, "jo@outreach.test", null), "", "", 30, 60, 300);
	}

	private int smtpPort() {
		return mailServer.getSmtp().getPort();
	}

	private int imapPort() {
		return mailServer.getImap().getPort();
	}

	@Test
	void theRightPasswordPassesBothServers() {
		Account account = fixtures.verifiedAccount("mbx-ok");
		Mailbox mailbox = mailboxes.add(account.owner(), mailbox("jo@outreach.test", "127.0.0.1", smtpPort(),
				Security.NONE, imapPort(), Security.NONE, "right-password"));
		ConnectionTest test = mailboxes.test(account.owner(), mailbox.id());
		assertThat(test.smtp().ok()).as(test.smtp().message()).isTrue();
		assertThat(test.imap().ok()).as(test.imap().message()).isTrue();
		assertThat(test.imap().message()).contains("INBOX");
		assertThat(mailboxes.get(account.owner(), mailbox.id()).status()).isEqualTo(MailboxStatus.ACTIVE);
	}

	@Test
	void aWrongPasswordIsAnAuthenticationFailureAndPutsTheMailboxInError() {
		Account account = fixtures.verifiedAccount("mbx-auth");
		Mailbox mailbox = mailboxes.add(account.owner(), mailbox("jo@outreach.test", "127.0.0.1", smtpPort(),
				Security.NONE, imapPort(), Security.NONE, "wrong-password"));
		ConnectionTest test = mailboxes.test(account.owner(), mailbox.id());
		assertThat(test.smtp().stage()).isEqualTo("authentication");
		assertThat(test.imap().stage()).isEqualTo("authentication");
		Mailbox after = mailboxes.get(account.owner(), mailbox.id());
		assertThat(after.status()).isEqualTo(MailboxStatus.ERROR);
		assertThat(after.lastError()).contains("SMTP authentication").doesNotContain("wrong-password");
	}

	@Test
	void aClosedPortIsATcpFailure() throws Exception {
		int closed;
		try (ServerSocket socket = new ServerSocket(0)) {
			closed = socket.getLocalPort();
		}
		Account account = fixtures.verifiedAccount("mbx-port");
		Mailbox mailbox = mailboxes.add(account.owner(), mailbox("jo@outreach.test", "127.0.0.1", closed, Security.NONE,
				imapPort(), Security.NONE, "right-password"));
		ConnectionTest test = mailboxes.test(account.owner(), mailbox.id());
		assertThat(test.smtp().stage()).isEqualTo("tcp");
		assertThat(test.imap().ok()).isTrue();
		// The page says it in words, without the stage key.
		String page = fixtures.signedIn(account)
			.post("/mailboxes/" + mailbox.id() + "/test")
			.getResponse()
			.getContentAsString();
		assertThat(page).contains(">SMTP failed<").doesNotContain("failed: tcp");
	}

	@Test
	void tlsAgainstAPlainPortAndStarttlsWhereItIsNotOfferedAreTlsFailures() {
		Account account = fixtures.verifiedAccount("mbx-tls");
		Mailbox mailbox = mailboxes.add(account.owner(), mailbox("jo@outreach.test", "127.0.0.1", smtpPort(),
				Security.TLS, imapPort(), Security.STARTTLS, "right-password"));
		ConnectionTest test = mailboxes.test(account.owner(), mailbox.id());
		assertThat(test.smtp().stage()).isEqualTo("tls");
		assertThat(test.imap().stage()).isEqualTo("tls");
	}

	@Test
	void anUnknownHostIsADnsFailure() {
		Account account = fixtures.verifiedAccount("mbx-dns");
		Mailbox mailbox = mailboxes.add(account.owner(), mailbox("jo@outreach.test", "no-such-host.invalid", 587,
				Security.NONE, 993, Security.NONE, "right-password"));
		assertThat(mailboxes.test(account.owner(), mailbox.id()).smtp().stage()).isEqualTo("dns");
	}

	@Test
	void presetsFillTheServersAndPasswordsAreNeitherReturnedNorStoredInClear() throws Exception {
		Account account = fixtures.verifiedAccount("mbx-api");
		String key = fixtures.apiKey(account, "mailboxes:write");
		MvcResult created = mvc
			.perform(post("/api/v1/mailboxes").header("Authorization", "Bearer " + key)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"email\":\"sam@client.test\",\"displayName\":\"Sam\",\"preset\":\"google\","
						+ "\"smtp\":{\"password\":\"app-password-123\"}}"))
			.andReturn();
		assertThat(created.getResponse().getStatus()).isEqualTo(201);
		JsonNode body = json.readTree(created.getResponse().getContentAsString());
		assertThat(body.get("smtpHost").asText()).isEqualTo("smtp.gmail.com");
		assertThat(body.get("imapPort").asInt()).isEqualTo(993);
		assertThat(body.get("dailyCap").asInt()).isEqualTo(30);
		assertThat(created.getResponse().getContentAsString()).doesNotContain("app-password-123")
			.doesNotContain("password\"");
		byte[] stored = fixtures.jdbc()
			.sql("SELECT smtp_password FROM mailboxes WHERE email = 'sam@client.test' AND workspace_id = ?")
			.param(account.workspaceId())
			.query(byte[].class)
			.single();
		assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("app-password-123");

		MvcResult injected = mvc.perform(post("/api/v1/mailboxes").header("Authorization", "Bearer " + key)
			.contentType(MediaType.APPLICATION_JSON)
			.content(
					"{\"email\":\"x@client.test\",\"displayName\":\"Eve\\r\\nBcc: all@victims.test\",\"preset\":\"google\","
							+ "\"smtp\":{\"password\":\"p\"}}"))
			.andReturn();
		assertThat(injected.getResponse().getStatus()).isEqualTo(400);
		assertThat(mvc
			.perform(post("/api/v1/mailboxes").header("Authorization", "Bearer " + key)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"email\":\"sam@client.test\",\"preset\":\"google\",\"smtp\":{\"password\":\"p\"}}"))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(409);
	}

	@Test
	void aCsvOfMailboxesIsAddedTestedAndReportedByLine() throws Exception {
		Account account = fixtures.verifiedAccount("mbx-import");
		mailServer.setUser("amy@outreach.test", "amy@outreach.test", "amy-password");
		String key = fixtures.apiKey(account, "mailboxes:write");
		String csv = "email,display_name,smtp_host,smtp_port,smtp_security,smtp_password,imap_host,imap_port,imap_security,daily_cap\n"
				+ "amy@outreach.test,Amy,127.0.0.1," + smtpPort() + ",NONE,amy-password,127.0.0.1," + imapPort()
				+ ",none,50\n" + "bob@outreach.test,Bob,127.0.0.1," + smtpPort() + ",NONE,bad-password,127.0.0.1,"
				+ imapPort() + ",NONE,\n" + "not-an-address,Nobody,127.0.0.1,25,NONE,x,127.0.0.1,143,NONE,\n"
				+ "cat@outreach.test,Cat,127.0.0.1,twenty-five,NONE,x,127.0.0.1,143,NONE,\n";
		JsonNode result = json
			.readTree(mvc.perform(post("/api/v1/mailboxes/import").header("Authorization", "Bearer " + key)
				.contentType("text/csv")
				.content(csv)).andReturn().getResponse().getContentAsString());
		assertThat(result.get("connected").asInt()).isEqualTo(1);
		assertThat(result.get("failedTests").asInt()).isEqualTo(1);
		assertThat(result.get("rejected").asInt()).isEqualTo(2);
		JsonNode rows = result.get("rows");
		assertThat(rows.get(0).get("mailbox").get("dailyCap").asInt()).isEqualTo(50);
		assertThat(rows.get(1).get("line").asInt()).isEqualTo(3);
		assertThat(rows.get(1).get("message").asText()).contains("SMTP authentication");
		assertThat(rows.get(2).get("line").asInt()).isEqualTo(4);
		assertThat(rows.get(2).get("message").asText()).contains("email address");
		assertThat(rows.get(3).get("message").asText()).contains("Not a number");
	}

	@Test
	void aMailboxOnAWorkspaceDomainLinksToItsDkimKey() throws Exception {
		Account account = fixtures.verifiedAccount("mbx-domain");
		String domainName = "own-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
		domains.add(account.owner(), new com.penguinmails.domains.NewDomain(domainName, false, "", ""));
		Mailbox mailbox = mailboxes.add(account.owner(),
				mailbox("jo@" + domainName, "127.0.0.1", smtpPort(), Security.NONE, imapPort(), Security.NONE, "x"));
		assertThat(mailboxes.domainOf(account.owner(), mailbox))
			.hasValueSatisfying(d -> assertThat(d.name()).isEqualTo(domainName));
		WebSession session = fixtures.signedIn(account);
		String page = session.get("/mailboxes/" + mailbox.id()).getResponse().getContentAsString();
		assertThat(page).contains("DKIM selector").contains(domainName);
		// Its SMTP server (127.0.0.1) against the domain's SPF, as published in the test
		// DNS.
		com.penguinmails.support.TestDnsServer.shared().add(domainName + ". 300 IN TXT \"v=spf1 ip4:127.0.0.1 -all\"");
		assertThat(mailboxes.checkSpf(account.owner(), mailbox.id()))
			.hasValueSatisfying(spf -> assertThat(spf.authorised()).isTrue());
		assertThat(session.post("/mailboxes/" + mailbox.id() + "/spf").getResponse().getContentAsString())
			.contains("SPF pass");
	}

	@Test
	void anotherWorkspaceGets404ForEveryMailboxResource() throws Exception {
		Account owner = fixtures.verifiedAccount("mbx-owner");
		Account intruder = fixtures.verifiedAccount("mbx-intruder");
		Mailbox mailbox = mailboxes.add(owner.owner(),
				mailbox("jo" + UUID.randomUUID().toString().substring(0, 4) + "@outreach.test", "127.0.0.1", smtpPort(),
						Security.NONE, imapPort(), Security.NONE, "right-password"));
		String key = fixtures.apiKey(intruder, "mailboxes:write");
		for (var request : new org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder[] {
				get("/api/v1/mailboxes/" + mailbox.id()), post("/api/v1/mailboxes/" + mailbox.id() + "/test"),
				post("/api/v1/mailboxes/" + mailbox.id() + "/pause"), delete("/api/v1/mailboxes/" + mailbox.id()) }) {
			assertThat(
					mvc.perform(request.header("Authorization", "Bearer " + key)).andReturn().getResponse().getStatus())
				.isEqualTo(404);
		}
		WebSession page = fixtures.signedIn(intruder);
		assertThat(page.get("/mailboxes/" + mailbox.id()).getResponse().getStatus()).isEqualTo(404);
		assertThat(page.post("/mailboxes/" + mailbox.id() + "/test").getResponse().getStatus()).isEqualTo(404);
		assertThat(mailboxes.get(owner.owner(), mailbox.id()).status()).isEqualTo(MailboxStatus.ACTIVE);
	}

	@Test
	void thePagesConnectTestAndLinkTheDomain() throws Exception {
		Account account = fixtures.verifiedAccount("mbx-page");
		WebSession session = fixtures.signedIn(account);
		String location = session
			.post("/mailboxes", "email", "jo@outreach.test", "displayName", "Jo", "preset", "generic", "smtpHost",
					"127.0.0.1", "smtpPort", String.valueOf(smtpPort()), "smtpSecurity", "NONE", "smtpPassword",
					"right-password", "imapHost", "127.0.0.1", "imapPort", String.valueOf(imapPort()), "imapSecurity",
					"NONE", "dailyCap", "40", "minGapSeconds", "30", "maxGapSeconds", "90")
			.getResponse()
			.getRedirectedUrl();
		assertThat(location).startsWith("/mailboxes/");
		String tested = session.post(location + "/test").getResponse().getContentAsString();
		assertThat(tested).contains("SMTP ok").contains("IMAP ok");
		assertThat(session.get(location).getResponse().getContentAsString()).contains("not set up in this workspace");
		assertThat(session.post("/mailboxes", "email", "bad", "smtpPassword", "x").getFlashMap().get("error"))
			.asString()
			.contains("email address");
	}

	@Test
	void theSandboxPresetNeedsNoPasswordAndOtherProvidersAskForOne() throws Exception {
		Account account = fixtures.verifiedAccount("mbx-sandbox");
		WebSession session = fixtures.signedIn(account);
		String page = session.get("/mailboxes").getResponse().getContentAsString();
		assertThat(page).contains("value=\"sandbox\"").contains("data-hidden-with-preset=\"sandbox\"");
		// As the form posts it with the sandbox chosen: no password field at all.
		String location = session
			.post("/mailboxes", "email", "me@sandboxed.test", "displayName", "Me", "preset", "sandbox")
			.getResponse()
			.getRedirectedUrl();
		assertThat(location).startsWith("/mailboxes/");
		assertThat(session.post(location + "/test").getResponse().getContentAsString()).contains("SMTP ok")
			.contains("IMAP ok");

		// The sandbox chosen without the page's script: the cap and gaps still hold the
		// first
		// provider's pre-fill, so the sandbox's pacing applies; numbers typed are kept.
		String prefilled = session
			.post("/mailboxes", "email", "nojs@sandboxed.test", "preset", "sandbox", "dailyCap", "30", "minGapSeconds",
					"60", "maxGapSeconds", "300", "pacingFrom", "google")
			.getResponse()
			.getRedirectedUrl();
		Mailbox sandboxed = mailboxes.get(account.owner(),
				UUID.fromString(prefilled.substring("/mailboxes/".length())));
		assertThat(List.of(sandboxed.dailyCap(), sandboxed.minGapSeconds(), sandboxed.maxGapSeconds()))
			.containsExactly(10_000, 2, 5);
		String typed = session
			.post("/mailboxes", "email", "typed@sandboxed.test", "preset", "sandbox", "dailyCap", "50", "minGapSeconds",
					"60", "maxGapSeconds", "300", "pacingFrom", "google")
			.getResponse()
			.getRedirectedUrl();
		assertThat(mailboxes.get(account.owner(), UUID.fromString(typed.substring("/mailboxes/".length()))).dailyCap())
			.isEqualTo(50);

		MvcResult google = session.post("/mailboxes", "email", "me@gmail-user.test", "preset", "google");
		assertThat(google.getResponse().getContentAsString() + google.getFlashMap().get("error"))
			.contains("Give the mailbox's password");
	}

}
