package com.penguinmails.delivery;

import java.net.IDN;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.contacts.Contacts;
import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Addresses with an internationalised domain (IDNA2008) through a real SMTP server
 * (GreenMail, no SMTPUTF8): the envelope and the headers carry the domain as A-labels.
 */
@IntegrationTest
class IdnDeliveryTests {

	static GreenMail smtp;

	@Autowired
	Outbox outbox;

	@Autowired
	Dispatcher dispatcher;

	@Autowired
	Mailboxes mailboxes;

	@Autowired
	Contacts contacts;

	@Autowired
	Fixtures fixtures;

	@BeforeAll
	static void startSmtp() {
		smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		smtp.start();
		smtp.setUser("sender@greenmail.test", Senders.SMTP_LOGIN, Senders.SMTP_PASSWORD);
	}

	@AfterAll
	static void stopSmtp() {
		smtp.stop();
	}

	/** The messages GreenMail delivered to the mailbox of an envelope recipient. */
	private static List<MimeMessage> deliveredTo(String envelopeRecipient) throws Exception {
		GreenMailUser user = smtp.getUserManager().getUserByEmail(envelopeRecipient);
		assertThat(user).as("a mailbox for RCPT TO:<" + envelopeRecipient + ">").isNotNull();
		MailFolder inbox = smtp.getManagers().getImapHostManager().getInbox(user);
		return inbox.getMessages().stream().map(stored -> stored.getMimeMessage()).toList();
	}

	@Test
	void anIdnRecipientGetsItsDomainAsALabelsInRcptToAndTheToHeader() throws Exception {
		Account account = fixtures.verifiedAccount("dlv-idn");
		String domain = "müller-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
		String ascii = "lena@" + IDN.toASCII(domain);
		// As stored from the contact (the normal form), and as typed elsewhere (Unicode).
		String stored = contacts
			.create(account.owner(),
					new Contacts.NewContact(
							"Lena@" + domain.toUpperCase(java.util.Locale.ROOT).replace("MÜLLER", "Müller"), "Lena", "",
							"", "", "", "", "", "", "", null, List.of()))
			.email();
		assertThat(stored).isEqualTo("Lena@" + IDN.toASCII(domain));
		Mailbox mailbox = Senders.mailbox(mailboxes, account.owner(), "jo@" + Senders.uniqueDomain("idn-sender"), "Jo",
				smtp.getSmtp().getPort(), "", "");
		Instant now = Instant.now();
		Outbox.Queued queued = Senders.enqueue(outbox,
				Senders.message(account.owner(), UUID.randomUUID(), mailbox, "lena@" + domain, "Hallo Lena"), now);

		Senders.drain(dispatcher, now);

		List<MimeMessage> delivered = deliveredTo(ascii);
		assertThat(delivered).hasSize(1);
		MimeMessage received = delivered.get(0);
		assertThat(received.getMessageID()).isEqualTo(queued.messageId());
		assertThat(received.getHeader("To", null)).isEqualTo(ascii);
		assertThat(((InternetAddress) received.getRecipients(Message.RecipientType.TO)[0]).getAddress())
			.isEqualTo(ascii);
		assertThat(fixtures.jdbc()
			.sql("SELECT status FROM outbox WHERE id = ?")
			.param(queued.outboxId())
			.query(String.class)
			.single()).isEqualTo("sent");
	}

}
