package com.penguinmails.delivery.internal;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.MailboxStatus;
import com.penguinmails.mailboxes.Security;

import static org.assertj.core.api.Assertions.assertThat;

/** The MIME shape of what we send. */
class MessageBuilderTests {

	private static final String PIXEL = "<table role=\"presentation\" width=\"1\" height=\"1\" cellpadding=\"0\" "
			+ "cellspacing=\"0\" border=\"0\" background=\"https://app.test/o/AbC-12_x\" "
			+ "style=\"background-image:url('https://app.test/o/AbC-12_x')\"><tbody><tr><td></td></tr></tbody></table>";

	private static Mailbox mailbox(String signature) {
		return new Mailbox(UUID.randomUUID(), "sam@acme.test", "Sam Sender", "127.0.0.1", 25, Security.NONE,
				"sam@acme.test", "127.0.0.1", 143, Security.NONE, "sam@acme.test", signature, "", 30, 60, 300,
				MailboxStatus.ACTIVE, null, null, Instant.now(), true, null);
	}

	private static OutboxStore.Claimed row(String html, String text) {
		UUID id = UUID.randomUUID();
		return new OutboxStore.Claimed(id, UUID.randomUUID(), null, null, 0, UUID.randomUUID(), "ada@client.test",
				"Ada", "Hello", html, text, "<" + id + "@acme.test>", null, null, 0, java.time.Instant.now());
	}

	@Test
	void theSignatureGoesBeforeTheOpenPixelSoThePixelStaysLast() {
		assertThat(MessageBuilder.withSignature("<p>Hi</p>" + PIXEL, "<p>Sam</p>"))
			.isEqualTo("<p>Hi</p><div class=\"signature\"><p>Sam</p></div>" + PIXEL);
		assertThat(MessageBuilder.withSignature("<html><body><p>Hi</p>" + PIXEL + "</body></html>", "<p>Sam</p>"))
			.isEqualTo("<html><body><p>Hi</p><div class=\"signature\"><p>Sam</p></div>" + PIXEL + "</body></html>");
	}

	@Test
	void withoutHtmlTheMessageIsOneTextPartWithTheSignatureAsText() throws Exception {
		MimeMessage message = MessageBuilder.build(row(null, "Hi Ada,\nsee https://example.com/guide"),
				mailbox("<p>Sam Sender<br>Acme</p>"), URI.create("https://app.test/u/x"), Instant.now());

		assertThat(message.getContentType()).startsWith("text/plain");
		ByteArrayOutputStream raw = new ByteArrayOutputStream();
		message.writeTo(raw);
		assertThat(raw.toString().replace("\r\n", "\n")).doesNotContain("text/html")
			.doesNotContain("multipart")
			.contains("https://example.com/guide")
			.contains("guide\n\n-- \nSam Sender\nAcme");
	}

	@Test
	void theTextAlternativeCarriesTheSignatureToo() throws Exception {
		MimeMessage message = MessageBuilder.build(row("<p>Hi Ada</p>", "Hi Ada"), mailbox("<p>Sam</p>"),
				URI.create("https://app.test/u/x"), Instant.now());

		ByteArrayOutputStream raw = new ByteArrayOutputStream();
		message.writeTo(raw);
		assertThat(raw.toString().replace("\r\n", "\n")).contains("multipart/alternative")
			.contains("Hi Ada\n\n-- \nSam");
	}

}
