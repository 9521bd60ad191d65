package com.penguinmails.alerts.internal;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import com.penguinmails.shared.PenguinMailsProperties;

/** Emails one alert to one address, in plain text, from the installation's address. */
@Component
class AlertMail {

	private final JavaMailSender mail;

	private final PenguinMailsProperties properties;

	AlertMail(JavaMailSender mail, PenguinMailsProperties properties) {
		this.mail = mail;
		this.properties = properties;
	}

	/**
	 * Sends it.
	 * @throws MailException when the SMTP server refuses it or cannot be reached
	 */
	void send(String to, String subject, String text) {
		try {
			MimeMessage message = mail.createMimeMessage();
			MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
			helper.setFrom(properties.smtp().from());
			helper.setTo(to);
			// Titles hold validated domain names and mailbox addresses (no line breaks),
			// and Jakarta Mail encodes the subject: no header injection.
			helper.setSubject(subject);
			helper.setText(text);
			mail.send(message);
		}
		catch (MessagingException ex) {
			throw new org.springframework.mail.MailPreparationException(ex.getMessage(), ex);
		}
	}

}
