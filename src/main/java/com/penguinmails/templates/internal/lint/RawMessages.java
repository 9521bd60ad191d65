package com.penguinmails.templates.internal.lint;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.util.Date;
import java.util.Properties;
import java.util.UUID;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import com.penguinmails.shared.InvalidInputProblem;

/**
 * Builds the RFC 5322 message a step would send, for SpamAssassin: From and To the given
 * address, Subject, Date, a Message-ID on the sender's domain, and a text/plain body or a
 * multipart/alternative of text and HTML (RFC 2046 §5.1.4, text first), in UTF-8 with the
 * transfer encoding Angus Mail chooses.
 */
public final class RawMessages {

	private RawMessages() {
	}

	/**
	 * The message's bytes.
	 * @param from the sender's address ({@code sam@example.com} or {@code Sam <sam@…>})
	 * @param html the HTML body, or null/blank for a text-only message
	 * @throws InvalidInputProblem ({@code invalid-from}) for an address that is not one
	 */
	public static byte[] build(String from, String subject, String html, String text, Clock clock) {
		InternetAddress sender;
		try {
			sender = new InternetAddress(from == null ? "" : from.strip(), true);
			if (sender.getAddress() == null || !sender.getAddress().contains("@")) {
				throw new AddressException("no domain");
			}
		}
		catch (AddressException ex) {
			throw new InvalidInputProblem("invalid-from",
					"Give the sender as an e-mail address, e.g. sam@example.com.");
		}
		String domain = sender.getAddress().substring(sender.getAddress().indexOf('@') + 1);
		try {
			MimeMessage message = new MimeMessage(Session.getInstance(new Properties())) {
				@Override
				protected void updateMessageID() throws MessagingException {
					setHeader("Message-ID", "<" + UUID.randomUUID() + "@" + domain + ">");
				}
			};
			message.setFrom(sender);
			message.setRecipient(MimeMessage.RecipientType.TO, sender);
			message.setSubject(subject == null ? "" : subject, "UTF-8");
			message.setSentDate(Date.from(clock.instant()));
			// RFC 5322 §2.3: lines end in CRLF.
			String plain = crlf(text);
			if (html == null || html.isBlank()) {
				message.setText(plain, "UTF-8");
			}
			else {
				MimeMultipart alternative = new MimeMultipart("alternative");
				MimeBodyPart textPart = new MimeBodyPart();
				textPart.setText(plain, "UTF-8");
				MimeBodyPart htmlPart = new MimeBodyPart();
				htmlPart.setText(crlf(html), "UTF-8", "html");
				alternative.addBodyPart(textPart);
				alternative.addBodyPart(htmlPart);
				message.setContent(alternative);
			}
			message.saveChanges();
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			message.writeTo(out);
			return out.toByteArray();
		}
		catch (MessagingException | IOException ex) {
			throw new IllegalStateException("Could not build the message", ex);
		}
	}

	private static String crlf(String value) {
		return value == null ? "" : value.replaceAll("\\r?\\n|\\r", "\r\n");
	}

}
