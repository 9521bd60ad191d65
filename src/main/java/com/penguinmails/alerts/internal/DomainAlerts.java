package com.penguinmails.alerts.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

import com.penguinmails.domains.DomainClaimed;
import com.penguinmails.domains.DomainStatusChanged;
import com.penguinmails.identity.WorkspaceDirectory;
import com.penguinmails.shared.PenguinMailsProperties;

/**
 * A domain whose status changes raises an in-app alert and emails the workspace's owner
 * and admins. Runs after the verification commits, from the durable event publication
 * registry, so a crash in between only delays the alert.
 */
@Component
class DomainAlerts {

	private static final Logger log = LoggerFactory.getLogger(DomainAlerts.class);

	private final JdbcClient jdbc;

	private final WorkspaceDirectory directory;

	private final JavaMailSender mail;

	private final PenguinMailsProperties properties;

	private final Clock clock;

	DomainAlerts(JdbcClient jdbc, WorkspaceDirectory directory, JavaMailSender mail, PenguinMailsProperties properties,
			Clock clock) {
		this.jdbc = jdbc;
		this.directory = directory;
		this.mail = mail;
		this.properties = properties;
		this.clock = clock;
	}

	@ApplicationModuleListener
	void on(DomainClaimed claim) {
		String title = claim.name() + " was claimed by another workspace";
		String body = "Someone proved control of its DNS by publishing a claim token, so the domain left this "
				+ "workspace. If that was not your team, check who can change the domain's DNS.";
		raise(claim.fromWorkspaceId(), "critical", title, body, "/domains");
	}

	@ApplicationModuleListener
	void on(DomainStatusChanged change) {
		String severity;
		String title;
		String body;
		switch (change.to()) {
			case "failing" -> {
				severity = "critical";
				title = change.name() + " is failing DNS verification";
				body = "A record that verified before no longer does. Mail from this domain may land in spam or be "
						+ "rejected until it is fixed.";
			}
			case "verified" -> {
				severity = "info";
				title = change.name() + " is verified";
				body = "Every required record (SPF, DKIM, DMARC) is in place.";
			}
			default -> {
				return;
			}
		}
		raise(change.workspaceId(), severity, title, body, "/domains/" + change.domainId());
	}

	private void raise(UUID workspaceId, String severity, String title, String body, String path) {
		jdbc.sql("""
				INSERT INTO alerts (id, workspace_id, severity, title, body, link, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?)""")
			.params(UUID.randomUUID(), workspaceId, severity, title, body, path, Timestamp.from(clock.instant()))
			.update();
		List<String> admins = directory.adminEmails(workspaceId);
		String link = UriComponentsBuilder.fromUri(properties.baseUrl()).path(path).toUriString();
		for (String admin : admins) {
			send(admin, "[PenguinMails] " + title, body + "\n\nWorkspace: " + directory.workspaceName(workspaceId)
					+ "\nDetails and fixes: " + link + "\n");
		}
	}

	private void send(String to, String subject, String text) {
		try {
			MimeMessage message = mail.createMimeMessage();
			MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
			helper.setFrom(properties.smtp().from());
			helper.setTo(to);
			// The domain name is validated (letters, digits, dots, hyphens): no header
			// injection.
			helper.setSubject(subject);
			helper.setText(text);
			mail.send(message);
		}
		catch (MessagingException | MailException ex) {
			log.warn("Could not email the alert \"{}\" to {}: {}", subject, to, ex.getMessage());
		}
	}

}
