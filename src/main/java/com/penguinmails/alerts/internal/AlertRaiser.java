package com.penguinmails.alerts.internal;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

import com.penguinmails.identity.WorkspaceDirectory;
import com.penguinmails.shared.PenguinMailsProperties;

/** Stores an in-app alert and emails it to the workspace's owner and admins. */
@Component
class AlertRaiser {

	private static final Logger log = LoggerFactory.getLogger(AlertRaiser.class);

	private final AlertRepository repository;

	private final WorkspaceDirectory directory;

	private final JavaMailSender mail;

	private final PenguinMailsProperties properties;

	private final Clock clock;

	AlertRaiser(AlertRepository repository, WorkspaceDirectory directory, JavaMailSender mail,
			PenguinMailsProperties properties, Clock clock) {
		this.repository = repository;
		this.directory = directory;
		this.mail = mail;
		this.properties = properties;
		this.clock = clock;
	}

	void raise(UUID workspaceId, String severity, String title, String body, String path) {
		repository.insert(workspaceId, severity, title, body, path, clock.instant());
		List<String> admins = directory.adminEmails(workspaceId);
		String link = UriComponentsBuilder.fromUri(properties.baseUrl()).path(path).toUriString();
		for (String admin : admins) {
			send(admin, "[PenguinMails] " + title, body + "\n\nWorkspace: " + directory.workspaceName(workspaceId)
					+ "\nDetails and fixes: " + link + "\n");
		}
	}

	/**
	 * Raises the alert unless one with the same title was raised in the workspace within
	 * {@code quiet}: a condition that holds for a while (a complaint rate over its
	 * threshold) alerts once, not at every event that confirms it.
	 */
	void raiseOnce(UUID workspaceId, String severity, String title, String body, String path,
			java.time.Duration quiet) {
		if (!repository.raisedSince(workspaceId, title, clock.instant().minus(quiet))) {
			raise(workspaceId, severity, title, body, path);
		}
	}

	private void send(String to, String subject, String text) {
		try {
			MimeMessage message = mail.createMimeMessage();
			MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
			helper.setFrom(properties.smtp().from());
			helper.setTo(to);
			// Titles hold validated domain names and mailbox addresses (no line
			// breaks), and Jakarta Mail encodes the subject: no header injection.
			helper.setSubject(subject);
			helper.setText(text);
			mail.send(message);
		}
		catch (MessagingException | MailException ex) {
			log.warn("Could not email the alert \"{}\" to {}: {}", subject, to, ex.getMessage());
		}
	}

}
