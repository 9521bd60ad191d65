package com.penguinmails.analytics.internal.reports;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

import com.penguinmails.shared.PenguinMailsProperties;

/**
 * Report e-mails, sent the way account mail is (the installation's system SMTP server, or
 * the sandbox): a short text and HTML body saying what the report covers, with the file
 * attached or a download link.
 */
@Component
class ReportMailer {

	/**
	 * One report e-mail.
	 *
	 * @param subject the subject (no line breaks: names are checked on the way in)
	 * @param lines the body's paragraphs
	 * @param link a download link, or null
	 * @param fileName the attachment's name, or null when there is none
	 * @param mediaType the attachment's Content-Type
	 * @param content the attachment, or null
	 */
	record Mail(String subject, java.util.List<String> lines, String link, String fileName, String mediaType,
			byte[] content) {
	}

	private final JavaMailSender sender;

	private final PenguinMailsProperties properties;

	ReportMailer(JavaMailSender sender, PenguinMailsProperties properties) {
		this.sender = sender;
		this.properties = properties;
	}

	/**
	 * Sends {@code mail} to {@code to}.
	 * @throws MailException or {@link IllegalStateException} when it cannot be sent
	 */
	void send(String to, Mail mail) {
		try {
			MimeMessage message = sender.createMimeMessage();
			MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
			helper.setFrom(properties.smtp().from());
			helper.setTo(to);
			helper.setSubject(mail.subject());
			StringBuilder text = new StringBuilder();
			StringBuilder html = new StringBuilder();
			for (String line : mail.lines()) {
				text.append(line).append("\n\n");
				html.append("<p>").append(HtmlUtils.htmlEscape(line)).append("</p>");
			}
			if (mail.link() != null) {
				text.append(mail.link()).append("\n");
				html.append("<p><a href=\"")
					.append(HtmlUtils.htmlEscape(mail.link()))
					.append("\">Download the report</a></p>");
			}
			helper.setText(text.toString(), html.toString());
			if (mail.content() != null) {
				helper.addAttachment(mail.fileName(), new ByteArrayResource(mail.content()), mail.mediaType());
			}
			sender.send(message);
		}
		catch (MessagingException ex) {
			throw new IllegalStateException("Could not build the report e-mail: " + ex.getMessage(), ex);
		}
	}

}
