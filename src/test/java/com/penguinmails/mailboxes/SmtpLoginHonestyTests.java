package com.penguinmails.mailboxes;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.RawSmtpServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SMTP connection test says what happened: "logged in" only after a login, the reply
 * code of a refused AUTH (the password blamed only for 535), never the server's own
 * words; and EHLO gives the mailbox's domain, never "localhost".
 */
@IntegrationTest
class SmtpLoginHonestyTests {

	@Autowired
	Mailboxes mailboxes;

	@Autowired
	Fixtures fixtures;

	private Mailbox mailbox(Account account, int smtpPort, Boolean smtpAuth) {
		String email = "jo-" + UUID.randomUUID().toString().substring(0, 6) + "@honest-sender.test";
		return mailboxes.add(account.owner(),
				new NewMailbox(email, "Jo Honest", "generic",
						new ServerSettings("127.0.0.1", smtpPort, Security.NONE, email, "a-password"),
						new ServerSettings("127.0.0.1", 1, Security.NONE, email, null), "", "", 30, 60, 300, smtpAuth));
	}

	@Test
	void aServerOfferingNoAuthIsNotReportedAsALogin() {
		Account account = fixtures.verifiedAccount("smtp-noauth");
		try (RawSmtpServer server = new RawSmtpServer().extensions("PIPELINING", "8BITMIME")) {
			Mailbox mailbox = mailbox(account, server.port(), null);

			ConnectionTest.Step smtp = mailboxes.test(account.owner(), mailbox.id()).smtp();

			assertThat(smtp.ok()).isFalse();
			assertThat(smtp.stage()).isEqualTo("authentication");
			assertThat(smtp.message()).contains("offers no AUTH").contains("no authentication");
			assertThat(server.auths).isEmpty();
		}
	}

	@Test
	void aServerNeedingNoLoginPassesWhenTheMailboxSaysSoAndIsNotSaidToHaveLoggedIn() {
		Account account = fixtures.verifiedAccount("smtp-noauth-ok");
		try (RawSmtpServer server = new RawSmtpServer().extensions("PIPELINING")) {
			Mailbox mailbox = mailbox(account, server.port(), false);
			assertThat(mailboxes.get(account.owner(), mailbox.id()).smtpAuth()).isFalse();

			ConnectionTest.Step smtp = mailboxes.test(account.owner(), mailbox.id()).smtp();

			assertThat(smtp.ok()).as(smtp.message()).isTrue();
			assertThat(smtp.message()).contains("no authentication").doesNotContain("logged in");
			assertThat(server.auths).isEmpty();
		}
	}

	@Test
	void aTemporaryAuthRefusalIsNamedByItsReplyCodeAndNotBlamedOnThePassword() {
		Account account = fixtures.verifiedAccount("smtp-454");
		try (RawSmtpServer server = new RawSmtpServer()
			.authReply("454 4.7.0 Temporary authentication failure, secret-internal-hostname.corp")) {
			Mailbox mailbox = mailbox(account, server.port(), null);

			ConnectionTest.Step smtp = mailboxes.test(account.owner(), mailbox.id()).smtp();

			assertThat(smtp.ok()).isFalse();
			assertThat(smtp.stage()).isEqualTo("authentication");
			assertThat(smtp.message()).contains("AUTH answered 454 4.7.0")
				.doesNotContainIgnoringCase("password")
				.doesNotContain("secret-internal-hostname");
			assertThat(server.auths).hasSize(1);
		}
	}

	@Test
	void only535BlamesTheCredentials() {
		Account account = fixtures.verifiedAccount("smtp-535");
		try (RawSmtpServer server = new RawSmtpServer()
			.authReply("535 5.7.8 Username and Password not accepted. Learn more at https://evil.example")) {
			Mailbox mailbox = mailbox(account, server.port(), null);

			ConnectionTest.Step smtp = mailboxes.test(account.owner(), mailbox.id()).smtp();

			assertThat(smtp.stage()).isEqualTo("authentication");
			assertThat(smtp.message()).contains("username or password")
				.contains("535 5.7.8")
				.doesNotContain("evil.example");
		}
	}

	@Test
	void aRefusingGreetingIsNamedByItsCodeNotEchoed() {
		Account account = fixtures.verifiedAccount("smtp-greeting");
		try (RawSmtpServer server = new RawSmtpServer().greeting("554 5.7.1 <script>alert(1)</script> go away")) {
			Mailbox mailbox = mailbox(account, server.port(), null);

			ConnectionTest.Step smtp = mailboxes.test(account.owner(), mailbox.id()).smtp();

			assertThat(smtp.ok()).isFalse();
			assertThat(smtp.stage()).isEqualTo("greeting");
			assertThat(smtp.message()).contains("554").doesNotContain("script").doesNotContain("go away");
		}
	}

	@Test
	void aGreetingThatIsNotAReplyIsNotEchoedEither() {
		Account account = fixtures.verifiedAccount("smtp-garbage");
		try (RawSmtpServer server = new RawSmtpServer().greeting("HELLO FROM <b>evil</b> 10.0.0.7")) {
			Mailbox mailbox = mailbox(account, server.port(), null);

			ConnectionTest.Step smtp = mailboxes.test(account.owner(), mailbox.id()).smtp();

			assertThat(smtp.ok()).isFalse();
			assertThat(smtp.message()).doesNotContain("evil").doesNotContain("10.0.0.7");
		}
	}

	@Test
	void ehloGivesTheMailboxsDomainNeverLocalhost() {
		Account account = fixtures.verifiedAccount("smtp-ehlo");
		try (RawSmtpServer server = new RawSmtpServer()) {
			Mailbox mailbox = mailbox(account, server.port(), null);

			assertThat(mailboxes.test(account.owner(), mailbox.id()).smtp().ok()).isTrue();

			assertThat(server.helos).containsOnly("honest-sender.test");
		}
	}

}
