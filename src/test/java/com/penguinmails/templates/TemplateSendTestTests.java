package com.penguinmails.templates;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.impl.DNSPublicKeyRecordRetriever;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.SimpleResolver;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import com.penguinmails.domains.Domain;
import com.penguinmails.domains.Domains;
import com.penguinmails.domains.NewDomain;
import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.mailboxes.NewMailbox;
import com.penguinmails.mailboxes.Security;
import com.penguinmails.mailboxes.ServerSettings;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.RawSmtpServer;
import com.penguinmails.support.TestDnsServer;
import com.penguinmails.templates.Templates.Draft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * A template's "send test" is the message a campaign sends: built and DKIM-signed the
 * same way, with the chosen mailbox as the sender.
 */
@IntegrationTest
class TemplateSendTestTests {

	static GreenMail smtp;

	@Autowired
	Templates templates;

	@Autowired
	Mailboxes mailboxes;

	@Autowired
	Domains domains;

	@Autowired
	Fixtures fixtures;

	@Autowired
	MockMvc mvc;

	@BeforeAll
	static void start() {
		smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		smtp.start();
	}

	@AfterAll
	static void stop() {
		smtp.stop();
	}

	private Mailbox mailbox(Account account, String email, int port) {
		smtp.setUser(email, email, "pw-" + email);
		return mailboxes.add(account.owner(), new NewMailbox(email, "Sam Sender", "generic",
				new ServerSettings("127.0.0.1", port, Security.NONE, email, "pw-" + email),
				new ServerSettings("127.0.0.1", 143, Security.NONE, null, null), "<p>Sam, Acme</p>", "", 30, 60, 300));
	}

	@Test
	void theApiSendTestIsSignedOnTheSendingDomainWithListUnsubscribeAndTheMailboxAsSender() throws Exception {
		Account account = fixtures.verifiedAccount("tpl-dkim");
		String domainName = "sendtest-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
		Domain domain = domains.add(account.owner(), new NewDomain(domainName, false, "", ""));
		TestDnsServer.shared().publishZone(domains.zoneSnippet(domains.records(account.owner(), domain.id())));
		Mailbox mailbox = mailbox(account, "sam@" + domainName, smtp.getSmtp().getPort());
		EmailTemplate template = templates.create(account.owner(), new Draft("Intro", "Quick question",
				"<p>Hi {{ first_name }},</p><p>Best, {{ sender.first_name }}</p>", null));
		String key = fixtures.apiKey(account, "templates:write", "mailboxes:write");
		String to = "lead-" + UUID.randomUUID().toString().substring(0, 6) + "@prospect.test";

		MvcResult sent = mvc
			.perform(post("/api/v1/templates/" + template.id() + "/send-test").header("Authorization", "Bearer " + key)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"mailboxId\":\"" + mailbox.id() + "\",\"to\":\"" + to
						+ "\",\"contact\":{\"first_name\":\"Ada\"}}"))
			.andReturn();

		assertThat(sent.getResponse().getStatus()).as(sent.getResponse().getContentAsString()).isEqualTo(200);
		MimeMessage received = Arrays.stream(smtp.getReceivedMessages())
			.filter(m -> GreenMailUtil.getHeaders(m).contains(to))
			.findFirst()
			.orElseThrow();
		String raw = GreenMailUtil.getWholeMessage(received);
		assertThat(raw).contains("Best, Sam").contains("Hi Ada");
		assertThat(received.getMessageID()).endsWith("@" + domainName + ">");
		assertThat(received.getHeader("List-Unsubscribe")[0]).contains("/u/").contains("mailto:sam@" + domainName);
		assertThat(received.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
		assertThat(received.getHeader("Date")).hasSize(1);
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		received.writeTo(bytes);
		SimpleResolver resolver = new SimpleResolver(InetAddress.getLoopbackAddress());
		resolver.setPort(TestDnsServer.shared().port());
		List<SignatureRecord> signatures = new DKIMVerifier(new DNSPublicKeyRecordRetriever(resolver))
			.verify(new ByteArrayInputStream(bytes.toByteArray()));
		assertThat(signatures).hasSize(1);
		assertThat(signatures.get(0).getDToken().toString()).isEqualTo(domainName);
		assertThat(signatures.get(0).getSelector().toString()).isEqualTo(domain.dkimSelector());
	}

	@Test
	void theSendTestSaysEhloWithTheMailboxsDomain() {
		Account account = fixtures.verifiedAccount("tpl-ehlo");
		try (RawSmtpServer server = new RawSmtpServer()) {
			Mailbox mailbox = mailbox(account, "sam@ehlo-sender.test", server.port());
			EmailTemplate template = templates.create(account.owner(),
					new Draft("Hello", "Hello", "<p>Hello from {{ sender.first_name }}</p>", null));

			templates.sendTest(account.owner(), template.id(), mailbox.id(), "ada@prospect.test", java.util.Map.of(),
					"UTC");

			assertThat(server.helos).containsOnly("ehlo-sender.test");
			assertThat(server.messages).hasSize(1);
			assertThat(new String(server.messages.get(0).getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
				.contains("Hello from Sam");
		}
	}

}
